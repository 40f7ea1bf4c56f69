package io.flowforge.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.connector.Internal;
import io.flowforge.connector.PublicEvolving;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Every public top-level type of the connector packages says whether a connector author may build
 * on it ({@link PublicEvolving}) or not ({@link Internal}): a new public class without a mark fails
 * here, so the SPI surface cannot grow by accident.
 */
class SpiSurfaceTest {

    static final List<String> SPI_PACKAGES = List.of("io.flowforge.connector", "io.flowforge.connector.arrow",
            "io.flowforge.connector.jdbc");

    @Test
    void everyPublicTypeOfTheConnectorPackagesIsMarked() throws Exception {
        List<String> unmarked = new ArrayList<>();
        int seen = 0;
        for (String pkg : SPI_PACKAGES) {
            for (String name : topLevelClasses(pkg)) {
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                if (!Modifier.isPublic(type.getModifiers())) {
                    continue;
                }
                seen++;
                boolean evolving = type.isAnnotationPresent(PublicEvolving.class);
                boolean internal = type.isAnnotationPresent(Internal.class);
                if (evolving == internal) {
                    unmarked.add(name + (evolving ? " (both marks)" : ""));
                }
            }
        }
        assertThat(seen).as("public types found in " + SPI_PACKAGES).isGreaterThan(50);
        assertThat(unmarked).as("public types that are neither @PublicEvolving nor @Internal").isEmpty();
    }

    @Test
    void theAuthorsBuildingBlocksArePublicEvolvingAndTheReadPathIsInternal() {
        for (Class<?> spi : List.of(JdbcConnectorFactory.class, DefaultJdbcDialect.class, JdbcDialect.class,
                JdbcCatalog.class, JdbcTypeMapping.class, StandardColumnMappings.class, ColumnMapping.class,
                ColumnReader.class, JdbcConnector.class)) {
            assertThat(spi.isAnnotationPresent(PublicEvolving.class)).as(spi.getSimpleName()).isTrue();
        }
        for (Class<?> internal : List.of(ResultSetArrowReader.class, SelectedColumns.class, JdbcFailures.class)) {
            assertThat(internal.isAnnotationPresent(Internal.class)).as(internal.getSimpleName()).isTrue();
        }
        assertThat(Modifier.isPublic(ConnectionSource.class.getModifiers())).as("ConnectionSource").isFalse();
    }

    /** The top-level classes of a package, from class directories and jars alike. */
    static List<String> topLevelClasses(String pkg) throws IOException, URISyntaxException {
        String path = pkg.replace('.', '/');
        TreeSet<String> names = new TreeSet<>();
        for (URL url : Collections.list(SpiSurfaceTest.class.getClassLoader().getResources(path))) {
            if (url.getProtocol().equals("file")) {
                File[] files = new File(url.toURI()).listFiles();
                for (File f : files == null ? new File[0] : files) {
                    add(names, pkg, f.getName());
                }
            } else if (url.getProtocol().equals("jar")) {
                try (JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile()) {
                    jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(path + "/")
                            && n.indexOf('/', path.length() + 1) < 0).forEach(n -> add(names, pkg, n.substring(path.length() + 1)));
                }
            }
        }
        return new ArrayList<>(names);
    }

    private static void add(TreeSet<String> names, String pkg, String file) {
        if (file.endsWith(".class") && !file.contains("$") && !file.equals("package-info.class")
                && !file.equals("module-info.class")) {
            names.add(pkg + "." + file.substring(0, file.length() - ".class".length()));
        }
    }
}

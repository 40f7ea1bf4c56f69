package io.flowforge.examples;

import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnectorFactory;
import java.sql.Driver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

/**
 * {@code flowforge --version}: FlowForge's version, then every connector on the class path with
 * the driver it uses and that driver's version, as the jar bundles them.
 */
final class VersionInfo implements CommandLine.IVersionProvider {

    static final String VERSION = "0.1.0";

    @Override
    public String[] getVersion() {
        List<String> lines = new ArrayList<>();
        lines.add("FlowForge " + VERSION + " (Java " + Runtime.version() + ")");
        for (String id : Connectors.available()) {
            DatabaseConnectorFactory f = Connectors.factory(id);
            lines.add(String.format("  %-11s %s", id, f.driverClassName().map(VersionInfo::driver)
                    .orElse("any JDBC driver on the class path (jdbcUrl)")));
        }
        return lines.toArray(String[]::new);
    }

    // Where each bundled driver's Maven metadata is; the shaded jar keeps pom.properties but not the manifests.
    private static final java.util.Map<String, String> POM_PROPERTIES = java.util.Map.of(
            "com.microsoft.sqlserver.jdbc.SQLServerDriver", "META-INF/maven/com.microsoft.sqlserver/mssql-jdbc/pom.properties",
            "org.postgresql.Driver", "META-INF/maven/org.postgresql/postgresql/pom.properties",
            "org.mariadb.jdbc.Driver", "META-INF/maven/org.mariadb.jdbc/mariadb-java-client/pom.properties");

    /** The driver's class and version: from its Maven metadata, its jar's manifest, or its JDBC major.minor. */
    static String driver(String className) {
        try {
            Class<?> c = Class.forName(className);
            String version = pomVersion(c, POM_PROPERTIES.get(className))
                    .or(() -> Optional.ofNullable(c.getPackage()).map(Package::getImplementationVersion)).orElse(null);
            if (version == null && Driver.class.isAssignableFrom(c)) {
                Driver d = (Driver) c.getDeclaredConstructor().newInstance();
                version = d.getMajorVersion() + "." + d.getMinorVersion();
            }
            return className + " " + (version == null ? "(version unknown)" : version);
        } catch (ReflectiveOperationException | LinkageError e) {
            return className + " (not on the class path)";
        }
    }

    private static Optional<String> pomVersion(Class<?> c, String resource) {
        if (resource == null) {
            return Optional.empty();
        }
        try (java.io.InputStream in = c.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return Optional.ofNullable(p.getProperty("version"));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}

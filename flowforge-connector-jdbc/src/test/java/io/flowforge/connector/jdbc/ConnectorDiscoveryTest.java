package io.flowforge.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.DatabaseConnectorFactory;
import io.flowforge.connector.ReadOptions;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader's three errors through real ServiceLoader lookups, and secrets kept out of every text. */
class ConnectorDiscoveryTest {

    /** A second factory claiming {@code jdbc}, to make the identifier ambiguous. */
    public static final class OtherJdbcFactory implements DatabaseConnectorFactory {
        @Override public String identifier() { return "jdbc"; }
        @Override public DatabaseConnector create(ConnectionConfig config) { throw new UnsupportedOperationException(); }
    }

    /** A factory that sorts after {@code jdbc}. */
    public static final class ZetaFactory implements DatabaseConnectorFactory {
        @Override public String identifier() { return "zeta"; }
        @Override public DatabaseConnector create(ConnectionConfig config) { throw new UnsupportedOperationException(); }
    }

    /** A factory that sorts before {@code jdbc}. */
    public static final class AlphaFactory implements DatabaseConnectorFactory {
        @Override public String identifier() { return "alpha"; }
        @Override public DatabaseConnector create(ConnectionConfig config) { throw new UnsupportedOperationException(); }
    }

    // A class loader that sees this module's services file plus one listing the given factories.
    private static URLClassLoader withExtraServices(Path dir, Class<?>... factories) throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        StringBuilder sb = new StringBuilder();
        for (Class<?> f : factories) {
            sb.append(f.getName()).append('\n');
        }
        Files.writeString(services.resolve(DatabaseConnectorFactory.class.getName()), sb);
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, ConnectorDiscoveryTest.class.getClassLoader());
    }

    @Test
    void noConnectorsVisible() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> Connectors.factory("jdbc", empty))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessage("No FlowForge connectors were found on the class path. Add a connector module "
                            + "(for example io.flowforge:flowforge-connector-sqlserver) as a dependency.");
        }
    }

    @Test
    void unknownIdentifierListsTheAvailableOnesSorted(@TempDir Path dir) throws Exception {
        try (URLClassLoader loader = withExtraServices(dir, ZetaFactory.class, AlphaFactory.class)) {
            assertThat(Connectors.available(loader)).containsExactly("alpha", "jdbc", "zeta");
            assertThatThrownBy(() -> Connectors.factory("oracle", loader))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessage("No connector for identifier 'oracle'. Available connectors: alpha, jdbc, zeta.");
        }
    }

    @Test
    void ambiguousIdentifierNamesBothClasses(@TempDir Path dir) throws Exception {
        try (URLClassLoader loader = withExtraServices(dir, OtherJdbcFactory.class)) {
            assertThatThrownBy(() -> Connectors.factory("jdbc", loader))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessage("More than one connector for identifier 'jdbc': "
                            + "io.flowforge.connector.jdbc.ConnectorDiscoveryTest$OtherJdbcFactory, "
                            + "io.flowforge.connector.jdbc.GenericJdbcConnectorFactory. Keep only one of them on the class path.");
        }
    }

    @Test
    void passwordNeverInConfigTextOrMaskedUrls() {
        ConnectionConfig cfg = ConnectionConfig.builder()
                .jdbcUrl("jdbc:sqlserver://db:1433;databaseName=BFSI_Test;user=sa;password=FlowForge2024!")
                .username("sa").password("FlowForge2024!").property("accessToken", "tok-123").build();
        assertThat(cfg.toString()).doesNotContain("FlowForge2024!").doesNotContain("tok-123")
                .contains("password=******");
        assertThat(JdbcUrls.mask("jdbc:sqlserver://db:1433;user=sa;password=FlowForge2024!;encrypt=false"))
                .isEqualTo("jdbc:sqlserver://db:1433;user=sa;password=******;encrypt=false");
        assertThat(JdbcUrls.mask("jdbc:postgresql://db/test?user=u&password=FlowForge2024!&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/test?user=u&password=******&ssl=true");
        assertThat(JdbcUrls.mask("jdbc:mariadb://root:FlowForge2024!@db:3306/test"))
                .isEqualTo("jdbc:mariadb://root:******@db:3306/test");
    }

    @Test
    void driverMessagesThatEchoThePasswordAreRedactedInMessageAndCause() throws Exception {
        try (BfsiH2 db = BfsiH2.create(); BufferAllocator allocator = new RootAllocator()) {
            DatabaseConnector c = Connectors.open("jdbc", db.config());
            // H2 repeats the unknown table name, here the password, in its error.
            assertThatThrownBy(() -> c.readQuery("SELECT * FROM \"" + BfsiH2.PASSWORD + "\"", ReadOptions.defaults(), allocator))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageStartingWith("Could not read 'query': Table \"******\" not found")
                    .satisfies(e -> {
                        for (Throwable t = e; t != null; t = t.getCause()) {
                            assertThat(String.valueOf(t.getMessage())).doesNotContain(BfsiH2.PASSWORD);
                        }
                        assertThat(e.getCause()).isNotNull();
                    });
        }
    }
}

package io.flowforge.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectionTestResult;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.DatabaseConnector;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The driver a {@link JdbcConnectorFactory} names opens its connectors' connections, plain and
 * pooled, for the URLs it takes; DriverManager opens the rest.
 */
class FactoryDriverTest {

    /** Takes {@code jdbc:private:<h2 url>} and opens H2 itself; never registered with DriverManager. */
    public static final class PrivateDriver extends TestDriver {
        static final AtomicInteger CONNECTS = new AtomicInteger();

        @Override
        public Connection connect(String url, Properties info) throws SQLException {
            if (!acceptsURL(url)) {
                return null;
            }
            CONNECTS.incrementAndGet();
            return new org.h2.Driver().connect(url.substring("jdbc:private:".length()), info);
        }

        @Override
        public boolean acceptsURL(String url) {
            return url.startsWith("jdbc:private:");
        }
    }

    /** Takes the same URLs and answers none of them. */
    public static final class NullDriver extends TestDriver {
        @Override
        public Connection connect(String url, Properties info) {
            return null;
        }

        @Override
        public boolean acceptsURL(String url) {
            return url.startsWith("jdbc:private:");
        }
    }

    static JdbcConnector connector(ConnectionConfig config) {
        return new JdbcConnector("private", config, new DefaultJdbcDialect(), new GenericJdbcTypeMapping()) {};
    }

    static final class PrivateFactory extends JdbcConnectorFactory {
        PrivateFactory(String driverClassName) {
            super(new Settings("private", driverClassName, "private", 1, "/", "give a host name", List.of()),
                    FactoryDriverTest::connector);
        }
    }

    private static final ConnectionConfig CONFIG = ConnectionConfig.builder()
            .jdbcUrl("jdbc:private:jdbc:h2:mem:factory_driver;DB_CLOSE_DELAY=-1").build();

    @Test
    void theFactorysDriverOpensTheConnectorsConnectionsThoughDriverManagerDoesNotKnowIt() {
        assertThatThrownBy(() -> DriverManager.getConnection(CONFIG.jdbcUrl())).hasMessageContaining("No suitable driver");
        PrivateFactory factory = new PrivateFactory(PrivateDriver.class.getName());
        PrivateDriver.CONNECTS.set(0);
        for (DatabaseConnector connector : List.of(factory.create(CONFIG), factory.createPooled(CONFIG, 2))) {
            try (connector) {
                ConnectionTestResult result = connector.testConnection();
                assertThat(result.success()).as(result.message()).isTrue();
                assertThat(result.productName()).isEqualTo("H2");
            }
        }
        assertThat(PrivateDriver.CONNECTS.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aConnectorMadeWithoutItsFactoryAsksDriverManager() {
        try (DatabaseConnector connector = connector(CONFIG)) {
            ConnectionTestResult result = connector.testConnection();
            assertThat(result.success()).isFalse();
            assertThat(result.message()).contains("No suitable driver");
        }
    }

    @Test
    void otherUrlsGoToDriverManager() throws SQLException {
        CountingDriver.register();
        CountingDriver.CONNECTS.set(0);
        PrivateDriver.CONNECTS.set(0);
        try (Connection c = JdbcConnector.connect(new PrivateDriver(), new DefaultJdbcDialect(),
                "jdbc:counting:h2:mem:factory_other", new Properties())) {
            assertThat(c.isValid(1)).isTrue();
        }
        assertThat(PrivateDriver.CONNECTS).hasValue(0);
        assertThat(CountingDriver.CONNECTS).hasValue(1);
    }

    @Test
    void aDriverThatTakesTheUrlAndReturnsNoConnectionIsAnErrorWithoutTheSecret() {
        ConnectionConfig config = ConnectionConfig.builder().jdbcUrl("jdbc:private:jdbc:h2:mem:x;password=Hunter2").build();
        try (DatabaseConnector connector = new PrivateFactory(NullDriver.class.getName()).create(config)) {
            ConnectionTestResult result = connector.testConnection();
            assertThat(result.success()).isFalse();
            assertThat(result.message()).contains("returned no connection").doesNotContain("Hunter2");
        }
        assertThatThrownBy(() -> JdbcConnector.connect(new NullDriver(), new DefaultJdbcDialect(), config.jdbcUrl(),
                new Properties()))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("returned no connection")
                .hasMessageNotContaining("Hunter2")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
    }

    @Test
    void aDriverThatCannotBeLoadedIsNamedWhenTheConnectorIsCreated() {
        assertThatThrownBy(() -> new PrivateFactory("com.example.NoSuchDriver").create(CONFIG))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("private connector cannot load its JDBC driver com.example.NoSuchDriver")
                .hasMessageContaining("class path");
        assertThatThrownBy(() -> new PrivateFactory(String.class.getName()).create(CONFIG))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("java.lang.String");
    }
}

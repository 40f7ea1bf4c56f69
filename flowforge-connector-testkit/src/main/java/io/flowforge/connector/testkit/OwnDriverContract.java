package io.flowforge.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectionTestResult;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.DatabaseConnectorFactory;
import io.flowforge.connector.jdbc.JdbcDialect;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * For a connector written for one driver (its factory names it): the connector asks that driver
 * itself for connections, not {@link DriverManager}. With the driver removed from DriverManager, as
 * it is when the connector's jar is loaded by a class loader DriverManager's caller cannot see
 * (Spark's {@code --jars}, a plugin loader), DriverManager finds no driver for the URL and the
 * connector, plain and pooled, still connects. The driver is registered again afterwards.
 */
public interface OwnDriverContract extends ContractSupport {

    /**
     * Without a database: the driver the factory names loads, is a {@link Driver}, takes the URLs the
     * dialect builds and leaves another driver's URL (H2's) to DriverManager.
     */
    static void assertFactorysDriverTakesTheDialectsUrls(DatabaseConnectorFactory factory, JdbcDialect dialect)
            throws ReflectiveOperationException, SQLException {
        String name = factory.driverClassName().orElseThrow(() -> new AssertionError(factory.identifier() + " names no driver"));
        Object loaded = Class.forName(name, true, factory.getClass().getClassLoader()).getDeclaredConstructor().newInstance();
        assertThat(loaded).isInstanceOf(Driver.class);
        Driver driver = (Driver) loaded;
        assertThat(driver.acceptsURL(dialect.jdbcUrl(ConnectionConfig.builder().host("db.example").database("sales").build())))
                .isTrue();
        assertThat(driver.acceptsURL("jdbc:h2:mem:other")).as("another driver's URL goes to DriverManager").isFalse();
    }

    @Test
    default void connectsThroughItsOwnDriverWithoutDriverManager() throws Exception {
        ContractDatabase db = contractDatabase();
        DatabaseConnectorFactory factory = Connectors.factory(db.connectorIdentifier());
        String driverClass = factory.driverClassName()
                .orElseThrow(() -> new AssertionError(db.connectorIdentifier() + " names no driver: it does not belong here"));
        ConnectionConfig config = db.config(contractSchema());
        List<Driver> removed = new ArrayList<>();
        for (Driver d : Collections.list(DriverManager.getDrivers())) {
            if (d.getClass().getName().equals(driverClass)) {
                DriverManager.deregisterDriver(d);
                removed.add(d);
            }
        }
        try {
            assertThatThrownBy(() -> DriverManager.getDriver(config.jdbcUrl())).as("DriverManager without " + driverClass)
                    .isInstanceOf(SQLException.class).hasMessageContaining("No suitable driver");
            for (DatabaseConnector connector : List.of(factory.create(config), factory.createPooled(config, 2))) {
                try (connector) {
                    ConnectionTestResult result = connector.testConnection();
                    assertThat(result.success()).as(result.message()).isTrue();
                    assertThat(result.productName()).isEqualTo(db.productName());
                }
            }
        } finally {
            for (Driver d : removed) {
                DriverManager.registerDriver(d);
            }
        }
    }
}

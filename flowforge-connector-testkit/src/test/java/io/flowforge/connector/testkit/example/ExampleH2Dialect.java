package io.flowforge.connector.testkit.example;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.jdbc.DefaultJdbcDialect;
import java.sql.Driver;
import java.util.Optional;

/**
 * H2's differences from the defaults: its server URL and its driver, asked directly. Quoting,
 * streaming and the catalog are the defaults.
 */
final class ExampleH2Dialect extends DefaultJdbcDialect {

    @Override
    public String jdbcUrl(ConnectionConfig config) {
        return hostPortDatabaseUrl(config, "h2:tcp", "H2", 9092);
    }

    @Override
    public Optional<Driver> driver() {
        return Optional.of(new org.h2.Driver());
    }
}

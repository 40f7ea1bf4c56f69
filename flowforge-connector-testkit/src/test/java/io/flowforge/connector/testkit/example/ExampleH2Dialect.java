package io.flowforge.connector.testkit.example;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.jdbc.DefaultJdbcDialect;

/**
 * H2's differences from the defaults: its server URL. Quoting, streaming and the catalog are the
 * defaults; the driver is the one the factory names.
 */
final class ExampleH2Dialect extends DefaultJdbcDialect {

    @Override
    public String jdbcUrl(ConnectionConfig config) {
        return hostPortDatabaseUrl(config, "h2:tcp", "H2", 9092);
    }
}

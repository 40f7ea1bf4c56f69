package io.flowforge.connector.jdbc;

import io.flowforge.connector.ConnectionConfig;

/**
 * The {@code jdbc} connector: any database with a JDBC driver on the class path, reached through
 * {@link ConnectionConfig#jdbcUrl()}, with the {@link DefaultJdbcDialect} and the
 * {@link GenericJdbcTypeMapping}.
 */
public final class GenericJdbcConnector extends JdbcConnector {

    public GenericJdbcConnector(ConnectionConfig config) {
        super(GenericJdbcConnectorFactory.IDENTIFIER, config, new DefaultJdbcDialect(), new GenericJdbcTypeMapping());
    }
}

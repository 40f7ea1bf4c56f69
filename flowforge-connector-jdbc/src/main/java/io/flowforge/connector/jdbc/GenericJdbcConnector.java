package io.flowforge.connector.jdbc;

import io.flowforge.connector.PublicEvolving;
import io.flowforge.connector.ConnectionConfig;

/**
 * The {@code jdbc} connector: any database with a JDBC driver on the class path, reached through
 * {@link ConnectionConfig#jdbcUrl()}, with the {@link DefaultJdbcDialect} and the
 * {@link GenericJdbcTypeMapping}. On {@code jdbc:mariadb:} and {@code jdbc:mysql:} URLs it reads
 * through the binary protocol and {@link MySqlProtocolReaders}, which keep FLOAT, dates and wall
 * clocks exact where the plain path would not.
 */
@PublicEvolving
public final class GenericJdbcConnector extends JdbcConnector {

    public GenericJdbcConnector(ConnectionConfig config) {
        this(config, speaksMySqlProtocol(config.jdbcUrl()));
    }

    private GenericJdbcConnector(ConnectionConfig config, boolean mySqlProtocol) {
        super(GenericJdbcConnectorFactory.IDENTIFIER, config,
                mySqlProtocol ? new MySqlProtocolJdbcDialect() : new DefaultJdbcDialect(),
                mySqlProtocol ? GenericJdbcTypeMapping.forMySqlProtocol() : new GenericJdbcTypeMapping());
    }

    /** Whether a URL reaches a MySQL or MariaDB server (MariaDB Connector/J or MySQL Connector/J). */
    static boolean speaksMySqlProtocol(String url) {
        return url != null && (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:"));
    }
}

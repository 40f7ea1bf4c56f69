package io.flowforge.connector.mysql;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.DatabaseConnectorFactory;
import io.flowforge.connector.jdbc.ConfigProblems;
import io.flowforge.connector.jdbc.JdbcConnector;
import io.flowforge.connector.jdbc.JdbcTypeMapping;

/**
 * Creates connectors for the identifier {@code mysql}: MySQL and MariaDB servers, both through
 * MariaDB Connector/J. It checks the configuration before anything connects and lists every
 * missing option in one message.
 */
public final class MySqlConnectorFactory implements DatabaseConnectorFactory {

    public static final String IDENTIFIER = "mysql";

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    @Override
    public java.util.Optional<String> driverClassName() {
        return java.util.Optional.of("org.mariadb.jdbc.Driver");
    }

    /** The connector with a HikariCP pool of {@code maxConnections}, built from its own URL and properties. */
    @Override
    public DatabaseConnector createPooled(ConnectionConfig config, int maxConnections) {
        return io.flowforge.connector.jdbc.PooledConnectors.pool((io.flowforge.connector.jdbc.JdbcConnector) create(config),
                io.flowforge.connector.jdbc.PoolSettings.of(identifier(), maxConnections));
    }

    @Override
    public DatabaseConnector create(ConnectionConfig config) {
        validate(config);
        return new MySqlConnector(config);
    }

    /** Host and username are needed unless a {@code jdbcUrl} is given; the database is optional. */
    static void validate(ConnectionConfig config) {
        requireNonNull(config, "config is null");
        ConfigProblems p = new ConfigProblems(IDENTIFIER, MySqlDialect.DEFAULT_PORT);
        if (config.jdbcUrlOverride().isEmpty()) {
            // These would let the host name change the URL's path, hosts, connection properties or
            // user info (user:pw@host, whose password the driver echoes in its errors).
            p.host(config.host(), "/?&,@", "give the host name, and the port and database separately; "
                    + "the user and password as username and password");
            p.require("username", !ConfigProblems.blank(config.username()));
        } else {
            p.check(config.jdbcUrl().startsWith("jdbc:mariadb:"),
                    "jdbcUrl must start with 'jdbc:mariadb:' (MariaDB Connector/J reaches MySQL servers too)");
        }
        p.throwIfAny();
    }

    /** The {@code mysql} connector: the shared JDBC connector with MySQL's dialect and type mapping. */
    static final class MySqlConnector extends JdbcConnector {
        MySqlConnector(ConnectionConfig config) {
            super(IDENTIFIER, config, new MySqlDialect(), new MySqlTypeMapping());
        }

        /** A caller's query cannot be rewritten to convert spatial values on the server. */
        @Override
        protected JdbcTypeMapping queryTypeMapping() {
            return MySqlTypeMapping.forQueryResults();
        }
    }
}

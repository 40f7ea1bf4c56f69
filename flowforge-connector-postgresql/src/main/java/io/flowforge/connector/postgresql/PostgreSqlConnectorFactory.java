package io.flowforge.connector.postgresql;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.DatabaseConnectorFactory;
import io.flowforge.connector.jdbc.ConfigProblems;

/**
 * Creates {@link PostgreSqlConnector}s for the identifier {@code postgresql}. It checks the
 * configuration before anything connects and lists every missing option in one message.
 */
public final class PostgreSqlConnectorFactory implements DatabaseConnectorFactory {

    public static final String IDENTIFIER = "postgresql";

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    @Override
    public java.util.Optional<String> driverClassName() {
        return java.util.Optional.of("org.postgresql.Driver");
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
        return new PostgreSqlConnector(config);
    }

    /**
     * Host, database and username are needed unless a {@code jdbcUrl} is given. A password is not:
     * PostgreSQL servers often authenticate by trust, peer, certificate or a {@code .pgpass} file.
     */
    static void validate(ConnectionConfig config) {
        requireNonNull(config, "config is null");
        ConfigProblems p = new ConfigProblems(IDENTIFIER, PostgreSqlDialect.DEFAULT_PORT);
        if (config.jdbcUrlOverride().isEmpty()) {
            // These would let the host name change the URL's path, add connection properties or
            // user info (user:pw@host, which pgjdbc echoes as an unknown host).
            p.host(config.host(), "/?&@", "give the host name, and the port and database separately; "
                    + "the user and password as username and password");
            p.require("database", !ConfigProblems.blank(config.database()));
        } else {
            p.check(config.jdbcUrl().startsWith("jdbc:postgresql:"), "jdbcUrl must start with 'jdbc:postgresql:'");
        }
        p.require("username", !ConfigProblems.blank(config.username()) || config.jdbcUrlOverride().isPresent());
        p.throwIfAny();
    }
}

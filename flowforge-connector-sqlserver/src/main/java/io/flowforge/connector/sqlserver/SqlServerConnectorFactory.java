package io.flowforge.connector.sqlserver;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.DatabaseConnectorFactory;
import io.flowforge.connector.jdbc.ConfigProblems;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Creates {@link SqlServerConnector}s for the identifier {@code sql-server}. It checks the
 * configuration before anything connects and lists every missing option in one message.
 */
public final class SqlServerConnectorFactory implements DatabaseConnectorFactory {

    public static final String IDENTIFIER = "sql-server";

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    @Override
    public java.util.Optional<String> driverClassName() {
        return java.util.Optional.of("com.microsoft.sqlserver.jdbc.SQLServerDriver");
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
        return new SqlServerConnector(config);
    }

    /**
     * Fails with one message naming every missing or malformed option: host and database (unless a
     * jdbcUrl is given), username and password (unless the driver authenticates another way, with
     * {@code authentication=ActiveDirectory*} or {@code integratedSecurity=true}), and what that
     * other way needs ({@link SqlServerLogins}).
     */
    static void validate(ConnectionConfig config) {
        validate(config, SqlServerLogins::classPresent, System.getProperty("os.name", ""));
    }

    static void validate(ConnectionConfig config, Predicate<String> classPresent, String osName) {
        requireNonNull(config, "config is null");
        ConfigProblems p = new ConfigProblems(IDENTIFIER, SqlServerDialect.DEFAULT_PORT);
        if (config.jdbcUrlOverride().isEmpty()) {
            // A ';' would let the host name add connection properties to the URL.
            p.host(config.host(), ";", "give the server name, optionally with \\instance, and the port separately");
            p.require("database", !ConfigProblems.blank(config.database()));
        } else {
            p.check(config.jdbcUrl().startsWith("jdbc:sqlserver:"), "jdbcUrl must start with 'jdbc:sqlserver:'");
        }
        Map<String, String> settings = SqlServerLogins.settings(config);
        boolean hasUser = !ConfigProblems.blank(config.username());
        boolean hasPassword = config.passwordSecret().isPresent();
        if (!SqlServerLogins.otherThanSqlLogin(settings)) {
            p.require("username", hasUser);
            p.require("password", hasPassword);
        }
        SqlServerLogins.check(settings, hasUser, hasPassword, p, classPresent, osName);
        p.throwIfAny();
    }
}

package io.flowforge.connector.sqlserver;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.DatabaseConnectorFactory;
import io.flowforge.connector.jdbc.ConfigProblems;

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
    public DatabaseConnector create(ConnectionConfig config) {
        validate(config);
        return new SqlServerConnector(config);
    }

    /**
     * Fails with one message naming every missing or malformed option: host and database (unless a
     * jdbcUrl is given), username and password (unless the driver authenticates another way, with
     * the {@code authentication} or {@code integratedSecurity=true} property).
     */
    static void validate(ConnectionConfig config) {
        requireNonNull(config, "config is null");
        ConfigProblems p = new ConfigProblems(IDENTIFIER, SqlServerDialect.DEFAULT_PORT);
        if (config.jdbcUrlOverride().isEmpty()) {
            // A ';' would let the host name add connection properties to the URL.
            p.host(config.host(), ";", "give the server name, optionally with \\instance, and the port separately");
            p.require("database", !ConfigProblems.blank(config.database()));
        } else {
            p.check(config.jdbcUrl().startsWith("jdbc:sqlserver:"), "jdbcUrl must start with 'jdbc:sqlserver:'");
        }
        boolean otherAuthentication = config.properties().containsKey("authentication")
                || "true".equalsIgnoreCase(config.properties().get("integratedSecurity"));
        if (!otherAuthentication) {
            p.require("username", !ConfigProblems.blank(config.username()));
            p.require("password", config.passwordSecret().isPresent());
        }
        p.throwIfAny();
    }
}

package io.flowforge.connector.sqlserver;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.DatabaseConnectorFactory;
import java.util.ArrayList;
import java.util.List;

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
        List<String> missing = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (config.jdbcUrlOverride().isEmpty()) {
            if (blank(config.host())) {
                missing.add("host");
            } else if (config.host().contains(";") || config.host().chars().anyMatch(Character::isWhitespace)) {
                // A ';' would let the host name add connection properties to the URL.
                problems.add("host '" + config.host() + "' must not contain ';' or spaces: give the server name, "
                        + "optionally with \\instance, and the port separately");
            }
            if (blank(config.database())) {
                missing.add("database");
            }
        } else if (!config.jdbcUrl().startsWith("jdbc:sqlserver:")) {
            problems.add("jdbcUrl must start with 'jdbc:sqlserver:'");
        }
        boolean otherAuthentication = config.properties().containsKey("authentication")
                || "true".equalsIgnoreCase(config.properties().get("integratedSecurity"));
        if (!otherAuthentication) {
            if (blank(config.username())) {
                missing.add("username");
            }
            if (config.passwordSecret().isEmpty()) {
                missing.add("password");
            }
        }
        if (!missing.isEmpty()) {
            problems.add(0, "missing " + String.join(", ", missing)
                    + " (port is optional and defaults to " + SqlServerDialect.DEFAULT_PORT + ")");
        }
        if (!problems.isEmpty()) {
            throw new ConnectorException("The " + IDENTIFIER + " connection configuration is incomplete: "
                    + String.join("; ", problems) + ".");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

package io.flowforge.connector.postgresql;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.DatabaseConnectorFactory;
import java.util.ArrayList;
import java.util.List;

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
        List<String> missing = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (config.jdbcUrlOverride().isEmpty()) {
            if (blank(config.host())) {
                missing.add("host");
            } else if (config.host().chars().anyMatch(ch -> ch == '/' || ch == '?' || ch == '&' || Character.isWhitespace(ch))) {
                // These would let the host name change the URL's path or add connection properties.
                problems.add("host '" + config.host() + "' must not contain '/', '?', '&' or spaces: give the host name, "
                        + "and the port and database separately");
            }
            if (blank(config.database())) {
                missing.add("database");
            }
        } else if (!config.jdbcUrl().startsWith("jdbc:postgresql:")) {
            problems.add("jdbcUrl must start with 'jdbc:postgresql:'");
        }
        if (blank(config.username()) && config.jdbcUrlOverride().isEmpty()) {
            missing.add("username");
        }
        if (!missing.isEmpty()) {
            problems.add(0, "missing " + String.join(", ", missing)
                    + " (port is optional and defaults to " + PostgreSqlDialect.DEFAULT_PORT + ")");
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

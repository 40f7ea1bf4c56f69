package io.flowforge.connector.mysql;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.DatabaseConnectorFactory;
import io.flowforge.connector.jdbc.JdbcConnector;
import java.util.ArrayList;
import java.util.List;

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
    public DatabaseConnector create(ConnectionConfig config) {
        validate(config);
        return new MySqlConnector(config);
    }

    /** Host and username are needed unless a {@code jdbcUrl} is given; the database is optional. */
    static void validate(ConnectionConfig config) {
        requireNonNull(config, "config is null");
        List<String> missing = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (config.jdbcUrlOverride().isEmpty()) {
            if (blank(config.host())) {
                missing.add("host");
            } else if (config.host().chars().anyMatch(ch -> ch == '/' || ch == '?' || ch == '&' || ch == ','
                    || Character.isWhitespace(ch))) {
                // These would let the host name change the URL's path, hosts or connection properties.
                problems.add("host '" + config.host() + "' must not contain '/', '?', '&', ',' or spaces: give the "
                        + "host name, and the port and database separately");
            }
            if (blank(config.username())) {
                missing.add("username");
            }
        } else if (!config.jdbcUrl().startsWith("jdbc:mariadb:")) {
            problems.add("jdbcUrl must start with 'jdbc:mariadb:' (MariaDB Connector/J reaches MySQL servers too)");
        }
        if (!missing.isEmpty()) {
            problems.add(0, "missing " + String.join(", ", missing)
                    + " (port is optional and defaults to " + MySqlDialect.DEFAULT_PORT + ")");
        }
        if (!problems.isEmpty()) {
            throw new ConnectorException("The " + IDENTIFIER + " connection configuration is incomplete: "
                    + String.join("; ", problems) + ".");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The {@code mysql} connector: the shared JDBC connector with MySQL's dialect and type mapping. */
    static final class MySqlConnector extends JdbcConnector {
        MySqlConnector(ConnectionConfig config) {
            super(IDENTIFIER, config, new MySqlDialect(), new MySqlTypeMapping());
        }
    }
}

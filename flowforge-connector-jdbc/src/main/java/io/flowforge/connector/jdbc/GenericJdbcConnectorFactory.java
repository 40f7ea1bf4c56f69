package io.flowforge.connector.jdbc;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectorConfigException;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.DatabaseConnectorFactory;
import io.flowforge.connector.PublicEvolving;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the generic {@code jdbc} connector. It needs {@code jdbcUrl}; user, password and driver
 * properties are passed to the driver as given.
 */
@PublicEvolving
public final class GenericJdbcConnectorFactory implements DatabaseConnectorFactory {

    /** The identifier to open this connector with: {@code Connectors.open("jdbc", config)}. */
    public static final String IDENTIFIER = "jdbc";

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    /** The connector with a HikariCP pool of {@code maxConnections}, built from its own URL and properties. */
    @Override
    public DatabaseConnector createPooled(ConnectionConfig config, int maxConnections) {
        return io.flowforge.connector.jdbc.PooledConnectors.pool((io.flowforge.connector.jdbc.JdbcConnector) create(config),
                io.flowforge.connector.jdbc.PoolSettings.of(identifier(), maxConnections));
    }

    @Override
    public DatabaseConnector create(ConnectionConfig config) {
        requireNonNull(config, "config is null");
        List<String> problems = new ArrayList<>();
        String url = config.jdbcUrl();
        if (url == null || url.isBlank()) {
            problems.add("jdbcUrl is missing (for example jdbc:postgresql://host:5432/db)");
        } else if (!url.startsWith("jdbc:")) {
            problems.add("jdbcUrl must start with 'jdbc:', was '" + JdbcUrls.mask(config.redact(url)) + "'");
        }
        if (!problems.isEmpty()) {
            throw new ConnectorConfigException("The jdbc connector cannot be created: " + String.join("; ", problems) + ".");
        }
        return new GenericJdbcConnector(config);
    }
}

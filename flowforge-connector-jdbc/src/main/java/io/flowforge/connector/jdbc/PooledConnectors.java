package io.flowforge.connector.jdbc;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.PublicEvolving;

/**
 * Opens JDBC-based connectors ({@code sql-server}, {@code postgresql}, {@code mysql}, {@code jdbc})
 * whose connections come from a HikariCP pool instead of a new driver connection per call. The
 * pool is built from the connector's own dialect URL and driver properties (so pooled and
 * unpooled connections are the same), starts on first use, and is closed with the connector.
 *
 * <pre>{@code
 * try (DatabaseConnector db = PooledConnectors.open("postgresql", config, PoolSettings.of("orders-job", 4))) {
 *     db.listTables();   // borrows a connection and hands it back
 * }
 * }</pre>
 *
 * A pooled connector may be shared by threads for catalog calls and reads: each call borrows its
 * own connection. Readers hold theirs until closed, so at most {@code maxSize} reads run at once.
 */
@PublicEvolving
public final class PooledConnectors {

    private PooledConnectors() {}

    /** Opens the connector {@code type} with {@code config}, its connections from a new pool. */
    public static JdbcConnector open(String type, ConnectionConfig config, PoolSettings settings) {
        requireNonNull(settings, "settings is null");
        DatabaseConnector connector = Connectors.open(type, config);
        if (!(connector instanceof JdbcConnector jdbc)) {
            connector.close();
            throw new ConnectorException("The '" + type + "' connector does not read through JDBC, so its connections "
                    + "cannot be pooled; open it with Connectors.open instead.");
        }
        return pool(jdbc, settings);
    }

    /**
     * Gives {@code connector} (new, not used yet) a pool of its own; closing the connector closes
     * the pool.
     *
     * @throws IllegalStateException if the connector already takes its connections from a source
     */
    public static <C extends JdbcConnector> C pool(C connector, PoolSettings settings) {
        requireNonNull(connector, "connector is null");
        requireNonNull(settings, "settings is null");
        JdbcDialect dialect = connector.dialect();
        String url = dialect.jdbcUrl(connector.config());
        DirectDataSource direct = new DirectDataSource(dialect, connector.driver(), url,
                dialect.driverProperties(connector.config()), connector.redact(dialect.maskedUrl(url)), connector::redact);
        connector.useConnectionSource(new HikariConnectionSource(settings, direct));
        return connector;
    }
}

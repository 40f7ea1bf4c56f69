package io.flowforge.connector;

/**
 * Creates connectors of one kind. Implementations are discovered with
 * {@link java.util.ServiceLoader} (a {@code META-INF/services/io.flowforge.connector.DatabaseConnectorFactory}
 * file), must have a public no-argument constructor, and hold no state.
 */
@PublicEvolving
public interface DatabaseConnectorFactory {

    /** A lowercase identifier such as {@code sql-server}, unique on the class path. */
    String identifier();

    /**
     * Creates a connector for the given configuration. It fails fast, with every problem listed,
     * when the configuration lacks what this kind of database needs; it does not connect yet.
     */
    DatabaseConnector create(ConnectionConfig config);

    /**
     * Creates a connector that several threads may use at once, its connections taken from a pool
     * of at most {@code maxConnections} that closes with it (a multi-table job opens one per job).
     * By default the plain connector, for connectors that keep no connections.
     */
    default DatabaseConnector createPooled(ConnectionConfig config, int maxConnections) {
        return create(config);
    }

    /**
     * The class name of the driver this connector uses (for {@code flowforge --version}), or empty
     * when it takes whatever driver its URL names (the generic {@code jdbc} connector).
     */
    default java.util.Optional<String> driverClassName() {
        return java.util.Optional.empty();
    }
}

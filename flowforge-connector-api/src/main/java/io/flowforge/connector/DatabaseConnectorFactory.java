package io.flowforge.connector;

/**
 * Creates connectors of one kind. Implementations are discovered with
 * {@link java.util.ServiceLoader} (a {@code META-INF/services/io.flowforge.connector.DatabaseConnectorFactory}
 * file), must have a public no-argument constructor, and hold no state.
 */
public interface DatabaseConnectorFactory {

    /** A lowercase identifier such as {@code sql-server}, unique on the class path. */
    String identifier();

    /**
     * Creates a connector for the given configuration. It fails fast, with every problem listed,
     * when the configuration lacks what this kind of database needs; it does not connect yet.
     */
    DatabaseConnector create(ConnectionConfig config);

    /**
     * The class name of the driver this connector uses (for {@code flowforge --version}), or empty
     * when it takes whatever driver its URL names (the generic {@code jdbc} connector).
     */
    default java.util.Optional<String> driverClassName() {
        return java.util.Optional.empty();
    }
}

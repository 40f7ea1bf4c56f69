package io.flowforge.connector;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Finds connector factories on the class path with {@link ServiceLoader} and opens connectors by
 * identifier.
 */
@PublicEvolving
public final class Connectors {

    private Connectors() {}

    /** Opens a connector for the identifier (for example {@code sql-server}) and configuration. */
    public static DatabaseConnector open(String identifier, ConnectionConfig config) {
        requireNonNull(config, "config is null");
        return factory(identifier).create(config);
    }

    /**
     * Opens a connector for several threads at once, with a pool of at most {@code maxConnections}
     * connections where the connector keeps connections (every JDBC connector).
     */
    public static DatabaseConnector openPooled(String identifier, ConnectionConfig config, int maxConnections) {
        requireNonNull(config, "config is null");
        return factory(identifier).createPooled(config, maxConnections);
    }

    /** The factory for an identifier, found with the context class loader. */
    public static DatabaseConnectorFactory factory(String identifier) {
        return factory(identifier, defaultClassLoader());
    }

    /** The factory for an identifier, found with the given class loader. */
    public static DatabaseConnectorFactory factory(String identifier, ClassLoader classLoader) {
        requireNonNull(identifier, "identifier is null");
        return select(identifier, load(classLoader));
    }

    /** The identifiers of every connector on the class path, sorted. */
    public static SortedSet<String> available() {
        return available(defaultClassLoader());
    }

    /** The identifiers of every connector the class loader sees, sorted. */
    public static SortedSet<String> available(ClassLoader classLoader) {
        TreeSet<String> ids = new TreeSet<>();
        for (DatabaseConnectorFactory f : load(classLoader)) {
            ids.add(f.identifier());
        }
        return ids;
    }

    /**
     * Chooses the factory for an identifier among the given ones, with the loader's three errors.
     * Exposed for tests and for hosts that collect factories themselves.
     */
    public static DatabaseConnectorFactory select(String identifier, List<DatabaseConnectorFactory> factories) {
        requireNonNull(identifier, "identifier is null");
        if (factories.isEmpty()) {
            throw new ConnectorConfigException(
                    "No FlowForge connectors were found on the class path. Add a connector module "
                            + "(for example io.flowforge:flowforge-connector-sqlserver) as a dependency.");
        }
        Map<String, List<DatabaseConnectorFactory>> byId = new TreeMap<>();
        for (DatabaseConnectorFactory f : factories) {
            byId.computeIfAbsent(f.identifier(), k -> new ArrayList<>()).add(f);
        }
        List<DatabaseConnectorFactory> matches = byId.get(identifier);
        if (matches == null) {
            throw new ConnectorConfigException(String.format(
                    "No connector for identifier '%s'. Available connectors: %s.",
                    identifier, String.join(", ", byId.keySet())));
        }
        if (matches.size() > 1) {
            throw new ConnectorConfigException(String.format(
                    "More than one connector for identifier '%s': %s. Keep only one of them on the class path.",
                    identifier,
                    matches.stream().map(f -> f.getClass().getName()).sorted().collect(Collectors.joining(", "))));
        }
        return matches.get(0);
    }

    private static List<DatabaseConnectorFactory> load(ClassLoader classLoader) {
        List<DatabaseConnectorFactory> factories = new ArrayList<>();
        ServiceLoader.load(DatabaseConnectorFactory.class, classLoader).forEach(factories::add);
        return factories;
    }

    private static ClassLoader defaultClassLoader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : Connectors.class.getClassLoader();
    }
}

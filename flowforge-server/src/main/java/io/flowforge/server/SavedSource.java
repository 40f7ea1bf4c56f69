package io.flowforge.server;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.Secret;
import io.flowforge.connector.UrlSecrets;
import io.flowforge.connector.jdbc.JdbcUrls;
import io.flowforge.connector.jdbc.PoolSettings;
import io.flowforge.connector.jdbc.PooledConnectors;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A connection the server keeps so that clients refer to it by id: its password stays here and is
 * never written to a response, and its catalog calls share one connection pool.
 */
final class SavedSource implements AutoCloseable {

    private final String id;
    private final String name;
    private final String type;
    private final ConnectionConfig connection;
    private final boolean demo;
    private final Instant createdAt;
    private final DatabaseConnector connector;

    SavedSource(String id, String name, String type, ConnectionConfig connection, boolean demo, int poolSize) {
        this.id = requireNonNull(id, "id is null");
        this.name = requireNonNull(name, "name is null");
        this.type = requireNonNull(type, "type is null");
        this.connection = requireNonNull(connection, "connection is null");
        this.demo = demo;
        this.createdAt = Instant.now();
        // Catalog calls (tables, schema, test) borrow from this source's pool; a load opens its own connection.
        PoolSettings pool = PoolSettings.of("flowforge-" + id, poolSize)
                .withConnectionTimeout(connection.loginTimeout().toMillis() < 250
                        ? PoolSettings.DEFAULT_CONNECTION_TIMEOUT : connection.loginTimeout());
        this.connector = PooledConnectors.open(type, connection, pool);
    }

    String id() {
        return id;
    }

    String type() {
        return type;
    }

    ConnectionConfig connection() {
        return connection;
    }

    /** The pooled connector; shared by request threads, each call borrowing its own connection. */
    DatabaseConnector connector() {
        return connector;
    }

    /** What a client may see: everything but secrets, which show only as set or not. */
    Map<String, Object> view() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("host", connection.host());
        c.put("port", connection.port());
        c.put("database", connection.database());
        c.put("username", connection.username());
        c.put("password_set", connection.passwordSecret().filter(s -> !s.isEmpty()).isPresent());
        c.put("jdbc_url", connection.jdbcUrl() == null ? null : JdbcUrls.mask(connection.redact(connection.jdbcUrl())));
        Map<String, String> props = new TreeMap<>();
        connection.properties().forEach((k, v) -> props.put(k, UrlSecrets.isSecretKey(k) ? Secret.MASK : connection.redact(v)));
        c.put("properties", props);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("type", type);
        m.put("demo", demo);
        m.put("created_at", createdAt.toString());
        m.put("connection", c);
        return m;
    }


    /** Opens an unpooled connector for a one-off call (a connection test of unsaved settings). */
    static DatabaseConnector unpooled(String type, ConnectionConfig connection) {
        return Connectors.open(type, connection);
    }

    @Override
    public void close() {
        connector.close();
    }
}

package io.flowforge.benchmark;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.TableId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where a scenario reads from: the JDBC URL and credentials, the table, the connector identifier
 * that FlowForge opens it with, and the rows per batch / fetch size every scenario shares.
 */
record BenchTarget(BenchDatabase database, String url, String user, String password, String table, String connector,
        int batchSize, java.util.Map<String, String> properties) {

    BenchTarget {
        requireNonNull(database, "database is null");
        requireNonNull(url, "url is null");
        requireNonNull(table, "table is null");
        requireNonNull(connector, "connector is null");
        properties = java.util.Map.copyOf(properties);
    }

    Connection connect() throws SQLException {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection(url, p);
    }

    ConnectionConfig connectionConfig() {
        ConnectionConfig.Builder b = ConnectionConfig.builder().jdbcUrl(url);
        if (user != null) {
            b.username(user);
        }
        if (password != null && !password.isEmpty()) {
            b.password(password);
        }
        b.properties(properties);
        return b.build();
    }

    TableId tableId() {
        return TableId.of(null, table);
    }

    /** The arguments that rebuild this target in a child process. */
    String[] toArgs() {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--db",
                database.name().toLowerCase(java.util.Locale.ROOT), "--url", url,
                "--user", user == null ? "" : user, "--password", password == null ? "" : password,
                "--table", table, "--connector", connector, "--batch-size", Integer.toString(batchSize)));
        properties.forEach((k, v) -> {
            args.add("--property");
            args.add(k + "=" + v);
        });
        return args.toArray(new String[0]);
    }
}

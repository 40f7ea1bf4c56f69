package io.flowforge.server;

import io.flowforge.connector.testkit.LiveDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A live database for the API tests, from the same settings as the connector contract suite
 * ({@code FLOWFORGE_PG_URL}..., {@code FLOWFORGE_MYSQL_URL}...): the admin connection and the
 * host, port and database a person would type into the form.
 */
record LiveSource(String type, String displayName, String url, String adminUser, String adminPassword,
        String host, int port, String database) {

    private static final Pattern URL = Pattern.compile("jdbc:[a-z]+://([^:/]+):(\\d+)/([^?;]+).*");

    static LiveSource postgres() {
        return of("postgresql", "PostgreSQL", LiveDatabases.setting("FLOWFORGE_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
                LiveDatabases.setting("FLOWFORGE_PG_USER", "postgres"), LiveDatabases.setting("FLOWFORGE_PG_PASSWORD", ""));
    }

    static LiveSource mariaDb() {
        return of("mysql", "MariaDB", LiveDatabases.setting("FLOWFORGE_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/test"),
                LiveDatabases.setting("FLOWFORGE_MYSQL_USER", "root"), LiveDatabases.setting("FLOWFORGE_MYSQL_PASSWORD", ""));
    }

    private static LiveSource of(String type, String name, String url, String user, String password) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected jdbc:<db>://host:port/database, was " + url);
        }
        return new LiveSource(type, name, url, user, password, m.group(1), Integer.parseInt(m.group(2)), m.group(3));
    }

    /** Skips (or under FLOWFORGE_REQUIRE_DATABASES fails) when the server cannot be reached. */
    Connection connectOrSkip() {
        try {
            return admin();
        } catch (SQLException e) {
            LiveDatabases.requireReachable(displayName, url, Optional.of(String.valueOf(e.getMessage())));
            throw new AssertionError("unreachable", e);
        }
    }

    Connection admin() throws SQLException {
        return DriverManager.getConnection(url, adminUser, adminPassword);
    }

    /** The plan's source_config, as the page sends it. */
    Map<String, Object> sourceConfig(String database, String user, String password) {
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put("host", host);
        connection.put("port", port);
        connection.put("database", database);
        connection.put("username", user);
        if (password != null && !password.isEmpty()) {
            connection.put("password", password);
        }
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("type", type);
        source.put("connection", connection);
        return source;
    }
}

package io.flowforge.ingest;

import io.flowforge.connector.testkit.LiveDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** The live PostgreSQL and MariaDB of this machine, as the ingestion tests use them. */
enum LiveDb {
    POSTGRESQL("postgresql", LiveDatabases.setting("FLOWFORGE_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
            LiveDatabases.setting("FLOWFORGE_PG_USER", "postgres"), LiveDatabases.setting("FLOWFORGE_PG_PASSWORD", "")),
    MARIADB("mysql", LiveDatabases.setting("FLOWFORGE_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/test"),
            LiveDatabases.setting("FLOWFORGE_MYSQL_USER", "root"), LiveDatabases.setting("FLOWFORGE_MYSQL_PASSWORD", ""));

    final String type;
    final String url;
    final String user;
    final String password;

    LiveDb(String type, String url, String user, String password) {
        this.type = type;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Skips (or, in CI, fails) the calling test when the server is not reachable. */
    void requireReachable() {
        Optional<String> problem;
        try (Connection c = connect()) {
            problem = c.isValid(5) ? Optional.empty() : Optional.of("the connection is not valid");
        } catch (SQLException e) {
            problem = Optional.of(String.valueOf(e.getMessage()));
        }
        LiveDatabases.requireReachable(name(), url + " as " + user, problem);
    }

    String createSchema(String schema) {
        return this == MARIADB ? "CREATE DATABASE " + schema + " CHARACTER SET utf8mb4" : "CREATE SCHEMA " + schema;
    }

    String dropSchema(String schema) {
        return this == MARIADB ? "DROP DATABASE IF EXISTS " + schema : "DROP SCHEMA IF EXISTS " + schema + " CASCADE";
    }

    String timestamp() {
        return this == MARIADB ? "DATETIME(6)" : "TIMESTAMP(6)";
    }

    /**
     * The connection part of a job file for tables in {@code schema}, the password (if any) inline.
     * On MariaDB a schema is a database, and the catalog lists the connection's database: the URL names it.
     */
    String connectionJson(String schema) {
        String u = this == MARIADB ? url.replaceFirst("/[^/?]*(\\?|$)", "/" + schema + "$1") : url;
        return "{\"jdbcUrl\": \"" + u + "\", \"username\": \"" + user + "\""
                + (password.isEmpty() ? "" : ", \"password\": \"" + password + "\"") + "}";
    }

    void execute(String... sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }
}

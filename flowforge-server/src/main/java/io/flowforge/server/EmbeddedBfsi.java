package io.flowforge.server;

import io.flowforge.connector.ConnectionConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The plan's BFSI_Test database (500 customers, 40 accounts) in an embedded H2 in SQL Server mode,
 * loaded from the same {@code sql/BFSI_Test.sql} that the SQL Server tests run (this jar carries
 * it). Lives while open. The server's demo source and the examples (quickstart, CLI tests) both
 * start theirs here.
 */
public final class EmbeddedBfsi implements AutoCloseable {

    private static final String USER = "sa";
    private final String url;
    private final String password;
    private final Connection keepAlive;

    private EmbeddedBfsi(String name, String password) throws SQLException {
        // H2 has no dbo schema: INIT creates it and makes it the default, as dbo is on SQL Server.
        this.url = "jdbc:h2:mem:" + name + ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;"
                + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;INIT=CREATE SCHEMA IF NOT EXISTS dbo\\;SET SCHEMA dbo";
        this.password = password;
        this.keepAlive = DriverManager.getConnection(url, USER, password);
    }

    /** Starts a new in-memory database with the given name and loads BFSI_Test into it. */
    public static EmbeddedBfsi start(String name, String password) {
        try {
            EmbeddedBfsi db = new EmbeddedBfsi(name, password);
            try (Connection c = DriverManager.getConnection(db.url, USER, password)) {
                runScript(c);
            }
            return db;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot start the embedded BFSI_Test database: " + e.getMessage(), e);
        }
    }

    /** The connection settings for the generic {@code jdbc} connector. */
    public ConnectionConfig connectionConfig() {
        return ConnectionConfig.builder().jdbcUrl(url).username(USER).password(password).build();
    }

    /** Runs statements, for example to change rows between two ingestion runs. */
    public void run(List<String> sql) throws SQLException {
        try (Statement s = keepAlive.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        keepAlive.close();
    }

    /**
     * Loads {@code sql/BFSI_Test.sql} from the class path with H2's own script runner (the script
     * runs unchanged on SQL Server and on H2 in MSSQLServer mode).
     */
    private static void runScript(Connection connection) throws SQLException {
        if (EmbeddedBfsi.class.getResource("/sql/BFSI_Test.sql") == null) {
            throw new IllegalStateException("sql/BFSI_Test.sql is not on the class path");
        }
        try (Statement s = connection.createStatement()) {
            s.execute("RUNSCRIPT FROM 'classpath:/sql/BFSI_Test.sql' CHARSET 'UTF-8'");
        }
    }
}

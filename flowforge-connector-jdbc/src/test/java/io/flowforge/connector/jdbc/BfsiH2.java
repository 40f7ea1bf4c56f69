package io.flowforge.connector.jdbc;

import io.flowforge.connector.ConnectionConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory H2 database in SQL Server mode loaded with {@code sql/BFSI_Test.sql}, created by
 * user {@code sa} with a password, so a wrong password really fails. Each instance is a fresh
 * database; closing it shuts the database down.
 */
final class BfsiH2 implements AutoCloseable {

    static final String USER = "sa";
    static final String PASSWORD = "FlowForge2024!";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    final String name;
    final String url;

    private BfsiH2(String name) {
        this.name = name;
        // H2 has no dbo schema: INIT creates it and makes it the default, as dbo is on SQL Server.
        this.url = "jdbc:h2:mem:" + name + ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;"
                + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1;"
                + "INIT=CREATE SCHEMA IF NOT EXISTS dbo\\;SET SCHEMA dbo";
    }

    /** A new database holding the BFSI_Test tables. */
    static BfsiH2 create() throws Exception {
        BfsiH2 db = new BfsiH2("BFSI_Test_" + COUNTER.incrementAndGet());
        // H2 runs the script itself (it splits and executes statements as a script loader would).
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("RUNSCRIPT FROM '" + bfsiTest().toAbsolutePath().toString().replace("'", "''") + "' CHARSET 'UTF-8'");
        }
        return db;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, USER, PASSWORD);
    }

    void execute(String... sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    ConnectionConfig config() {
        return ConnectionConfig.builder().jdbcUrl(url).username(USER).password(PASSWORD).build();
    }

    @Override
    public void close() throws SQLException {
        execute("SHUTDOWN");
    }

    /** {@code sql/BFSI_Test.sql}, found from the working directory or any directory above it. */
    static Path bfsiTest() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("sql").resolve("BFSI_Test.sql");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("sql/BFSI_Test.sql not found above " + Path.of("").toAbsolutePath());
    }
}

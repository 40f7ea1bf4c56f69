package io.flowforge.server;

import io.flowforge.connector.ConnectionConfig;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * The plan's BFSI_Test (500 customers, 40 accounts) in an in-memory H2 in SQL Server mode, loaded
 * from {@code sql/BFSI_Test.sql} (the script the examples module and the SQL Server tests use), so
 * that a new user sees the page work without any database. Its password is random and stays in
 * the server.
 */
final class DemoSource implements AutoCloseable {

    static final String ID = "demo";
    static final String NAME = "BFSI_Test (embedded H2 demo)";
    private static final String USER = "sa";

    private final String url;
    private final String password;
    private final Connection keepAlive;

    private DemoSource(String url, String password, Connection keepAlive) {
        this.url = url;
        this.password = password;
        this.keepAlive = keepAlive;
    }

    static DemoSource start() {
        SecureRandom random = new SecureRandom();
        byte[] name = new byte[6];
        byte[] pw = new byte[18];
        random.nextBytes(name);
        random.nextBytes(pw);
        // H2 has no dbo schema: INIT creates it and makes it the default, as dbo is on SQL Server.
        String url = "jdbc:h2:mem:BFSI_Test_" + HexFormat.of().formatHex(name) + ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;"
                + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;INIT=CREATE SCHEMA IF NOT EXISTS dbo\\;SET SCHEMA dbo";
        String password = HexFormat.of().formatHex(pw);
        try {
            Connection keepAlive = DriverManager.getConnection(url, USER, password);
            runScript(keepAlive);
            return new DemoSource(url, password, keepAlive);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot start the demo database BFSI_Test: " + e.getMessage(), e);
        }
    }

    /** Settings for the generic {@code jdbc} connector. */
    ConnectionConfig connectionConfig() {
        return ConnectionConfig.builder().jdbcUrl(url).username(USER).password(password).build();
    }

    /**
     * Loads {@code sql/BFSI_Test.sql} from the class path with H2's own script runner (the script
     * runs unchanged on SQL Server and on H2 in MSSQLServer mode).
     */
    static void runScript(Connection connection) throws SQLException {
        if (DemoSource.class.getResource("/sql/BFSI_Test.sql") == null) {
            throw new IllegalStateException("sql/BFSI_Test.sql is not on the class path");
        }
        try (Statement s = connection.createStatement()) {
            s.execute("RUNSCRIPT FROM 'classpath:/sql/BFSI_Test.sql' CHARSET 'UTF-8'");
        }
    }

    @Override
    public void close() {
        try (Statement s = keepAlive.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException ignored) {
            // Already gone.
        }
    }
}

package io.flowforge.server;

import io.flowforge.connector.ConnectionConfig;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * The plan's BFSI_Test (500 customers, 40 accounts) in an in-memory H2 ({@link EmbeddedBfsi}), so
 * that a new user sees the page work without any database. Its name and password are random and
 * stay in the server.
 */
final class DemoSource implements AutoCloseable {

    static final String ID = "demo";
    static final String NAME = "BFSI_Test (embedded H2 demo)";

    private final EmbeddedBfsi database;

    private DemoSource(EmbeddedBfsi database) {
        this.database = database;
    }

    static DemoSource start() {
        SecureRandom random = new SecureRandom();
        byte[] name = new byte[6];
        byte[] pw = new byte[18];
        random.nextBytes(name);
        random.nextBytes(pw);
        return new DemoSource(EmbeddedBfsi.start("BFSI_Test_" + HexFormat.of().formatHex(name), HexFormat.of().formatHex(pw)));
    }

    /** Settings for the generic {@code jdbc} connector. */
    ConnectionConfig connectionConfig() {
        return database.connectionConfig();
    }

    @Override
    public void close() {
        try {
            database.close();
        } catch (SQLException ignored) {
            // Already gone.
        }
    }
}

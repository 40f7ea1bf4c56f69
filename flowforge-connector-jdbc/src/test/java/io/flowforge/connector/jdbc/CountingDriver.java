package io.flowforge.connector.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test drivers: {@code jdbc:counting:<h2 url>} opens H2 and counts physical connections;
 * {@code jdbc:echo:...} always fails with a message that repeats its URL and password, as some
 * drivers do, so that redaction can be checked.
 */
final class CountingDriver extends TestDriver {

    static final AtomicInteger CONNECTS = new AtomicInteger();
    private static final CountingDriver INSTANCE = new CountingDriver();

    static {
        try {
            DriverManager.registerDriver(INSTANCE);
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Makes sure the driver is registered. */
    static void register() {
        // The static initializer did it.
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (url.startsWith("jdbc:echo:")) {
            throw new SQLException("login failed for " + url + " with password " + info.getProperty("password"), "28000");
        }
        if (!url.startsWith("jdbc:counting:")) {
            return null;
        }
        CONNECTS.incrementAndGet();
        return DriverManager.getConnection("jdbc:" + url.substring("jdbc:counting:".length()), info);
    }

    @Override
    public boolean acceptsURL(String url) {
        return url.startsWith("jdbc:counting:") || url.startsWith("jdbc:echo:");
    }

}

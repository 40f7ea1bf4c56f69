package io.flowforge.connector.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Test drivers: {@code jdbc:counting:<h2 url>} opens H2 and counts physical connections;
 * {@code jdbc:echo:...} always fails with a message that repeats its URL and password, as some
 * drivers do, so that redaction can be checked.
 */
final class CountingDriver implements Driver {

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

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }
}

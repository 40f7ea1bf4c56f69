package io.flowforge.connector.jdbc;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * A HikariCP pool over a {@link DirectDataSource}, started on first use (so a connector can be
 * pooled before its database is reachable, and a first failure is retried by the next call).
 * HikariCP hands a connection back reset: it rolls back an open transaction and restores
 * auto-commit, read-only, isolation, catalog and schema if the borrower changed them; a connection
 * the driver reported broken is dropped ({@link BrokenConnectionRule}).
 */
final class HikariConnectionSource implements ConnectionSource {

    private final PoolSettings settings;
    private final DirectDataSource direct;
    private HikariDataSource pool;
    private boolean closed;

    HikariConnectionSource(PoolSettings settings, DirectDataSource direct) {
        this.settings = requireNonNull(settings, "settings is null");
        this.direct = requireNonNull(direct, "direct is null");
    }

    @Override
    public Connection connection() throws SQLException {
        HikariDataSource p = pool();
        try {
            return p.getConnection();
        } catch (SQLTransientConnectionException e) {
            // HikariCP's own text says only "request timed out"; the driver's reason is its cause.
            if (e.getCause() instanceof SQLException driver) {
                SQLException out = new SQLException(driver.getMessage() + " (pool '" + settings.name()
                        + "' had no connection within " + settings.connectionTimeout().toMillis() + " ms)",
                        driver.getSQLState(), driver.getErrorCode(), e);
                throw out;
            }
            throw e;
        }
    }

    private synchronized HikariDataSource pool() throws SQLException {
        if (closed) {
            throw new SQLException("The connection pool '" + settings.name() + "' is closed", "08003");
        }
        if (pool == null) {
            try {
                pool = new HikariDataSource(config());
            } catch (HikariPool.PoolInitializationException e) {
                if (e.getCause() instanceof SQLException driver) {
                    throw driver;  // Already redacted by DirectDataSource; the pool is tried again next time.
                }
                throw new SQLException("Cannot start the connection pool '" + settings.name() + "': " + e.getMessage(), e);
            }
        }
        return pool;
    }

    private HikariConfig config() {
        HikariConfig c = new HikariConfig();
        c.setPoolName(settings.name());
        c.setDataSource(direct);
        c.setMaximumPoolSize(settings.maxSize());
        c.setMinimumIdle(settings.minIdle());
        c.setConnectionTimeout(settings.connectionTimeout().toMillis());
        c.setIdleTimeout(settings.idleTimeout().toMillis());
        c.setMaxLifetime(settings.maxLifetime().toMillis());
        // One attempt when the pool starts, failing with the driver's reason instead of a timeout.
        c.setInitializationFailTimeout(1);
        c.setExceptionOverride(new BrokenConnectionRule());
        return c;
    }

    /** Connections the pool holds now (in use and idle); 0 before the first use and after close. */
    synchronized int totalConnections() {
        return pool == null || pool.getHikariPoolMXBean() == null ? 0 : pool.getHikariPoolMXBean().getTotalConnections();
    }

    @Override
    public void close() {
        HikariDataSource p;
        synchronized (this) {
            closed = true;
            p = pool;
            pool = null;
        }
        if (p != null) {
            p.close();
        }
    }

    @Override
    public String toString() {
        return "HikariConnectionSource[pool=" + settings.name() + ", maxSize=" + settings.maxSize() + ", " + direct + "]";
    }
}

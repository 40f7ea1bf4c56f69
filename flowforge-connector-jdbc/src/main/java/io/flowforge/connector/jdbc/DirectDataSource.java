package io.flowforge.connector.jdbc;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The DataSource a pool is filled from: new driver connections with a connector's own URL and
 * driver properties, exactly as an unpooled {@link JdbcConnector} opens them. The pool is given
 * this object and never the URL, user or password, so nothing the pool prints (its configuration
 * at DEBUG, its failures) can hold a secret: {@link #toString()} is the masked URL, and driver
 * errors are redacted before the pool sees them.
 */
final class DirectDataSource implements DataSource {

    private final JdbcDialect dialect;
    private final java.sql.Driver driver;
    private final String url;
    private final Properties properties;
    private final String maskedUrl;
    private final UnaryOperator<String> redactor;
    private volatile int loginTimeoutSeconds;

    DirectDataSource(JdbcDialect dialect, java.sql.Driver driver, String url, Properties properties, String maskedUrl,
            UnaryOperator<String> redactor) {
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.driver = driver;
        this.url = requireNonNull(url, "url is null");
        this.properties = (Properties) requireNonNull(properties, "properties is null").clone();
        this.maskedUrl = requireNonNull(maskedUrl, "maskedUrl is null");
        this.redactor = requireNonNull(redactor, "redactor is null");
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            return JdbcConnector.connect(driver, dialect, url, properties);
        } catch (SQLException e) {
            throw redacted(e);
        }
    }

    /** The same exception type's message, SQL state and code, with every secret masked. */
    private SQLException redacted(SQLException e) {
        SQLException copy = new SQLException(redactor.apply(String.valueOf(e.getMessage())), e.getSQLState(),
                e.getErrorCode());
        copy.setStackTrace(e.getStackTrace());
        if (e.getCause() != null && e.getCause() != e) {
            copy.initCause(JdbcFailures.redacted(e.getCause(), redactor));
        }
        return copy;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the user and password come from the connector's configuration");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // Drivers log through their own loggers.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // The connector's driver properties carry its login timeout; this is only remembered.
        this.loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("DirectDataSource wraps nothing");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }

    @Override
    public String toString() {
        return "DirectDataSource[" + maskedUrl + "]";
    }
}

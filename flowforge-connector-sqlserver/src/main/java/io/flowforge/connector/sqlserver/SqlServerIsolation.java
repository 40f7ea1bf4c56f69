package io.flowforge.connector.sqlserver;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectorException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The isolation a read runs under, chosen by the connection property {@value #PROPERTY}. Under
 * plain (locking) READ COMMITTED a streaming read holds a shared lock where it stands, so a slow
 * consumer can block writers, and the read waits behind every uncommitted row in its way. Row
 * versioning avoids both: {@code SNAPSHOT} reads the whole result as of its start, and with
 * READ_COMMITTED_SNAPSHOT on, READ COMMITTED reads each statement as of its start. FlowForge never
 * reads uncommitted data ({@code NOLOCK}): it can skip or repeat rows.
 *
 * <ul>
 *   <li>{@code auto} (the default): {@code SNAPSHOT} when the database allows it
 *       ({@code ALLOW_SNAPSHOT_ISOLATION ON}), else READ COMMITTED, which is row-versioned when
 *       {@code READ_COMMITTED_SNAPSHOT} is on and locking otherwise (logged at INFO).
 *   <li>{@code snapshot}: {@code SNAPSHOT}, or fail before reading if the database does not allow it.
 *   <li>{@code read_committed}: the session's READ COMMITTED, whatever the database's settings.
 * </ul>
 *
 * <p>The cost of versioning: the version store in tempdb keeps every row version a read may still
 * need until the read ends, so a long read of a busy database grows tempdb; a DBA enables it knowingly.
 */
enum SqlServerIsolation {
    AUTO, SNAPSHOT, READ_COMMITTED;

    /** The connection property choosing the isolation; FlowForge's own, not passed to the driver. */
    static final String PROPERTY = "flowforge.isolation";

    /** mssql-jdbc's {@code ISQLServerConnection.TRANSACTION_SNAPSHOT}. */
    static final int TRANSACTION_SNAPSHOT = 0x1000;

    static final String SETTINGS_SQL = "SELECT DB_NAME() AS database_name, snapshot_isolation_state, "
            + "is_read_committed_snapshot_on FROM sys.databases WHERE database_id = DB_ID()";

    private static final Logger LOG = LoggerFactory.getLogger(SqlServerIsolation.class);

    /** The configured isolation; an unknown value fails with the accepted ones. */
    static SqlServerIsolation of(ConnectionConfig config) {
        requireNonNull(config, "config is null");
        String value = config.properties().getOrDefault(PROPERTY, "auto");
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "snapshot" -> SNAPSHOT;
            case "read_committed" -> READ_COMMITTED;
            default -> throw new ConnectorException("Connection property " + PROPERTY + " is '" + value
                    + "'; use auto (the default), snapshot or read_committed.");
        };
    }

    /**
     * Sets the isolation on a fresh connection before its first transaction starts (SQL Server
     * refuses to switch a started transaction to SNAPSHOT).
     */
    void apply(Connection connection) throws SQLException {
        if (this == READ_COMMITTED) {
            return;
        }
        Settings settings;
        try {
            settings = settings(connection);
        } catch (SQLException e) {
            if (this == SNAPSHOT) {
                throw e;
            }
            LOG.info("Reading under READ COMMITTED: could not read the database's row-versioning settings ({})",
                    e.getMessage());
            return;
        }
        if (settings.snapshotAllowed()) {
            connection.setTransactionIsolation(TRANSACTION_SNAPSHOT);
        } else if (this == SNAPSHOT) {
            throw new ConnectorException(PROPERTY + "=snapshot needs snapshot isolation in database '" + settings.database()
                    + "', which does not allow it: ALTER DATABASE [" + settings.database().replace("]", "]]")
                    + "] SET ALLOW_SNAPSHOT_ISOLATION ON, or use " + PROPERTY + "=auto to read under READ COMMITTED.");
        } else if (!settings.readCommittedSnapshot()) {
            LOG.info("Reading under locking READ COMMITTED: database '{}' has neither ALLOW_SNAPSHOT_ISOLATION nor"
                    + " READ_COMMITTED_SNAPSHOT on, so a read waits behind uncommitted rows and a slow consumer can"
                    + " block writers", settings.database());
        }
    }

    private record Settings(String database, boolean snapshotAllowed, boolean readCommittedSnapshot) {}

    private static Settings settings(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(SETTINGS_SQL)) {
            if (!rs.next()) {
                throw new SQLException("sys.databases has no row for the current database");
            }
            // snapshot_isolation_state: 0 off, 1 on, 2 turning off, 3 turning on; only 1 allows SNAPSHOT.
            return new Settings(rs.getString(1), rs.getInt(2) == 1, rs.getBoolean(3));
        }
    }
}

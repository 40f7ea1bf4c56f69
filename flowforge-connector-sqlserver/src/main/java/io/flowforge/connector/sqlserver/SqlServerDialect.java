package io.flowforge.connector.sqlserver;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.Watermark;
import io.flowforge.connector.jdbc.DefaultJdbcDialect;
import io.flowforge.connector.jdbc.JdbcCatalog;
import io.flowforge.connector.jdbc.JdbcColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * What is SQL Server's own on the shared JDBC path: the mssql-jdbc URL and extraction defaults,
 * {@code [name]} quoting, the {@code sys.*} catalog, and watermark comparisons that are exact for
 * {@code datetime}, {@code datetime2}, {@code datetimeoffset} and rowversion columns.
 */
public class SqlServerDialect extends DefaultJdbcDialect {

    public static final int DEFAULT_PORT = 1433;

    private final SqlServerIsolation isolation;

    /** A dialect whose reads run under {@code flowforge.isolation=auto}. */
    public SqlServerDialect() {
        this(SqlServerIsolation.AUTO);
    }

    SqlServerDialect(SqlServerIsolation isolation) {
        this.isolation = requireNonNull(isolation, "isolation is null");
    }

    /**
     * The start (UTC) of the oldest read/write transaction open in another user session that is in
     * this database or has touched it, and 0 (nothing hidden: without the permission the query
     * fails). Autocommit statements count (a long INSERT stamps its rows before it commits);
     * FlowForge's own sessions ({@code program_name} {@value #APPLICATION_NAME}) and this one
     * ({@code @@SPID}) do not. {@code transaction_begin_time} is the server's local time: it is
     * moved to UTC by the server's current offset, read once from {@code SYSDATETIMEOFFSET()} (two
     * clock reads, as {@code DATEDIFF(minute, SYSDATETIME(), SYSUTCDATETIME())}, can straddle a
     * minute). In the hour after a daylight-saving change a transaction begun before it is moved by
     * the new offset, up to an hour off.
     */
    static final String OLDEST_OPEN_TRANSACTION_SQL = "SELECT DATEADD(minute, -DATEPART(TZOFFSET, SYSDATETIMEOFFSET()),"
            + " CAST(MIN(at.transaction_begin_time) AS datetime2(3))) AS oldest_begin_utc, 0 AS unseen_sessions"
            + " FROM sys.dm_tran_active_transactions at"
            + " JOIN sys.dm_tran_session_transactions st ON st.transaction_id = at.transaction_id"
            + " JOIN sys.dm_exec_sessions s ON s.session_id = st.session_id"
            + " WHERE st.session_id <> @@SPID AND s.is_user_process = 1 AND at.transaction_type IN (1, 4)"
            + " AND ISNULL(s.program_name, N'') <> N'" + APPLICATION_NAME + "'"
            + " AND (s.database_id = DB_ID() OR EXISTS (SELECT 1 FROM sys.dm_tran_database_transactions dt"
            + " WHERE dt.transaction_id = at.transaction_id AND dt.database_id = DB_ID()))";

    // A collation name from sys.columns is spliced into SQL (COLLATE takes no parameter): only
    // plain names are, anything else falls back to the database's collation.
    private static final java.util.regex.Pattern COLLATION_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_]{1,128}");

    @Override
    public String jdbcUrl(ConnectionConfig config) {
        requireNonNull(config, "config is null");
        if (config.jdbcUrlOverride().isPresent()) {
            return config.jdbcUrl();
        }
        if (config.host() == null || config.host().isBlank()) {
            throw new ConnectorException("The SQL Server connection has no host: set ConnectionConfig.host");
        }
        String host = config.host();
        String port = Integer.toString(config.port() == null ? DEFAULT_PORT : config.port());
        StringBuilder url;
        if (host.indexOf(':') >= 0) {
            // mssql-jdbc's URL parser ends the server name at the first ':' and knows no brackets
            // ([::1] becomes server '[' with port ':1]'); an IPv6 literal goes in serverName instead.
            String bare = host.startsWith("[") && host.indexOf(']') > 0
                    ? host.substring(1, host.indexOf(']')) + host.substring(host.indexOf(']') + 1) : host;
            url = new StringBuilder("jdbc:sqlserver://;serverName=").append(urlValue(bare)).append(";port=").append(port);
        } else {
            url = new StringBuilder("jdbc:sqlserver://").append(host).append(':').append(port);
        }
        if (config.database() != null) {
            url.append(";databaseName=").append(urlValue(config.database()));
        }
        return url.toString();
    }

    /**
     * The user and password (only ever here, never in the URL), then the extraction defaults, then
     * the configuration's own properties, which win. mssql-jdbc takes {@code loginTimeout} in
     * seconds and {@code socketTimeout} in milliseconds.
     */
    @Override
    public Properties driverProperties(ConnectionConfig config) {
        Properties p = new Properties();
        // Stream a forward-only result without a server cursor or buffering the whole result.
        p.setProperty("responseBuffering", "adaptive");
        p.setProperty("selectMethod", "direct");
        p.setProperty("applicationName", APPLICATION_NAME);
        p.setProperty("loginTimeout", Long.toString(loginTimeoutSeconds(config.loginTimeout())));
        p.setProperty("socketTimeout", Long.toString(Math.min(Integer.MAX_VALUE, config.socketTimeout().toMillis())));
        p.putAll(super.driverProperties(config));
        return p;
    }

    /**
     * The read's isolation ({@link SqlServerIsolation}) first, while the connection has no
     * transaction yet, then the shared streaming settings (autocommit off, forward-only, fetch size).
     */
    @Override
    public PreparedStatement prepareStreaming(Connection connection, String sql, ReadOptions options) throws SQLException {
        isolation.apply(connection);
        return super.prepareStreaming(connection, sql, options);
    }

    /**
     * Executes with the socket timeout lifted until the first rows arrive, then puts it back. A
     * query may legitimately send nothing for longer than the socket timeout before its first
     * packet (a scan for a window's first rows, a plan with a sort), and mssql-jdbc's socket timeout
     * would then close the connection mid-query. That wait is bounded by
     * {@link ReadOptions#queryTimeout()} when one is set (mssql-jdbc cancels on the server), and a
     * dead server by TCP keep-alive, which mssql-jdbc turns on; once rows flow, the socket timeout
     * guards every later packet again.
     */
    @Override
    public ResultSet executeStreaming(PreparedStatement statement, ReadOptions options) throws SQLException {
        Connection c = statement.getConnection();
        int socketTimeout = c.getNetworkTimeout();
        if (socketTimeout == 0) {
            return statement.executeQuery();
        }
        c.setNetworkTimeout(Runnable::run, 0);
        ResultSet rs;
        try {
            rs = statement.executeQuery();
        } catch (SQLException | RuntimeException e) {
            try {
                c.setNetworkTimeout(Runnable::run, socketTimeout);
            } catch (SQLException | RuntimeException restore) {
                e.addSuppressed(restore);
            }
            throw e;
        }
        c.setNetworkTimeout(Runnable::run, socketTimeout);
        return rs;
    }

    /** Whole seconds, rounded up so a sub-second timeout never becomes 0 (which mssql-jdbc reads as its default). */
    static long loginTimeoutSeconds(Duration d) {
        return wholeSecondsRoundedUp(d, 65535);
    }

    @Override
    public String quoteIdentifier(String identifier) {
        requireNonNull(identifier, "identifier is null");
        return "[" + identifier.replace("]", "]]") + "]";
    }

    @Override
    public Optional<JdbcCatalog> catalog() {
        return Optional.of(SqlServerCatalog.CATALOG);
    }

    @Override
    public Optional<Watermark.Type> watermarkType(JdbcColumn c) {
        return switch (typeName(c)) {
            case "tinyint", "smallint", "int", "bigint" -> Optional.of(Watermark.Type.INTEGER);
            case "decimal", "numeric", "money", "smallmoney" -> Optional.of(Watermark.Type.DECIMAL);
            case "date" -> Optional.of(Watermark.Type.DATE);
            case "datetime", "datetime2", "smalldatetime" -> Optional.of(Watermark.Type.TIMESTAMP);
            case "datetimeoffset" -> Optional.of(Watermark.Type.TIMESTAMP_TZ);
            case "char", "varchar", "nchar", "nvarchar" -> Optional.of(Watermark.Type.STRING);
            // A GUID's sort order (last byte group first) makes it useless as a delta column.
            case "uniqueidentifier", "float", "real", "bit", "time" -> Optional.empty();
            default -> isRowversion(c) ? Optional.of(Watermark.Type.ROWVERSION) : super.watermarkType(c);
        };
    }

    /**
     * {@code datetime} compares as {@code datetime}: mssql-jdbc sends a datetime2 parameter, and
     * comparing a datetime column with a datetime2 misses or repeats rows at the boundary
     * ({@code .857} against {@code .8566667}). {@code varchar} and {@code char} compare with a
     * varchar so an index on the column is still seekable despite Unicode string parameters; the
     * parameter takes the column's collation before it becomes varchar, so it is converted with the
     * column's code page, not the database's. {@code money} and {@code smallmoney} compare with
     * their own type: a decimal parameter ranks above money and would convert the column instead.
     */
    @Override
    public String watermarkParameter(JdbcColumn c) {
        return switch (typeName(c)) {
            case "datetime" -> "CAST(? AS datetime)";
            case "smalldatetime" -> "CAST(? AS smalldatetime)";
            case "date" -> "CAST(? AS date)";
            case "money" -> "CAST(? AS money)";
            case "smallmoney" -> "CAST(? AS smallmoney)";
            case "varchar", "char" -> c.collation() != null && COLLATION_NAME.matcher(c.collation()).matches()
                    ? "CAST(? COLLATE " + c.collation() + " AS varchar(8000))"
                    : "CAST(? AS varchar(8000))";
            default -> "?";
        };
    }

    /**
     * datetime2 as a LocalDateTime (all seven digits), datetimeoffset as an OffsetDateTime,
     * rowversion as its 8 bytes, Unicode columns with {@code setNString}.
     */
    @Override
    public void bindWatermark(PreparedStatement statement, int index, Watermark value, JdbcColumn c)
            throws SQLException {
        String type = typeName(c);
        if (value.type() == Watermark.Type.INTEGER && !(value.toJavaValue() instanceof Long)) {
            // mssql-jdbc sends a BigInteger as its longValue(): 2^63 would arrive as -2^63, silently.
            throw new ConnectorException("Watermark " + value.value() + " of column '" + c.name()
                    + "' is outside SQL Server's integer range (-9223372036854775808..9223372036854775807)"
                    + " and cannot be bound as a parameter.");
        }
        if (value.type() == Watermark.Type.STRING && (type.equals("nchar") || type.equals("nvarchar"))) {
            statement.setNString(index, value.value());
            return;
        }
        super.bindWatermark(statement, index, value, c);
    }

    /**
     * The server's clock in the column's own type. It is the server's local time: a column stamped
     * in UTC on a server in another zone needs the MAX_EXCLUSIVE strategy instead.
     */
    @Override
    public String currentTimeExpression(JdbcColumn c) {
        return switch (typeName(c)) {
            case "date" -> "CAST(GETDATE() AS date)";
            case "datetime", "smalldatetime" -> "GETDATE()";
            case "datetimeoffset" -> "SYSDATETIMEOFFSET()";
            default -> "SYSDATETIME()";
        };
    }

    /** The server's clock in UTC ({@code datetime2(7)}), whatever the server's time zone. */
    @Override
    public String serverInstantExpression() {
        return "SYSUTCDATETIME()";
    }

    /**
     * {@link #OLDEST_OPEN_TRANSACTION_SQL}. It reads server DMVs and needs VIEW SERVER STATE
     * (SQL Server 2019) or VIEW SERVER PERFORMANCE STATE (2022); without it the query fails, which
     * the caller counts as "cannot see", so column 2 is always 0.
     */
    @Override
    public Optional<String> oldestOpenTransactionQuery() {
        return Optional.of(OLDEST_OPEN_TRANSACTION_SQL);
    }

    /**
     * Nothing to ask: SQL Server's REPEATABLE READ holds shared locks on every row read (it would
     * block writers for the whole read) and gives no snapshot; the read's SNAPSHOT isolation, where
     * the database allows it, is chosen by {@link SqlServerIsolation} in {@link #prepareStreaming}.
     */
    @Override
    public void prepareSnapshotRead(Connection connection) {
        // The read's isolation setting decides.
    }

    /** A count shares the read's snapshot only under SNAPSHOT isolation. */
    @Override
    public Optional<String> snapshotOf(Connection connection) throws SQLException {
        return connection.getTransactionIsolation() == SqlServerIsolation.TRANSACTION_SNAPSHOT
                ? Optional.of("COUNT(*) in the read's own SNAPSHOT transaction, before its first row")
                : Optional.empty();
    }

    /** Rows below it are committed; open transactions hold rowversions at or above it. */
    @Override
    public Optional<String> rowversionUpperBoundExpression() {
        return Optional.of("MIN_ACTIVE_ROWVERSION()");
    }

    @Override
    public boolean isRowversion(JdbcColumn c) {
        String type = typeName(c);
        return (type.equals("timestamp") || type.equals("rowversion"))
                && (c.jdbcType() == Types.BINARY || c.jdbcType() == Types.VARBINARY);
    }

    private static String typeName(JdbcColumn c) {
        return c.typeName().toLowerCase(Locale.ROOT);
    }

    /** A connection-string value, in braces (with {@code }} doubled) if it holds a separator. */
    static String urlValue(String value) {
        if (value.indexOf(';') < 0 && value.indexOf('=') < 0 && value.indexOf('{') < 0 && value.indexOf('}') < 0
                && value.strip().equals(value)) {
            return value;
        }
        return "{" + value.replace("}", "}}") + "}";
    }
}

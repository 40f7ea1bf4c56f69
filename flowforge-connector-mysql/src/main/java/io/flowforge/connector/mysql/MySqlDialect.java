package io.flowforge.connector.mysql;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.TableId;
import io.flowforge.connector.Watermark;
import io.flowforge.connector.jdbc.InformationSchemaCatalog;
import io.flowforge.connector.jdbc.JdbcCatalog;
import io.flowforge.connector.jdbc.JdbcColumn;
import io.flowforge.connector.jdbc.MySqlProtocolJdbcDialect;
import io.flowforge.connector.jdbc.OpenTransactionScan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * What is MySQL's and MariaDB's own on the shared JDBC path: the MariaDB Connector/J URL and
 * properties (a UTC session, so {@code timestamp} values are exact instants), backtick quoting,
 * the {@code information_schema} catalog, and watermarks for {@code datetime} and
 * {@code timestamp} columns.
 *
 * <p>Streaming: Connector/J 3.x streams a result when the statement has a fetch size above zero
 * (the base dialect sets one batch); with fetch size 0 it reads the whole result into memory.
 */
public class MySqlDialect extends MySqlProtocolJdbcDialect {

    /** Reads choose the binary protocol themselves ({@link #prepareStreaming}); catalog queries keep the text protocol. */
    public MySqlDialect() {
        super(false);
    }

    public static final int DEFAULT_PORT = 3306;

    /**
     * The server's clock in its default time zone, which is what {@code NOW()} gives a session that
     * has not changed its zone: how {@code datetime} columns are usually stamped. CONVERT_TZ cannot
     * return NULL here: the global zone is SYSTEM, an offset, or a named zone the server has loaded.
     */
    static final String SERVER_LOCAL_NOW = "CONVERT_TZ(UTC_TIMESTAMP(6), '+00:00', @@global.time_zone)";

    @Override
    public String jdbcUrl(ConnectionConfig config) {
        return hostPortDatabaseUrl(config, "mariadb", "MySQL", DEFAULT_PORT);
    }

    /**
     * The user and password (only ever here, never in the URL), then the extraction defaults, then
     * the configuration's own properties, which win. Connector/J takes timeouts in milliseconds.
     * <ul>
     *   <li>{@code sessionVariables=time_zone='+00:00'}: {@code timestamp} columns are stored in UTC
     *   and shown in the session's zone; a UTC session reads them without a zone conversion (and
     *   without the hour that repeats when daylight saving time ends).</li>
     *   <li>{@code tinyInt1isBit=false}: {@code tinyint(1)} (and so {@code BOOLEAN}) holds -128..127;
     *   read as a boolean, 2 would become true.</li>
     * </ul>
     */
    @Override
    public Properties driverProperties(ConnectionConfig config) {
        Properties p = new Properties();
        p.setProperty("sessionVariables", "time_zone='+00:00'");
        p.setProperty("tinyInt1isBit", "false");
        p.setProperty("connectTimeout", Long.toString(Math.min(Integer.MAX_VALUE, config.loginTimeout().toMillis())));
        p.setProperty("socketTimeout", Long.toString(Math.min(Integer.MAX_VALUE, config.socketTimeout().toMillis())));
        p.setProperty("connectionAttributes", "program_name:" + APPLICATION_NAME);
        p.putAll(super.driverProperties(config));
        return p;
    }

    /**
     * {@code KILL QUERY} for the connection's thread, sent on a connection of its own. Connector/J
     * 3.5.6's {@code Statement.cancel()} sends it only while a statement executes, not while a
     * streaming result set waits for the server's next rows (CONJ-1303, fixed in 3.5.8); a kill
     * that arrives while nothing runs does nothing.
     */
    @Override
    public void cancelRunning(Connection connection, Statement statement) throws SQLException {
        connection.unwrap(org.mariadb.jdbc.Connection.class).cancelCurrentQuery();
    }

    @Override
    public String quoteIdentifier(String identifier) {
        requireNonNull(identifier, "identifier is null");
        return "`" + identifier.replace("`", "``") + "`";
    }

    /** UTC, read as a zoneless timestamp in UTC. */
    @Override
    public String serverInstantExpression() {
        return "UTC_TIMESTAMP(6)";
    }

    /**
     * The oldest InnoDB transaction of another session that is not declared read-only (FlowForge's
     * readers declare theirs). {@code trx_started} is shown in the server's system time zone, whole
     * seconds: converted to UTC, and up to a second early, which only holds the bound back.
     * Column 3 says whether this session's own transaction is listed (see
     * {@link #scanOpenTransactions}). Needs the PROCESS privilege; without it the query fails.
     */
    @Override
    public Optional<String> oldestOpenTransactionQuery() {
        return Optional.of("SELECT CONVERT_TZ(MIN(CASE WHEN trx_mysql_thread_id <> CONNECTION_ID() AND trx_is_read_only = 0"
                + " THEN trx_started END), 'SYSTEM', '+00:00'), 0, SUM(trx_mysql_thread_id = CONNECTION_ID())"
                + " FROM information_schema.INNODB_TRX");
    }

    /**
     * InnoDB serves {@code INNODB_TRX} from a cache that is refreshed only when nobody has read it
     * for 100 ms, so a plain read can miss a transaction that began moments ago. This session first
     * opens a transaction of its own (a read-only consistent snapshot, which other
     * planners leave out as read-only) and reads the table until that
     * transaction is listed: the listing is then at least as new as the moment the caller's maximum
     * was read. It gives up after {@link #TRX_CACHE_WAIT} (other sessions reading the table without
     * pause) with an exception, which leaves the bound to the lag.
     */
    @Override
    public Optional<OpenTransactionScan> scanOpenTransactions(Connection connection) throws SQLException {
        String sql = oldestOpenTransactionQuery().orElseThrow();
        try (Statement s = connection.createStatement()) {
            s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
            try {
                long deadline = System.nanoTime() + TRX_CACHE_WAIT.toNanos();
                while (true) {
                    try (ResultSet rs = s.executeQuery(sql)) {
                        rs.next();
                        if (rs.getLong(3) > 0) {
                            return Optional.of(OpenTransactionScan.fromRow(rs, this));
                        }
                    }
                    if (System.nanoTime() > deadline) {
                        throw new SQLException("information_schema.INNODB_TRX was not refreshed within " + TRX_CACHE_WAIT.toMillis()
                                + " ms (other sessions read it without pause)");
                    }
                    sleep(120);
                }
            } finally {
                s.execute("ROLLBACK");
            }
        }
    }

    /** How long {@link #scanOpenTransactions} waits for InnoDB's transaction list to be refreshed. */
    static final java.time.Duration TRX_CACHE_WAIT = java.time.Duration.ofSeconds(2);

    private static void sleep(long ms) throws SQLException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while reading open transactions", e);
        }
    }

    @Override
    public String openTransactionPrivilegeHint() {
        return "GRANT PROCESS ON *.* TO the login";
    }

    /**
     * MySQL's and MariaDB's catalog read through {@code information_schema}. A schema is a database:
     * {@code TableId.schema} names it, a table without one is looked up in the connection's database,
     * and the listing shows that database's tables (every non-system database's when the connection
     * names none). {@code TABLE_ROWS} is the storage engine's estimate (InnoDB samples pages;
     * {@code ANALYZE TABLE} refreshes it), exact only for MyISAM; views have none.
     */
    static final JdbcCatalog CATALOG = InformationSchemaCatalog.of("DATABASE()",
            List.of("mysql", "information_schema", "performance_schema", "sys"), List.of("SYSTEM VERSIONED"), "TABLE_ROWS",
            List.of("COLUMN_TYPE"), c -> column(c, c.row().getString("COLUMN_TYPE")));

    @Override
    public Optional<JdbcCatalog> catalog() {
        return Optional.of(CATALOG);
    }

    /**
     * A catalog row as the JDBC column the driver would report for it: the type name in capitals
     * with {@code UNSIGNED} when the column type says so ({@code BIGINT UNSIGNED}), the bit length
     * of {@code bit(n)} as its precision, the fractional-second digits as the scale of
     * {@code datetime(p)}, {@code timestamp(p)} and {@code time(p)} and the driver's display size as
     * their precision; otherwise the standard's precision and (for decimal) scale.
     */
    static JdbcColumn column(InformationSchemaCatalog.ColumnRow c, String columnType) {
        String type = c.dataType().toLowerCase(Locale.ROOT);
        boolean unsigned = columnType != null && columnType.toLowerCase(Locale.ROOT).contains("unsigned");
        int scale = switch (type) {
            case "datetime", "timestamp", "time", "decimal" -> c.scale();
            default -> 0;
        };
        int precision = switch (type) {
            case "datetime", "timestamp" -> 19 + (scale > 0 ? scale + 1 : 0);
            case "time" -> 10 + (scale > 0 ? scale + 1 : 0);
            case "year" -> 4;
            case "date" -> 10;
            default -> c.precision();
        };
        return new JdbcColumn(c.name(), c.ordinal(), MySqlTypeMapping.TYPES.jdbcType(type),
                type.toUpperCase(Locale.ROOT) + (unsigned ? " UNSIGNED" : ""), precision, scale, c.nullable());
    }

    /** Integers, decimal, date, datetime and timestamp (both wall clocks in the UTC session), char and varchar: {@link MySqlTypeMapping#TYPES}. */
    @Override
    public Optional<Watermark.Type> watermarkType(JdbcColumn c) {
        return MySqlTypeMapping.TYPES.watermarkType(c);
    }

    /**
     * Data reads use the binary protocol (a server-side prepared statement): MariaDB's text protocol
     * prints a FLOAT with 6 significant digits (16777216 arrives as 16777200, 1/3 as 0.333333),
     * while the binary protocol sends its 4 bytes. It is also the faster of the two to decode
     * (README: 1.4-1.5x on a mixed table). Connector/J streams its results with a fetch size just
     * the same, and falls back to the text protocol for a statement the server cannot prepare. The
     * rest (autocommit off, a read-only transaction, fetch size, timeout) is the base dialect's.
     */
    @Override
    protected PreparedStatement prepareForwardOnly(Connection connection, String sql) throws SQLException {
        return connection.unwrap(org.mariadb.jdbc.Connection.class).prepareInternal(sql,
                Statement.NO_GENERATED_KEYS, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, true);
    }

    /**
     * {@code timestamp}: {@code UTC_TIMESTAMP(6)}, the clock of the UTC session its values are read
     * in. {@code datetime} and {@code date}: the server's clock in its default zone
     * ({@link #SERVER_LOCAL_NOW}); a column stamped in another zone needs MAX_EXCLUSIVE or a lag
     * of at least the difference.
     */
    @Override
    public String currentTimeExpression(JdbcColumn c) {
        return switch (baseType(c)) {
            case "DATE" -> "CAST(" + SERVER_LOCAL_NOW + " AS DATE)";
            case "TIMESTAMP" -> "UTC_TIMESTAMP(6)";
            default -> SERVER_LOCAL_NOW;
        };
    }

    /** The first word of the type name in capitals: {@code BIGINT UNSIGNED} is a {@code BIGINT}. */
    static String baseType(JdbcColumn c) {
        String name = c.typeName().toUpperCase(Locale.ROOT).trim();
        int space = name.indexOf(' ');
        return space < 0 ? name : name.substring(0, space);
    }
}

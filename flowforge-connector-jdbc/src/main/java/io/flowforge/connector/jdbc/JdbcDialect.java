package io.flowforge.connector.jdbc;

import io.flowforge.connector.PublicEvolving;
import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.TableInfo;
import io.flowforge.connector.Watermark;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What differs between databases on the shared JDBC path: the URL and driver properties, identifier
 * quoting, the catalog, streaming settings, and the SQL of incremental windows. A new JDBC
 * database adds a dialect and a {@link JdbcTypeMapping}; everything else is shared.
 *
 * <p>Every value that comes from outside (watermarks above all) is bound as a parameter; only
 * identifiers, quoted by {@link #quoteIdentifier}, are spliced into SQL.
 */
@PublicEvolving
public interface JdbcDialect {

    /** The JDBC URL for a configuration, built from host, port and database unless the config gives one. */
    String jdbcUrl(ConnectionConfig config);

    /** Driver properties: user, password, timeouts, the dialect's extraction defaults, then the config's own properties. */
    Properties driverProperties(ConnectionConfig config);

    /** The URL as it may be printed: any password or secret in it replaced by a mask. */
    default String maskedUrl(String url) {
        return JdbcUrls.mask(url);
    }

    /** Quotes one identifier, escaping the quote character inside it. */
    String quoteIdentifier(String identifier);

    /** The quoted, schema-qualified name of a table. */
    default String quoteTable(TableId table) {
        return table.schema() == null
                ? quoteIdentifier(table.name())
                : quoteIdentifier(table.schema()) + "." + quoteIdentifier(table.name());
    }

    /**
     * The catalog as SQL and row mappers, which {@link DefaultJdbcDialect} runs for
     * {@link #listTables}, {@link #columns}, {@link #primaryKey} and {@link #tableInfo}; empty to
     * read it through the driver's {@link java.sql.DatabaseMetaData}.
     */
    default Optional<JdbcCatalog> catalog() {
        return Optional.empty();
    }

    /** User tables and views, sorted by schema and name, with row count estimates where cheap. */
    List<TableInfo> listTables(Connection connection) throws SQLException;

    /**
     * One table's entry (kind and row estimate), or empty if it is not listed. By default found in
     * {@link #listTables}; a {@link #catalog()} with a one-table query asks for that table alone.
     */
    default Optional<TableInfo> tableInfo(Connection connection, TableId table) throws SQLException {
        Optional<JdbcCatalog> catalog = catalog();
        if (catalog.isPresent()) {
            return catalog.get().table(connection, table);
        }
        return listTables(connection).stream().filter(t -> t.id().equals(table)).findFirst();
    }

    /** The columns of a table in order; empty if the table does not exist. */
    List<JdbcColumn> columns(Connection connection, TableId table) throws SQLException;

    /** The primary key's column names in key order; empty if none. */
    List<String> primaryKey(Connection connection, TableId table) throws SQLException;

    /**
     * Prepares a statement that streams its result (forward-only, read-only, with a fetch size,
     * autocommit off where the driver needs it to stream).
     */
    PreparedStatement prepareStreaming(Connection connection, String sql, ReadOptions options) throws SQLException;

    /**
     * Executes a statement from {@link #prepareStreaming}. A dialect overrides it where the wait for
     * the first rows needs other settings than the stream after them (SQL Server lifts the socket
     * timeout for that wait).
     */
    default java.sql.ResultSet executeStreaming(PreparedStatement statement, ReadOptions options) throws SQLException {
        return statement.executeQuery();
    }

    /** The kind of watermark a delta column yields, or empty if it cannot be a delta column. */
    Optional<Watermark.Type> watermarkType(JdbcColumn deltaColumn);

    /**
     * Cancels a statement another thread is reading from, also while that thread fetches further
     * rows after the statement was executed (a streaming read waiting for the server). By default
     * {@link java.sql.Statement#cancel()}; a dialect overrides it where the driver's cancel covers
     * only the execution itself.
     */
    default void cancelRunning(Connection connection, java.sql.Statement statement) throws SQLException {
        statement.cancel();
    }

    /** The parameter marker for comparing a watermark with the column at its full precision (e.g. {@code CAST(? AS datetime)}). */
    default String watermarkParameter(JdbcColumn deltaColumn) {
        return "?";
    }

    /** Binds a watermark value so that it compares exactly with the column. */
    void bindWatermark(PreparedStatement statement, int index, Watermark value, JdbcColumn deltaColumn) throws SQLException;

    /**
     * Reads a value of the delta column (from a MAX() or a bound query) as a watermark at full
     * precision, or returns {@code null} when the value is SQL NULL (a MAX() over no rows).
     */
    Watermark readWatermark(java.sql.ResultSet rs, int index, JdbcColumn deltaColumn) throws SQLException;

    /**
     * An SQL expression for the database's current time in the delta column's type, for
     * DATABASE_NOW upper bounds (e.g. {@code SYSDATETIME()}); the lag is subtracted in Java.
     */
    String currentTimeExpression(JdbcColumn deltaColumn);

    /** An SQL expression for an exact exclusive rowversion upper bound, if the database has one. */
    default Optional<String> rowversionUpperBoundExpression() {
        return Optional.empty();
    }

    /**
     * An SQL expression for the server's clock as an instant: a timestamp with time zone, or a
     * timestamp in UTC. Incremental planning stamps its observations with it, so that they can be
     * compared with the start of the oldest open transaction on the same clock.
     */
    default String serverInstantExpression() {
        return "CURRENT_TIMESTAMP";
    }

    /**
     * SQL cutting the non-NULL keys of {@code table} meeting {@code where} (a condition, possibly
     * with bind parameters) into {@code count} groups of about equal row counts, for a split load's
     * key ranges: {@code count} rows (fewer when keys repeat or rows are few), ordered, column 2 the
     * smallest key of each group in the key column's type (column 1 free). The first row's key is
     * not used as a bound (the first range is open below). The default numbers the rows with
     * {@code NTILE(count)}, which every database here has but which sorts and numbers every row; a
     * database with a cheaper quantile aggregate may answer with it.
     */
    default String keyQuantilesQuery(String quotedKey, String quotedTable, String where, int count) {
        return "SELECT ff_tile, MIN(ff_key) FROM (SELECT " + quotedKey + " AS ff_key, NTILE(" + count + ") OVER (ORDER BY "
                + quotedKey + ") AS ff_tile FROM " + quotedTable + " WHERE " + where + ") ff_tiles"
                + " GROUP BY ff_tile ORDER BY ff_tile";
    }

    /**
     * SQL returning one row about the transactions open in other sessions, so that an upper bound
     * never passes a transaction that may still commit rows below it: column 1 is the start of the
     * oldest such transaction (a timestamp with time zone, or a UTC timestamp; NULL when none is
     * open), column 2 the number of sessions whose transactions this login cannot see (0 when it
     * sees them all). FlowForge's own read sessions are left out. Empty when the database cannot
     * show its open transactions; a failing query (missing privilege) counts as "cannot see".
     */
    default Optional<String> oldestOpenTransactionQuery() {
        return Optional.empty();
    }

    /**
     * Looks at the transactions open in other sessions, on an open connection in autocommit mode:
     * by default runs {@link #oldestOpenTransactionQuery()}. Empty when the database cannot show
     * them; throws when it can but refused (a missing privilege).
     */
    default Optional<OpenTransactionScan> scanOpenTransactions(Connection connection) throws SQLException {
        Optional<String> query = oldestOpenTransactionQuery();
        if (query.isEmpty()) {
            return Optional.empty();
        }
        try (PreparedStatement ps = connection.prepareStatement(query.get()); java.sql.ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("the open-transaction query returned no row");
            }
            return Optional.of(OpenTransactionScan.fromRow(rs, this));
        }
    }

    /**
     * Asks, on a fresh connection before its read transaction starts, for an isolation in which
     * every statement of the transaction sees one snapshot, so that a count taken before the read
     * matches the rows the read returns. By default REPEATABLE READ where the driver offers it
     * (a snapshot in PostgreSQL, MySQL/InnoDB and H2); SQL Server overrides it (its REPEATABLE READ
     * holds locks, its SNAPSHOT is chosen by the read's isolation setting).
     */
    default void prepareSnapshotRead(Connection connection) throws SQLException {
        if (connection.getMetaData().supportsTransactionIsolationLevel(Connection.TRANSACTION_REPEATABLE_READ)) {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        }
    }

    /**
     * After {@link #prepareStreaming}: how the transaction's statements see one snapshot, or empty
     * if they may not (a count would not be comparable with the rows read).
     */
    default Optional<String> snapshotOf(Connection connection) throws SQLException {
        int level = connection.getTransactionIsolation();
        return level == Connection.TRANSACTION_REPEATABLE_READ || level == Connection.TRANSACTION_SERIALIZABLE
                ? Optional.of("COUNT(*) in the read's own " + (level == Connection.TRANSACTION_SERIALIZABLE
                        ? "SERIALIZABLE" : "REPEATABLE READ") + " transaction, before its first row")
                : Optional.empty();
    }

    /** What a login needs to see every session's transactions, for the message when it cannot. */
    default String openTransactionPrivilegeHint() {
        return "grant it the right to see other sessions";
    }

    /**
     * Reads a value of {@link #serverInstantExpression()} or of the first column of
     * {@link #oldestOpenTransactionQuery()} as an instant: a timestamp with time zone as it is, a
     * timestamp without one as UTC.
     */
    default java.time.Instant readServerInstant(java.sql.ResultSet rs, int index) throws SQLException {
        java.sql.ResultSetMetaData md = rs.getMetaData();
        String typeName = String.valueOf(md.getColumnTypeName(index)).toLowerCase(java.util.Locale.ROOT);
        if (md.getColumnType(index) == java.sql.Types.TIMESTAMP_WITH_TIMEZONE || typeName.contains("tz")
                || typeName.contains("time zone") || typeName.contains("offset")) {
            return rs.getObject(index, java.time.OffsetDateTime.class).toInstant();
        }
        return rs.getObject(index, java.time.LocalDateTime.class).toInstant(java.time.ZoneOffset.UTC);
    }

    /** Whether a column is a database-maintained row version (SQL Server rowversion / timestamp). */
    default boolean isRowversion(JdbcColumn column) {
        return false;
    }
}

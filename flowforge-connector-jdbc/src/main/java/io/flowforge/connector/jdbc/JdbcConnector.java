package io.flowforge.connector.jdbc;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ColumnInfo;
import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectionTestResult;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.IncrementalRequest;
import io.flowforge.connector.IncrementalWindow;
import io.flowforge.connector.KeyRange;
import io.flowforge.connector.PublicEvolving;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.TableInfo;
import io.flowforge.connector.TableSchema;
import io.flowforge.connector.TableSplit;
import io.flowforge.connector.UrlSecrets;
import io.flowforge.connector.Watermark;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import io.flowforge.connector.arrow.RowCountReport;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Every {@link DatabaseConnector} operation over JDBC, written once against a {@link JdbcDialect}
 * and a {@link JdbcTypeMapping}. A database's connector extends it with its dialect and mapping,
 * and overrides a protected hook only where its SQL differs.
 *
 * <p>Each call opens its own connection (or borrows one from the {@link ConnectionSource} that
 * {@link PooledConnectors} installs); a reader owns the connection it reads from and closes it
 * with itself. Driver messages pass through {@link #redact} (the configuration's secrets and
 * those inside its URL, in every form {@link UrlSecrets} knows) before they reach an exception or
 * a result.
 */
@PublicEvolving
public abstract class JdbcConnector implements DatabaseConnector {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JdbcConnector.class);

    private final String identifier;
    private final ConnectionConfig config;
    private final JdbcDialect dialect;
    private final JdbcTypeMapping typeMapping;
    // The database's bulk table read, when it has one and the configuration leaves reads to it.
    private final BulkTableRead<?> bulkRead;
    private volatile ConnectionSource connectionSource;
    // The factory's driver (JdbcConnectorFactory), asked directly; null: DriverManager chooses.
    private volatile java.sql.Driver driver;

    protected JdbcConnector(String identifier, ConnectionConfig config, JdbcDialect dialect, JdbcTypeMapping typeMapping) {
        this(identifier, config, dialect, typeMapping, null);
    }

    /**
     * A connector whose table reads take {@code bulkRead} where they can (see {@link BulkTableRead});
     * a value of {@value BulkTableRead#READ_METHOD_PROPERTY} other than its name or {@code jdbc} fails here.
     */
    protected JdbcConnector(String identifier, ConnectionConfig config, JdbcDialect dialect, JdbcTypeMapping typeMapping,
            BulkTableRead<?> bulkRead) {
        this.identifier = requireNonNull(identifier, "identifier is null");
        this.config = requireNonNull(config, "config is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.typeMapping = requireNonNull(typeMapping, "typeMapping is null");
        this.bulkRead = bulkRead == null || readsThroughJdbc(config, bulkRead) ? null : bulkRead;
    }

    /** Whether the configuration's {@value BulkTableRead#READ_METHOD_PROPERTY} chooses JDBC over the bulk path. */
    private static boolean readsThroughJdbc(ConnectionConfig config, BulkTableRead<?> bulk) {
        String method = config.properties().getOrDefault(BulkTableRead.READ_METHOD_PROPERTY, bulk.name());
        String m = method.trim().toLowerCase(java.util.Locale.ROOT);
        if (!m.equals(bulk.name()) && !m.equals("jdbc")) {
            throw new ConnectorException("Connection property " + BulkTableRead.READ_METHOD_PROPERTY + " is '" + method
                    + "'; use " + bulk.name() + " (" + bulk.description() + ", the default) or jdbc.");
        }
        return m.equals("jdbc");
    }

    @Override
    public String identifier() {
        return identifier;
    }

    protected ConnectionConfig config() {
        return config;
    }

    protected JdbcDialect dialect() {
        return dialect;
    }

    protected JdbcTypeMapping typeMapping() {
        return typeMapping;
    }

    /**
     * The mapping for the columns of a caller's query, which cannot carry server-side conversions:
     * the type mapping's {@link JdbcTypeMapping#forQueries()}.
     */
    protected final JdbcTypeMapping queryTypeMapping() {
        return typeMapping.forQueries();
    }

    /**
     * A connection from the installed {@link ConnectionSource}, or else a new one with the dialect's
     * URL and driver properties, from the factory's driver ({@link JdbcConnectorFactory}).
     */
    protected Connection openConnection() throws SQLException {
        ConnectionSource source = connectionSource;
        if (source != null) {
            return source.connection();
        }
        return connect(driver, dialect, dialect.jdbcUrl(config), dialect.driverProperties(config));
    }

    /**
     * Asks {@code driver} for connections to the URLs it accepts from now on. Set by the factory,
     * which names the driver its connector is written for: asked directly, the driver is the one in
     * the class loader that loaded the connector, so a connector loaded apart from the application
     * (Spark's {@code --jars}, a plugin class loader) does not fail with DriverManager's "No suitable
     * driver"; no other driver on the class path that accepts the same URL can answer instead; and
     * DriverManager's first use, which loads and starts every driver on the class path, is not paid
     * (about 0.1 s of CPU with the four drivers of the command-line jar).
     */
    final void useDriver(java.sql.Driver driver) {
        this.driver = requireNonNull(driver, "driver is null");
    }

    /** The driver set by {@link #useDriver}, or null. */
    final java.sql.Driver driver() {
        return driver;
    }

    /**
     * A new connection to {@code url}: from {@code driver} when there is one and it accepts the URL,
     * otherwise (the generic connector, or a URL override with another driver's scheme) from
     * DriverManager.
     */
    static Connection connect(java.sql.Driver driver, JdbcDialect dialect, String url, java.util.Properties properties)
            throws SQLException {
        if (driver == null || !driver.acceptsURL(url)) {
            return java.sql.DriverManager.getConnection(url, properties);
        }
        Connection c = driver.connect(url, properties);
        if (c == null) {
            // The URL last: a redactor masks a URL's secret up to the end of the message.
            throw new SQLException(driver.getClass().getName() + " accepted the URL and then returned no connection for it: "
                    + dialect.maskedUrl(url), "08001");
        }
        return c;
    }

    /** Takes connections from {@code source} from now on, and closes it with this connector ({@link PooledConnectors}). */
    synchronized void useConnectionSource(ConnectionSource source) {
        requireNonNull(source, "source is null");
        if (connectionSource != null) {
            throw new IllegalStateException("This " + identifier + " connector already takes its connections from "
                    + connectionSource);
        }
        connectionSource = source;
    }

    /**
     * A text from a driver with the configuration's secrets masked, including those inside the URL
     * the dialect builds (a host such as {@code user:pw@db} would put one there).
     */
    protected String redact(String text) {
        if (text == null) {
            return null;
        }
        return config.redact(UrlSecrets.redact(text, effectiveUrl()));
    }

    private String effectiveUrl() {
        try {
            return dialect.jdbcUrl(config);
        } catch (RuntimeException noUrl) {
            return null; // the config's own secrets are still masked
        }
    }

    /** An exception for a failed operation, its message and cause redacted. */
    protected ConnectorException failure(String what, Throwable cause) {
        return new ConnectorException(what + ": " + redact(String.valueOf(cause.getMessage())),
                JdbcFailures.redacted(cause, this::redact));
    }

    @Override
    public ConnectionTestResult testConnection() {
        long start = System.nanoTime();
        String url = "(no URL)";
        try {
            url = dialect.maskedUrl(dialect.jdbcUrl(config));
            try (Connection c = openConnection()) {
                DatabaseMetaData md = c.getMetaData();
                return ConnectionTestResult.ok(md.getDatabaseProductName(), md.getDatabaseProductVersion(), since(start));
            }
        } catch (SQLException | RuntimeException e) {
            String user = config.username() == null ? "" : " as user '" + config.username() + "'";
            return ConnectionTestResult.failed(since(start),
                    "Could not connect to " + url + user + ": " + redact(String.valueOf(e.getMessage())));
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    @Override
    public List<TableInfo> listTables() {
        try (Connection c = openConnection()) {
            return dialect.listTables(c);
        } catch (SQLException e) {
            throw failure("Could not list the tables of " + databaseLabel(null), e);
        }
    }

    /** One table's entry from the dialect's catalog ({@link JdbcDialect#tableInfo}), asked for alone where the dialect can. */
    @Override
    public Optional<TableInfo> tableInfo(TableId table) {
        requireNonNull(table, "table is null");
        try (Connection c = openConnection()) {
            return dialect.tableInfo(c, table);
        } catch (SQLException e) {
            throw failure("Could not look up '" + table.qualifiedName() + "'", e);
        }
    }

    @Override
    public TableSchema getSchema(TableId table) {
        requireNonNull(table, "table is null");
        try (Connection c = openConnection()) {
            List<JdbcColumn> columns = existingColumns(c, table);
            List<ColumnInfo> infos = new ArrayList<>();
            ReadOptions options = ReadOptions.defaults();
            for (JdbcColumn col : columns) {
                var mapping = typeMapping.map(col, options);
                infos.add(new ColumnInfo(col.name(), col.ordinal(), col.typeName(), col.jdbcType(), col.precision(),
                        col.scale(), col.nullable(), mapping.map(ColumnMapping::field),
                        mapping.isPresent() ? Optional.empty() : Optional.of(typeMapping.unsupportedReason(col))));
            }
            return new TableSchema(table, infos, dialect.primaryKey(c, table));
        } catch (SQLException e) {
            throw failure("Could not read the schema of table '" + table + "'", e);
        }
    }

    /** The table's columns, or the "not found" error. */
    protected List<JdbcColumn> existingColumns(Connection c, TableId table) throws SQLException {
        List<JdbcColumn> columns = dialect.columns(c, table);
        if (columns.isEmpty()) {
            throw new ConnectorException("Table '" + table + "' was not found in database " + databaseLabel(c)
                    + ". Check the schema and the name's spelling; listTables() shows the tables that exist.");
        }
        return columns;
    }

    private String databaseLabel(Connection c) {
        String name = config.database();
        if (name == null && c != null) {
            try {
                name = c.getCatalog();
            } catch (SQLException ignored) {
                // Only for the message.
            }
        }
        return name != null ? "'" + name + "'" : redact(dialect.maskedUrl(config.jdbcUrl()));
    }

    /**
     * Streams a table through the database's {@link BulkTableRead} when there is one and every
     * selected column has its decoder; otherwise (or with {@value BulkTableRead#READ_METHOD_PROPERTY}=jdbc)
     * through JDBC. Both give the same batches.
     */
    @Override
    public ArrowReader readTable(TableId table, ReadOptions options, BufferAllocator allocator) {
        requireNonNull(table, "table is null");
        if (bulkRead != null) {
            ArrowReader bulk = readInBulk(bulkRead, table, all -> "", options, allocator);
            if (bulk != null) {
                return bulk;
            }
        }
        return openRead(table.qualifiedName(), options, allocator, c -> {
            SelectedColumns columns = SelectedColumns.resolve(
                    table.qualifiedName(), existingColumns(c, table), typeMapping, options);
            String sql = "SELECT " + columns.selectList(dialect) + " FROM " + dialect.quoteTable(table);
            return new PlannedRead(columns, sql, List.of(), null, "SELECT COUNT(*) FROM " + dialect.quoteTable(table));
        });
    }

    /**
     * The condition of a bulk read from the table's columns: empty for the whole table, null when a
     * bound has no literal form for the bulk path.
     */
    @FunctionalInterface
    private interface BulkFilter {
        String where(List<JdbcColumn> all);
    }

    /** The bulk read of a table's rows meeting {@code filter}, or null (the connection closed, the reason logged) when it cannot take it. */
    private <D> ArrowReader readInBulk(BulkTableRead<D> bulk, TableId table, BulkFilter filter, ReadOptions options,
            BufferAllocator allocator) {
        requireNonNull(options, "options is null");
        requireNonNull(allocator, "allocator is null");
        String source = table.qualifiedName();
        Connection c = null;
        try {
            c = openConnection();
            List<JdbcColumn> all = existingColumns(c, table);
            SelectedColumns columns = SelectedColumns.resolve(source, all, typeMapping, options);
            List<D> decoders = new ArrayList<>();
            Optional<String> reason = bulk.unavailable(c);
            for (int i = 0; i < columns.columns().size() && reason.isEmpty(); i++) {
                JdbcColumn col = columns.columns().get(i);
                ColumnMapping mapping = columns.mappings().get(i);
                mapping.bulkDecoder(bulk.decoderType()).ifPresent(decoders::add);
                if (decoders.size() <= i) {
                    reason = Optional.of("column '" + col.name() + "' (" + col.typeName() + " as "
                            + mapping.field().getType() + ") has no " + bulk.description() + " decoder");
                }
            }
            String where = reason.isPresent() ? "" : filter.where(all);
            if (where == null) {
                reason = Optional.of("a bound of the read has no literal form for " + bulk.description());
            }
            if (reason.isPresent()) {
                LOG.info("Reading {} through JDBC instead of {}: {}", source, bulk.description(), reason.get());
                c.close();
                return null;
            }
            RowCountReport.RowCount count = RowCountReport.RowCount.notCounted("not asked for");
            if (options.countRows()) {
                // The count and the bulk read share one transaction, so one snapshot where the dialect gives one.
                dialect.prepareSnapshotRead(c);
                c.setAutoCommit(false);
                c.setReadOnly(true);
                count = countRows(c, new PlannedRead(columns, null, List.of(), null, "SELECT COUNT(*) FROM "
                        + dialect.quoteTable(table) + (where.isEmpty() ? "" : " WHERE " + where)));
            }
            return bulk.open(source, c, dialect, table, where, columns, decoders, options, allocator, this::redact, count);
        } catch (SQLException e) {
            ResultSetArrowReader.closeJdbc(c, null, null, true);
            throw failure("Could not read '" + source + "'", e);
        } catch (RuntimeException e) {
            ResultSetArrowReader.closeJdbc(c, null, null, true);
            throw e;
        }
    }

    @Override
    public ArrowReader readQuery(String sql, ReadOptions options, BufferAllocator allocator) {
        requireNonNull(sql, "sql is null");
        return openRead("query", options, allocator, c -> new PlannedRead(null, sql, List.of(), null));
    }

    @Override
    public IncrementalWindow planIncremental(IncrementalRequest request) {
        requireNonNull(request, "request is null");
        try (Connection c = openConnection()) {
            JdbcColumn delta = deltaColumn(c, request.table(), request.deltaColumn());
            return new IncrementalPlanner(identifier, dialect, this::redact)
                    .plan(c, request, delta, watermarkType(request.table(), delta));
        } catch (SQLException e) {
            throw failure("Could not plan the incremental read of '" + request.table() + "'", e);
        }
    }

    @Override
    public ArrowReader readWindow(IncrementalWindow window, ReadOptions options, BufferAllocator allocator) {
        requireNonNull(window, "window is null");
        TableId table = window.table();
        if (bulkRead != null) {
            ArrowReader bulk = readWindowInBulk(bulkRead, window, options, allocator);
            if (bulk != null) {
                return bulk;
            }
        }
        return openRead(table.qualifiedName(), options, allocator, c -> {
            List<JdbcColumn> all = existingColumns(c, table);
            JdbcColumn delta = deltaColumn(table, all, window.deltaColumn());
            if (watermarkType(table, delta) != window.watermarkType()) {
                throw new ConnectorException("The window of '" + table + "." + delta.name() + "' holds "
                        + window.watermarkType() + " watermarks, but the column now gives " + watermarkType(table, delta)
                        + "; plan a new window.");
            }
            SelectedColumns columns = SelectedColumns.resolve(table.qualifiedName(), all, typeMapping, options);
            List<Watermark> params = new ArrayList<>();
            String where = windowCondition(window, delta, params);
            // No ORDER BY: a window's bounds are fixed, so its rows are the same in any order, and
            // without an index on the delta column an ORDER BY makes the server sort the whole window
            // (the first window is the whole table) before it sends the first row.
            String sql = "SELECT " + columns.selectList(dialect) + " FROM " + dialect.quoteTable(table)
                    + " WHERE " + where;
            return new PlannedRead(columns, sql, params, delta,
                    "SELECT COUNT(*) FROM " + dialect.quoteTable(table) + " WHERE " + where);
        });
    }

    /**
     * A window read through the bulk path, its bounds written as the path's typed literals; null
     * (through JDBC) when one has none. The window's delta column must still give its watermark type.
     */
    private <D> ArrowReader readWindowInBulk(BulkTableRead<D> bulk, IncrementalWindow window, ReadOptions options,
            BufferAllocator allocator) {
        TableId table = window.table();
        return readInBulk(bulk, table, all -> {
            JdbcColumn delta = deltaColumn(table, all, window.deltaColumn());
            if (watermarkType(table, delta) != window.watermarkType()) {
                throw new ConnectorException("The window of '" + table + "." + delta.name() + "' holds "
                        + window.watermarkType() + " watermarks, but the column now gives " + watermarkType(table, delta)
                        + "; plan a new window.");
            }
            List<String> unrendered = new ArrayList<>();
            String where = windowCondition(window, delta, (value, column) ->
                    bulk.literal(value, column).orElseGet(() -> {
                        unrendered.add(column.name());
                        return "NULL";
                    }));
            return unrendered.isEmpty() ? where : null;
        }, options, allocator);
    }

    /**
     * The window's WHERE condition, appending its parameters: {@code 1 = 0} for an empty window,
     * the NULL delta values on a first run, the bounds with their inclusiveness otherwise.
     */
    protected String windowCondition(IncrementalWindow window, JdbcColumn delta, List<Watermark> params) {
        return windowCondition(window, delta, (value, column) -> {
            params.add(value);
            return dialect.watermarkParameter(column);
        });
    }

    /**
     * The window's WHERE condition with each bound placed by {@code values}: {@code 1 = 0} for an
     * empty window, the NULL delta values on a first run, the bounds with their inclusiveness
     * otherwise.
     */
    private String windowCondition(IncrementalWindow window, JdbcColumn delta, ValuePlacement values) {
        if (window.isEmpty()) {
            return "1 = 0";
        }
        String col = dialect.quoteIdentifier(delta.name());
        if (window.isInitial()) {
            return "(" + col + (window.upperInclusive() ? " <= " : " < ") + values.place(window.upper().get(), delta)
                    + " OR " + col + " IS NULL)";
        }
        String lower = values.place(window.lower().get(), delta);
        String upper = values.place(window.upper().get(), delta);
        return col + (window.lowerInclusive() ? " >= " : " > ") + lower + " AND " + col
                + (window.upperInclusive() ? " <= " : " < ") + upper;
    }

    /**
     * How a comparison value enters the SQL of a read: by default as a bind parameter (the
     * dialect's {@link JdbcDialect#watermarkParameter marker}, the value recorded for binding); a
     * {@link BulkTableRead} that takes no parameters (PostgreSQL's {@code COPY}) writes it as its typed
     * {@link BulkTableRead#literal literal} instead. Returns the SQL text that stands for the value, compared with {@code column}.
     */
    @FunctionalInterface
    interface ValuePlacement {
        String place(Watermark value, JdbcColumn column);
    }

    /** Placement as bind parameters, recording each value and the column it compares with. */
    private ValuePlacement bindParameters(List<Watermark> params, List<JdbcColumn> paramColumns) {
        return (value, column) -> {
            params.add(value);
            paramColumns.add(column);
            return dialect.watermarkParameter(column);
        };
    }

    /**
     * The WHERE condition of a range read: the window's condition (when there is a window) and the
     * key range's, each value placed by {@code values}. Checks that the window's delta column still
     * gives the window's watermark type.
     */
    private String rangeCondition(TableId table, List<JdbcColumn> all, Optional<IncrementalWindow> window,
            KeyRange range, ValuePlacement values) {
        JdbcColumn key = deltaColumn(table, all, range.column());
        String where = "1 = 1";
        if (window.isPresent()) {
            JdbcColumn delta = deltaColumn(table, all, window.get().deltaColumn());
            if (watermarkType(table, delta) != window.get().watermarkType()) {
                throw new ConnectorException("The window of '" + table + "." + delta.name() + "' holds "
                        + window.get().watermarkType() + " watermarks, but the column now gives "
                        + watermarkType(table, delta) + "; plan a new window.");
            }
            where = windowCondition(window.get(), delta, values);
        }
        return "(" + where + ") AND " + KeyRangePlanner.condition(dialect, key, range, values);
    }

    @Override
    public List<TableSplit> planSplits(TableId table, Optional<String> column, int count) {
        requireNonNull(table, "table is null");
        requireNonNull(column, "column is null");
        try (Connection c = openConnection()) {
            return SplitPlanner.plan(c, dialect, table, existingColumns(c, table), column, count);
        } catch (SQLException e) {
            throw failure("Cannot plan split reads of '" + table + "'", e);
        }
    }

    @Override
    public List<KeyRange> planKeyRanges(TableId table, Optional<IncrementalWindow> window, String keyColumn, int count) {
        requireNonNull(table, "table is null");
        requireNonNull(window, "window is null");
        requireNonNull(keyColumn, "keyColumn is null");
        try (Connection c = openConnection()) {
            List<JdbcColumn> all = existingColumns(c, table);
            JdbcColumn key = deltaColumn(table, all, keyColumn);
            List<Watermark> params = new ArrayList<>();
            List<JdbcColumn> paramColumns = new ArrayList<>();
            String where = null;
            if (window.isPresent()) {
                JdbcColumn delta = deltaColumn(table, all, window.get().deltaColumn());
                where = windowCondition(window.get(), delta, bindParameters(params, paramColumns));
            }
            return KeyRangePlanner.plan(c, dialect, table, key, where, params, paramColumns, count);
        } catch (SQLException e) {
            throw failure("Cannot plan split reads of '" + table + "'", e);
        }
    }

    @Override
    public ArrowReader readRange(TableId table, Optional<IncrementalWindow> window, KeyRange range, ReadOptions options,
            BufferAllocator allocator) {
        requireNonNull(table, "table is null");
        requireNonNull(window, "window is null");
        requireNonNull(range, "range is null");
        if (bulkRead != null) {
            ArrowReader bulk = readRangeInBulk(bulkRead, table, window, range, options, allocator);
            if (bulk != null) {
                return bulk;
            }
        }
        return openRead(table.qualifiedName(), options, allocator, c -> {
            List<JdbcColumn> all = existingColumns(c, table);
            SelectedColumns columns = SelectedColumns.resolve(table.qualifiedName(), all, typeMapping, options);
            List<Watermark> params = new ArrayList<>();
            List<JdbcColumn> paramColumns = new ArrayList<>();
            String where = rangeCondition(table, all, window, range, bindParameters(params, paramColumns));
            JdbcColumn delta = deltaColumn(table, all, window.map(IncrementalWindow::deltaColumn).orElse(range.column()));
            String from = " FROM " + dialect.quoteTable(table) + " WHERE " + where;
            return new PlannedRead(columns, "SELECT " + columns.selectList(dialect) + from, params, delta,
                    "SELECT COUNT(*)" + from, paramColumns);
        });
    }

    /**
     * A range read through the bulk path, its bounds written as the path's typed literals; null
     * (through JDBC) when one has none.
     */
    private <D> ArrowReader readRangeInBulk(BulkTableRead<D> bulk, TableId table, Optional<IncrementalWindow> window,
            KeyRange range, ReadOptions options, BufferAllocator allocator) {
        return readInBulk(bulk, table, all -> {
            List<String> unrendered = new ArrayList<>();
            String where = rangeCondition(table, all, window, range, (value, column) ->
                    bulk.literal(value, column).orElseGet(() -> {
                        unrendered.add(column.name());
                        return "NULL";
                    }));
            return unrendered.isEmpty() ? where : null;
        }, options, allocator);
    }

    private JdbcColumn deltaColumn(Connection c, TableId table, String name) throws SQLException {
        return deltaColumn(table, existingColumns(c, table), name);
    }

    static JdbcColumn deltaColumn(TableId table, List<JdbcColumn> columns, String name) {
        Optional<JdbcColumn> exact = columns.stream().filter(col -> col.name().equals(name)).findFirst();
        if (exact.isPresent()) {
            return exact.get();
        }
        List<JdbcColumn> folded = columns.stream().filter(col -> col.name().equalsIgnoreCase(name)).toList();
        if (folded.size() == 1) {
            return folded.get(0);
        }
        throw new ConnectorException("Delta column '" + name + "' was not found in table '" + table
                + "'. Its columns are: " + columns.stream().map(JdbcColumn::name).collect(Collectors.joining(", ")) + ".");
    }

    private Watermark.Type watermarkType(TableId table, JdbcColumn delta) {
        return dialect.watermarkType(delta).orElseThrow(() -> new ConnectorException("Column '" + table + "."
                + delta.name() + "' has type " + delta.typeName() + ", which cannot be a delta column: use an "
                + "integer, decimal, date, timestamp or string column."));
    }

    /** What a read will run: the columns (null: take them from the result's metadata), SQL and parameters. */
    protected record PlannedRead(SelectedColumns columns, String sql, List<Watermark> params, JdbcColumn delta,
            String countSql, List<JdbcColumn> paramColumns) {

        /** A read whose parameters all compare with {@code delta}. */
        public PlannedRead(SelectedColumns columns, String sql, List<Watermark> params, JdbcColumn delta, String countSql) {
            this(columns, sql, params, delta, countSql, null);
        }

        /** The column parameter {@code i} compares with, for binding it exactly. */
        JdbcColumn paramColumn(int i) {
            return paramColumns == null ? delta : paramColumns.get(i);
        }

        /** A read that cannot be counted (a caller's query). */
        public PlannedRead(SelectedColumns columns, String sql, List<Watermark> params, JdbcColumn delta) {
            this(columns, sql, params, delta, null);
        }
    }

    /** Plans a read on an open connection. */
    @FunctionalInterface
    protected interface ReadPlanner {
        PlannedRead plan(Connection connection) throws SQLException;
    }

    /** Opens a connection, plans, executes and hands everything to a reader; closes all on failure. */
    protected ArrowReader openRead(String source, ReadOptions options, BufferAllocator allocator, ReadPlanner planner) {
        requireNonNull(options, "options is null");
        requireNonNull(allocator, "allocator is null");
        Connection c = null;
        PreparedStatement ps = null;
        ResultSet rs = null;
        try {
            c = openConnection();
            PlannedRead plan = planner.plan(c);
            if (options.countRows() && plan.countSql() != null) {
                dialect.prepareSnapshotRead(c);
            }
            ps = dialect.prepareStreaming(c, plan.sql(), options);
            for (int i = 0; i < plan.params().size(); i++) {
                dialect.bindWatermark(ps, i + 1, plan.params().get(i), plan.paramColumn(i));
            }
            RowCountReport.RowCount count = options.countRows() ? countRows(c, plan) : RowCountReport.RowCount.notCounted("not asked for");
            rs = dialect.executeStreaming(ps, options);
            SelectedColumns columns = plan.columns();
            int[] positions;
            if (columns == null) {
                columns = SelectedColumns.resolve(source, columnsOf(rs.getMetaData()), queryTypeMapping(),
                        options.withColumns(List.of()));
                positions = columns.positionsByOrdinal();
            } else {
                positions = columns.positionsInSelectList();
            }
            return ResultSetArrowReader.open(source, c, ps, rs, columns, positions, options, allocator, this::redact,
                    dialect::cancelRunning).withSourceRowCount(count);
        } catch (SQLException e) {
            ResultSetArrowReader.closeJdbc(c, ps, rs, true);
            throw failure("Could not read '" + source + "'", e);
        } catch (RuntimeException e) {
            ResultSetArrowReader.closeJdbc(c, ps, rs, true);
            throw e;
        }
    }

    /**
     * Counts the planned read's rows on its connection, inside its transaction and so in its
     * snapshot where the dialect gives one; otherwise says why the rows are not counted.
     */
    private RowCountReport.RowCount countRows(Connection c, PlannedRead plan) throws SQLException {
        if (plan.countSql() == null) {
            return RowCountReport.RowCount.notCounted("a query's rows are not counted");
        }
        Optional<String> snapshot = dialect.snapshotOf(c);
        if (snapshot.isEmpty()) {
            return RowCountReport.RowCount.notCounted("the " + identifier + " connector reads this source without a "
                    + "snapshot its count would share (isolation level " + c.getTransactionIsolation() + ")");
        }
        try (PreparedStatement cs = c.prepareStatement(plan.countSql())) {
            for (int i = 0; i < plan.params().size(); i++) {
                dialect.bindWatermark(cs, i + 1, plan.params().get(i), plan.paramColumn(i));
            }
            try (ResultSet r = cs.executeQuery()) {
                r.next();
                return RowCountReport.RowCount.counted(r.getLong(1), snapshot.get());
            }
        }
    }

    /** The columns of a result as JDBC describes them, for queries. */
    protected static List<JdbcColumn> columnsOf(ResultSetMetaData md) throws SQLException {
        List<JdbcColumn> out = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            out.add(new JdbcColumn(md.getColumnLabel(i), i, md.getColumnType(i), String.valueOf(md.getColumnTypeName(i)),
                    md.getPrecision(i), md.getScale(i), md.isNullable(i) != ResultSetMetaData.columnNoNulls));
        }
        return out;
    }

    /** Closes the connection source (a pool), if one was installed; otherwise there is nothing to release. */
    @Override
    public void close() {
        ConnectionSource source = connectionSource;
        if (source != null) {
            source.close();
        }
    }
}

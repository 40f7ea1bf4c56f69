package io.flowforge.connector.postgresql;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.IncrementalWindow;
import io.flowforge.connector.KeyRange;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.jdbc.JdbcColumn;
import io.flowforge.connector.jdbc.JdbcConnector;
import io.flowforge.connector.jdbc.SelectedColumns;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import io.flowforge.connector.arrow.RowCountReport;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads PostgreSQL tables, queries and incremental windows into Arrow batches through pgjdbc, with
 * {@link PostgreSqlDialect} and {@link PostgreSqlTypeMapping}. Table reads and key-range reads (the
 * split tasks of a split load) go through binary {@code COPY} ({@link PgBinaryCopyReader}) when
 * every selected column has a decoder, and through JDBC otherwise; the connection property {@value #READ_METHOD_PROPERTY} forces either. Created by
 * {@link PostgreSqlConnectorFactory} (identifier {@code postgresql}).
 */
public final class PostgreSqlConnector extends JdbcConnector {

    /** Connection property choosing how tables are read: {@code copy} (the default) or {@code jdbc}. */
    public static final String READ_METHOD_PROPERTY = "flowforge.readMethod";

    private static final Logger LOG = LoggerFactory.getLogger(PostgreSqlConnector.class);

    private final boolean copyReads;

    public PostgreSqlConnector(ConnectionConfig config) {
        this(config, new PostgreSqlDialect());
    }

    PostgreSqlConnector(ConnectionConfig config, PostgreSqlDialect dialect) {
        super(PostgreSqlConnectorFactory.IDENTIFIER, config, dialect, mapping(new PostgreSqlTypeMapping(), config));
        this.copyReads = copyReads(config);
    }

    /**
     * pgjdbc keeps the client encoding UTF8 (it closes a connection whose encoding changes) unless
     * {@code allowEncodingChanges} is set; only then is text decoded through getString.
     */
    static PostgreSqlTypeMapping mapping(PostgreSqlTypeMapping mapping, ConnectionConfig config) {
        String allow = config.properties().getOrDefault("allowEncodingChanges", "false");
        return Boolean.parseBoolean(allow.trim()) ? mapping.withDecodedText() : mapping;
    }

    /** Whether the configuration leaves table reads to binary COPY; a value other than copy or jdbc fails. */
    static boolean copyReads(ConnectionConfig config) {
        String method = config.properties().getOrDefault(READ_METHOD_PROPERTY, "copy");
        return switch (method.trim().toLowerCase(Locale.ROOT)) {
            case "copy" -> true;
            case "jdbc" -> false;
            default -> throw new ConnectorException("Connection property " + READ_METHOD_PROPERTY + " is '" + method
                    + "'; use copy (binary COPY, the default) or jdbc.");
        };
    }

    /**
     * Streams a table through binary {@code COPY} when every selected column has a COPY decoder and
     * the server's encoding is UTF-8; otherwise (or with {@value #READ_METHOD_PROPERTY}=jdbc)
     * through JDBC, logging why. Both give the same batches.
     */
    @Override
    public ArrowReader readTable(TableId table, ReadOptions options, BufferAllocator allocator) {
        requireNonNull(table, "table is null");
        requireNonNull(options, "options is null");
        requireNonNull(allocator, "allocator is null");
        if (!copyReads) {
            return super.readTable(table, options, allocator);
        }
        return copyRead(table, options, allocator, all -> "",
                () -> super.readTable(table, options, allocator));
    }

    /**
     * Streams one key range of a table (inside an incremental window, when there is one) through
     * binary {@code COPY}, as {@link #readTable} streams a whole table; the split tasks of a split
     * load read this way. {@code COPY} takes no bind parameters, so the window's and the range's
     * bounds are written into the statement as typed literals ({@link PgLiterals}: re-rendered from
     * the parsed values, cast to the column's type). A bound without such a literal, a column
     * without a COPY decoder or {@value #READ_METHOD_PROPERTY}=jdbc read through JDBC instead, with
     * the same rows and values.
     */
    @Override
    public ArrowReader readRange(TableId table, Optional<IncrementalWindow> window, KeyRange range, ReadOptions options,
            BufferAllocator allocator) {
        requireNonNull(table, "table is null");
        requireNonNull(window, "window is null");
        requireNonNull(range, "range is null");
        requireNonNull(options, "options is null");
        requireNonNull(allocator, "allocator is null");
        if (!copyReads) {
            return super.readRange(table, window, range, options, allocator);
        }
        return copyRead(table, options, allocator, all -> {
            List<String> unrendered = new ArrayList<>();
            String where = rangeCondition(table, all, window, range, (value, column) ->
                    PgLiterals.literal(value, column).orElseGet(() -> {
                        unrendered.add(column.name() + " " + value);
                        return "NULL";
                    }));
            return unrendered.isEmpty() ? " WHERE " + where : null;
        }, () -> super.readRange(table, window, range, options, allocator));
    }

    /** The WHERE clause of a COPY read (empty for none) from the table's columns, or null when it has no literal form. */
    @FunctionalInterface
    private interface CopyFilter {
        String where(List<JdbcColumn> columns);
    }

    /**
     * A binary COPY read of the table's selected columns filtered by {@code filter}, with the row
     * count taken in the COPY's own snapshot when asked for; {@code jdbc} when COPY cannot read it.
     */
    private ArrowReader copyRead(TableId table, ReadOptions options, BufferAllocator allocator, CopyFilter filter,
            java.util.function.Supplier<ArrowReader> jdbc) {
        String source = table.qualifiedName();
        Connection c = null;
        try {
            c = openConnection();
            List<JdbcColumn> all = existingColumns(c, table);
            SelectedColumns columns = SelectedColumns.resolve(source, all, typeMapping(), options);
            List<PgCopyDecoders.Binder> binders = new ArrayList<>();
            Optional<String> reason = encodingProblem(c);
            for (int i = 0; i < columns.columns().size() && reason.isEmpty(); i++) {
                JdbcColumn col = columns.columns().get(i);
                Optional<PgCopyDecoders.Binder> b = PgCopyDecoders.forColumn(columns.mappings().get(i));
                if (b.isPresent()) {
                    binders.add(b.get());
                } else {
                    reason = Optional.of("column '" + col.name() + "' (" + col.typeName() + " as "
                            + columns.mappings().get(i).field().getType() + ") has no binary COPY decoder");
                }
            }
            String where = reason.isPresent() ? "" : filter.where(all);
            if (where == null) {
                reason = Optional.of("a bound of the read has no literal form for COPY");
            }
            if (reason.isPresent()) {
                LOG.info("Reading {} through JDBC instead of binary COPY: {}", source, reason.get());
                c.close();
                return jdbc.get();
            }
            String from = " FROM " + dialect().quoteTable(table) + where;
            String sql = "COPY (SELECT " + columns.selectList(dialect()) + from + ") TO STDOUT (FORMAT binary)";
            RowCountReport.RowCount count = RowCountReport.RowCount.notCounted("not asked for");
            if (options.countRows()) {
                // The count and the COPY share one REPEATABLE READ transaction, so one snapshot.
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                c.setAutoCommit(false);
                c.setReadOnly(true);
                try (var st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*)" + from)) {
                    rs.next();
                    count = RowCountReport.RowCount.counted(rs.getLong(1),
                            "COUNT(*) in the COPY's own REPEATABLE READ transaction, before its first row");
                }
            }
            return PgBinaryCopyReader.open(source, c, sql, columns.mappings(), binders, options, allocator, this::redact)
                    .withSourceRowCount(count);
        } catch (SQLException e) {
            closeQuietly(c);
            throw failure("Could not read '" + source + "'", e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /**
     * Binary COPY sends text in the client encoding (UTF-8 with pgjdbc), converted by the server;
     * a server without an encoding (SQL_ASCII) sends its bytes unchecked, which JDBC decodes and
     * COPY would not, so only UTF8 servers read through COPY.
     */
    private static Optional<String> encodingProblem(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_encoding")) {
            String encoding = rs.next() ? rs.getString(1) : null;
            return "UTF8".equalsIgnoreCase(encoding) ? Optional.empty()
                    : Optional.of("the server encoding is " + encoding + ", not UTF8");
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException | RuntimeException ignored) {
                // Already failing; the first error is the one that matters.
            }
        }
    }
}

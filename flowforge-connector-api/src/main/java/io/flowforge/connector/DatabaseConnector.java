package io.flowforge.connector;

import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * A connection to one source database that can describe its tables and stream their rows as
 * Arrow batches.
 *
 * <p>Reads return an {@link ArrowReader}: one {@code VectorSchemaRoot} refilled per batch, so
 * memory is bounded by the batch size whatever the table size. Arrow memory is taken from a
 * child of the caller's allocator, limited by {@link ReadOptions#allocatorLimitBytes()}, and
 * released when the reader is closed. Closing a reader before its end cancels the statement on
 * the server rather than draining the remaining rows.
 *
 * <p>Implementations are not required to be thread-safe; open one connector per thread.
 */
@PublicEvolving
public interface DatabaseConnector extends AutoCloseable {

    /** The identifier of the factory that created this connector, for example {@code sql-server}. */
    String identifier();

    /**
     * Opens a connection, asks the server for its product name and version, and closes it. A wrong
     * password, an unreachable host or a missing database is reported as a failed result, never
     * as an exception.
     */
    ConnectionTestResult testConnection();

    /** Lists the user tables and views, sorted by schema and name. */
    List<TableInfo> listTables();

    /**
     * One table's catalog entry (its kind and the database's row estimate), or empty if the table
     * is not listed. Callers that need one table's estimate (a progress percentage) ask here
     * instead of listing the whole catalog. By default found in {@link #listTables()}; connectors
     * override it to ask for the one table.
     */
    default Optional<TableInfo> tableInfo(TableId table) {
        return listTables().stream().filter(t -> t.id().equals(table)).findFirst();
    }

    /**
     * Describes a table's columns, each with its source type and the Arrow field it maps to, and
     * its primary key.
     *
     * @throws ConnectorException if the table does not exist
     */
    TableSchema getSchema(TableId table);

    /** Streams every row of a table ({@code SELECT} of all mapped columns), in batches. */
    ArrowReader readTable(TableId table, ReadOptions options, BufferAllocator allocator);

    /** Streams the result of a read-only query, in batches. */
    ArrowReader readQuery(String sql, ReadOptions options, BufferAllocator allocator);

    /**
     * Fixes the bounds of an incremental read: the lower bound from the request's last watermark,
     * the upper bound from the database now (the largest delta value, the database clock minus
     * the lag, or {@code MIN_ACTIVE_ROWVERSION()}, as the request's strategy says). The window can
     * be stored and read later, or read again after a failure, and yields the same rows.
     */
    IncrementalWindow planIncremental(IncrementalRequest request);

    /**
     * Streams the rows inside a planned window, in no particular order: the window's bounds are
     * fixed, so its rows are the same in any order, and no sort delays the first row.
     */
    ArrowReader readWindow(IncrementalWindow window, ReadOptions options, BufferAllocator allocator);

    /**
     * Plans a window from the request and opens a reader over it: the rows after the last
     * watermark, and the watermark the next run should start from.
     */
    default IncrementalRead readIncremental(
            IncrementalRequest request, ReadOptions options, BufferAllocator allocator) {
        IncrementalWindow window = planIncremental(request);
        return new IncrementalRead(window, readWindow(window, options, allocator));
    }

    /**
     * Plans a parallel read of a whole table as {@code count} disjoint ranges of an integer,
     * NOT NULL column ({@code column}, or the table's single-column integer primary key when
     * absent), from its current minimum and maximum. Rows inserted later outside that span are not
     * in any split. Fewer splits come back when the span is smaller than {@code count}.
     *
     * @throws ConnectorException if the column is not an integer NOT NULL column
     * @throws UnsupportedOperationException if this connector cannot split reads
     */
    default List<TableSplit> planSplits(TableId table, Optional<String> column, int count) {
        throw new UnsupportedOperationException("the " + identifier() + " connector cannot split reads");
    }

    /** Streams the rows of one split, in no particular order. */
    default ArrowReader readSplit(TableSplit split, ReadOptions options, BufferAllocator allocator) {
        return readWindow(split.range(), options, allocator);
    }

    /**
     * Cuts the rows of a table, or of an incremental window of it, into at most {@code count}
     * ranges of {@code keyColumn} holding about as many rows each (quantiles computed by the
     * server, not equal strides of the key's span, so skewed keys still give even ranges). The
     * first range is open below and takes NULL keys, the last is open above: rows that arrive
     * later outside the minimum and maximum seen now are still in a range. Keys may be integers,
     * dates or timestamps. Fewer ranges come back when the rows have fewer distinct keys; one
     * range ({@link KeyRange#all}) for an empty table or window.
     *
     * @throws ConnectorException if the column is missing or of a type that cannot be split
     * @throws UnsupportedOperationException if this connector cannot split reads
     */
    default java.util.List<KeyRange> planKeyRanges(TableId table, Optional<IncrementalWindow> window, String keyColumn,
            int count) {
        throw new UnsupportedOperationException("the " + identifier() + " connector cannot split reads");
    }

    /**
     * Streams the rows of a table (or of an incremental window of it, when present) whose key lies
     * in {@code range}, in no particular order, with the same columns and types as
     * {@link #readTable} and {@link #readWindow}.
     */
    default ArrowReader readRange(TableId table, Optional<IncrementalWindow> window, KeyRange range, ReadOptions options,
            BufferAllocator allocator) {
        throw new UnsupportedOperationException("the " + identifier() + " connector cannot split reads");
    }

    /** Releases the connector's resources. Readers it returned must be closed first. */
    @Override
    void close();
}

package io.flowforge.connector.jdbc;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.Internal;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.arrow.ConversionCount;
import io.flowforge.connector.arrow.ConversionReport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a JDBC result set as Arrow batches: one {@link VectorSchemaRoot}, refilled with up to
 * {@code batchSize} rows (fewer when the batch's variable-width data passes {@code maxBatchBytes}).
 * It owns the connection, statement and result set it is given and an allocator of its own (a
 * child of the caller's, limited by {@code allocatorLimitBytes}); closing it before the end
 * cancels the statement first, so the driver does not drain the remaining rows. Values its column
 * readers change by a documented conversion are counted ({@link ConversionReport}) and logged at
 * WARN when it closes.
 */
@Internal
public final class ResultSetArrowReader extends RowBatchReader implements ConversionReport {

    private static final Logger LOG = LoggerFactory.getLogger(ResultSetArrowReader.class);

    private final Connection connection;
    private final Statement statement;
    private final ResultSet resultSet;
    private final int[] positions;
    private final Canceller canceller;
    private ColumnReader.Bound[] bound;
    private BaseVariableWidthVector[] variableWidth;
    private ColumnReader.BatchBound[] staged;
    // Set once on the reading thread, read by conversions() from any thread.
    private volatile ColumnReader.CountingBound[] counting = new ColumnReader.CountingBound[0];
    private volatile String[] countingColumns = new String[0];

    private ResultSetArrowReader(BufferAllocator own, String source, Connection connection, Statement statement,
            ResultSet resultSet, SelectedColumns columns, int[] positions, ReadOptions options,
            UnaryOperator<String> redactor, Canceller canceller) {
        super(own, source, columns.mappings(), options, redactor);
        this.connection = connection;
        this.statement = statement;
        this.resultSet = resultSet;
        this.positions = positions.clone();
        this.canceller = canceller;
    }

    /**
     * Wraps an executed query. On failure the connection, statement and result set are closed.
     *
     * @param source the table's qualified name (or {@code query}): names the allocator and messages
     * @param positions the 1-based result set column of each selected column
     * @param redactor removes secrets from driver messages
     */
    public static ResultSetArrowReader open(String source, Connection connection, Statement statement,
            ResultSet resultSet, SelectedColumns columns, int[] positions, ReadOptions options,
            BufferAllocator allocator, UnaryOperator<String> redactor) {
        return open(source, connection, statement, resultSet, columns, positions, options, allocator, redactor,
                (c, s) -> s.cancel());
    }

    /**
     * As {@link #open(String, Connection, Statement, ResultSet, SelectedColumns, int[], ReadOptions,
     * BufferAllocator, UnaryOperator)}, with the dialect's way to cancel the running statement from
     * another thread ({@link JdbcDialect#cancelRunning}).
     */
    public static ResultSetArrowReader open(String source, Connection connection, Statement statement,
            ResultSet resultSet, SelectedColumns columns, int[] positions, ReadOptions options,
            BufferAllocator allocator, UnaryOperator<String> redactor, Canceller canceller) {
        requireNonNull(source, "source is null");
        requireNonNull(canceller, "canceller is null");
        requireNonNull(columns, "columns is null");
        requireNonNull(options, "options is null");
        requireNonNull(allocator, "allocator is null");
        requireNonNull(redactor, "redactor is null");
        if (positions.length != columns.mappings().size()) {
            throw new IllegalArgumentException("one result set position per column is needed");
        }
        BufferAllocator own = null;
        try {
            own = allocator.newChildAllocator("flowforge-read:" + source, 0, options.allocatorLimitBytes());
            return new ResultSetArrowReader(own, source, connection, statement, resultSet, columns, positions,
                    options, redactor, canceller);
        } catch (RuntimeException e) {
            if (own != null) {
                own.close();
            }
            closeJdbc(connection, statement, resultSet, true);
            throw e;
        }
    }

    /**
     * Reads the next row. A value the target type cannot hold fails with its own message; any
     * other exception out of a reader (the driver's, a conversion's) is named with the source,
     * column, row and value, which a bare driver message leaves out.
     */
    @Override
    protected boolean readRow(int row) throws SQLException {
        if (!resultSet.next()) {
            return false;
        }
        int i = 0;
        try {
            for (; i < bound.length; i++) {
                bound[i].read(resultSet, row);
            }
        } catch (ValueOutOfRangeException | OutOfMemoryException e) {
            throw e;
        } catch (SQLException | RuntimeException e) {
            Field field = mappings.get(i).field();
            throw ColumnReadFailure.of(source, field, rowsRead() + row + 1,
                    ColumnReadFailure.valueText(resultSet, positions[i], field), e, redactor);
        }
        return true;
    }

    @Override
    protected void bind(List<FieldVector> vectors) {
        bound = new ColumnReader.Bound[vectors.size()];
        List<BaseVariableWidthVector> variable = new ArrayList<>();
        List<ColumnReader.BatchBound> batched = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            FieldVector v = vectors.get(i);
            bound[i] = mappings.get(i).reader().bindForBatches(v, positions[i]);
            if (bound[i] instanceof ColumnReader.BatchBound b) {
                batched.add(b);
            } else if (v instanceof BaseVariableWidthVector w) {
                variable.add(w);
            }
        }
        variableWidth = variable.toArray(new BaseVariableWidthVector[0]);
        staged = batched.toArray(new ColumnReader.BatchBound[0]);
        List<ColumnReader.CountingBound> counted = new ArrayList<>();
        List<String> countedColumns = new ArrayList<>();
        for (int i = 0; i < bound.length; i++) {
            if (bound[i] instanceof ColumnReader.CountingBound cb) {
                counted.add(cb);
                countedColumns.add(vectors.get(i).getName());
            }
        }
        countingColumns = countedColumns.toArray(new String[0]);
        counting = counted.toArray(new ColumnReader.CountingBound[0]);
    }

    /** Values changed by a documented conversion so far, per column (e.g. 100 ns digits truncated to microseconds). */
    @Override
    public List<ConversionCount> conversions() {
        ColumnReader.CountingBound[] c = counting;
        String[] names = countingColumns;
        List<ConversionCount> out = new ArrayList<>();
        for (int i = 0; i < c.length && i < names.length; i++) {
            long n = c[i].count();
            if (n > 0) {
                out.add(new ConversionCount(source, names[i], c[i].conversion(), n));
            }
        }
        return out;
    }

    @Override
    protected void startBatch() {
        for (ColumnReader.BatchBound s : staged) {
            s.startBatch();
        }
    }

    @Override
    protected void finishBatch(int rows) {
        for (ColumnReader.BatchBound s : staged) {
            s.finishBatch(rows);
        }
    }

    @Override
    protected boolean batchFull(int rows) {
        if (variableWidth.length + staged.length == 0) {
            return false;
        }
        long stagedBytes = 0;
        for (ColumnReader.BatchBound s : staged) {
            stagedBytes += s.stagedBytes();
        }
        if (variableWidth.length == 0) {
            return stagedBytes >= options.maxBatchBytes();
        }
        // The bytes written never exceed the data buffers' capacity, a field read: most rows are
        // decided here without reading any offset.
        long capacity = 0;
        for (BaseVariableWidthVector v : variableWidth) {
            capacity += v.getDataBuffer().capacity();
        }
        if (stagedBytes + capacity < options.maxBatchBytes()) {
            return false;
        }
        long bytes = stagedBytes;
        for (BaseVariableWidthVector v : variableWidth) {
            int last = v.getLastSet();
            bytes += last < 0 ? 0 : v.getStartOffset(last + 1);
        }
        return bytes >= options.maxBatchBytes();
    }

    /**
     * Cancels the running statement from another thread (a {@code PrefetchingArrowReader}
     * closing, or a run being cancelled, while this reader waits for the server); the reading
     * thread then fails.
     */
    @Override
    public void cancel() {
        try {
            canceller.cancel(connection, statement);
        } catch (SQLException | RuntimeException ignored) {
            // The statement may have finished or closed meanwhile: nothing left to cancel.
        }
    }

    /** How to cancel a statement that another thread is reading from. */
    @FunctionalInterface
    public interface Canceller {
        void cancel(Connection connection, Statement statement) throws SQLException;
    }

    @Override
    protected void closeSource() {
        try {
            closeJdbc(connection, statement, resultSet, !exhausted());
        } finally {
            for (ConversionCount c : conversions()) {
                LOG.warn("Read of '{}': {} values of column '{}' {} ({} rows read)", source, c.count(), c.column(),
                        c.conversion().description().replaceFirst("^values ", ""), rowsRead());
            }
        }
    }

    static void closeJdbc(Connection connection, Statement statement, ResultSet resultSet, boolean cancel) {
        if (cancel && statement != null) {
            try {
                statement.cancel();
            } catch (SQLException | RuntimeException ignored) {
                // The statement may have finished meanwhile; closing below still releases it.
            }
        }
        quietly(resultSet);
        quietly(statement);
        if (connection != null) {
            try {
                if (!connection.isClosed() && !connection.getAutoCommit()) {
                    connection.rollback();
                }
            } catch (SQLException | RuntimeException ignored) {
                // A read-only transaction: nothing to lose if the rollback fails.
            }
            quietly(connection);
        }
    }

    private static void quietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // Closing after a failure or a cancel; the first error is the one that matters.
        }
    }
}

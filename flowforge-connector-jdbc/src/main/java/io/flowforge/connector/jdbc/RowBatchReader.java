package io.flowforge.connector.jdbc;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.PublicEvolving;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.arrow.CancellableReader;
import io.flowforge.connector.arrow.RowCountReport;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The batch loop every reader of rows into Arrow shares, whatever the rows come from (a JDBC
 * result set, PostgreSQL's binary COPY stream, a connector's own bulk protocol). It owns the rules
 * that must be the same on every path:
 * <ul>
 *   <li>a batch holds up to {@code batchSize} rows, and stops early once {@link #batchFull} says its
 *   strings and binaries reached {@code maxBatchBytes}; a batch has at least one row;</li>
 *   <li>vectors start each batch with room for a whole batch (up to 64 Ki rows), so fixed-width
 *   values never reallocate in the middle of one, and are allocated again when a consumer took the
 *   last batch's buffers;</li>
 *   <li>a value the target type cannot hold fails as {@code Cannot read '<source>': <its message>.},
 *   any other driver or stream failure as {@code Reading '<source>' failed after N rows: ...} with
 *   secrets redacted, and an Arrow allocation past {@code allocatorLimitBytes} names that limit;</li>
 *   <li>the reader's allocator is its own (a child of the caller's) and closes with it, after the
 *   source ({@link #closeSource}), exactly once.</li>
 * </ul>
 * A subclass binds its column readers to the vectors ({@link #bind}), reads one row at a time
 * ({@link #readRow}) and says how to cancel and close its source.
 */
@PublicEvolving
public abstract class RowBatchReader extends ArrowReader implements CancellableReader, RowCountReport {

    protected final String source;
    protected final ReadOptions options;
    protected final UnaryOperator<String> redactor;
    /** One per column, in vector order: the schema's fields and the readers' mappings. */
    protected final List<ColumnMapping> mappings;
    private final BufferAllocator ownAllocator;
    private final int initialCapacity;
    private boolean bound;
    private boolean exhausted;
    private boolean closed;
    private long rowsRead;
    private long bytesRead;
    private volatile RowCountReport.RowCount rowCount = RowCountReport.RowCount.notCounted("not asked for");

    /**
     * @param own the reader's own allocator, closed with it
     * @param source the table's qualified name (or {@code query}): names messages
     * @param mappings one per column, in vector order
     * @param redactor removes secrets from driver messages
     */
    protected RowBatchReader(BufferAllocator own, String source, List<ColumnMapping> mappings, ReadOptions options,
            UnaryOperator<String> redactor) {
        super(own);
        this.ownAllocator = own;
        this.source = requireNonNull(source, "source is null");
        this.options = requireNonNull(options, "options is null");
        this.redactor = requireNonNull(redactor, "redactor is null");
        this.mappings = List.copyOf(mappings);
        this.initialCapacity = Math.min(options.batchSize(), 1 << 16);
    }

    /**
     * Binds the column readers to the first batch's vectors (allocated, in mapping order); a
     * stream's header may be read here.
     */
    protected abstract void bind(List<FieldVector> vectors) throws SQLException;

    /** Reads the next row into {@code row} of the vectors; false when there is none left. */
    protected abstract boolean readRow(int row) throws SQLException;

    /** Whether a batch of {@code rows} (at least one) has reached {@code maxBatchBytes} of variable-width data. */
    protected abstract boolean batchFull(int rows);

    /** Called before a batch's first row. */
    protected void startBatch() {}

    /** Called after a batch's last row, with the batch's row count. */
    protected void finishBatch(int rows) {}

    /** Closes the source (cancelling what it still runs when {@link #exhausted()} is false); called once. */
    protected abstract void closeSource();

    @Override
    protected final Schema readSchema() {
        return new Schema(mappings.stream().map(ColumnMapping::field).toList());
    }

    @Override
    public final boolean loadNextBatch() throws IOException {
        prepareLoadNextBatch();
        VectorSchemaRoot root = getVectorSchemaRoot();
        if (exhausted || closed) {
            return false;
        }
        try {
            List<FieldVector> vectors = root.getFieldVectors();
            if (!bound) {
                for (FieldVector v : vectors) {
                    v.setInitialCapacity(initialCapacity);
                    v.allocateNew();
                }
                bind(vectors);
                bound = true;
            }
            for (FieldVector v : vectors) {
                // A consumer may have taken the last batch's buffers (TransferPair); a batch
                // then starts from a full-size allocation instead of growing value by value.
                if (v.getValueCapacity() < initialCapacity) {
                    v.allocateNew();
                } else {
                    v.reset();
                }
            }
            startBatch();
            int row = 0;
            while (row < options.batchSize() && (row == 0 || !batchFull(row))) {
                if (!readRow(row)) {
                    exhausted = true;
                    break;
                }
                row++;
            }
            finishBatch(row);
            root.setRowCount(row);
            rowsRead += row;
            bytesRead += vectors.stream().mapToLong(FieldVector::getBufferSize).sum();
            return row > 0;
        } catch (ValueOutOfRangeException e) {
            throw new ConnectorException("Cannot read '" + source + "': " + e.getMessage() + ".", e);
        } catch (SQLException e) {
            throw new ConnectorException("Reading '" + source + "' failed after " + rowsRead + " rows: "
                    + redactor.apply(e.getMessage()), JdbcFailures.redacted(e, redactor));
        } catch (OutOfMemoryException e) {
            throw new ConnectorException("A batch of '" + source + "' needs more Arrow memory than "
                    + "ReadOptions.allocatorLimitBytes (" + options.allocatorLimitBytes()
                    + " bytes) allows; lower batchSize or maxBatchBytes, or raise allocatorLimitBytes.", e);
        }
    }

    /** Whether the source has no rows left. */
    protected final boolean exhausted() {
        return exhausted;
    }

    /** Rows returned in earlier batches (a failing row is {@code rowsRead() + row + 1}). */
    public final long rowsRead() {
        return rowsRead;
    }

    @Override
    public final long bytesRead() {
        return bytesRead;
    }

    /** Records the count of the read's rows taken before it, in its snapshot (see {@code ReadOptions.withRowCount}). */
    public RowBatchReader withSourceRowCount(RowCountReport.RowCount count) {
        this.rowCount = requireNonNull(count, "count is null");
        return this;
    }

    @Override
    public final RowCountReport.RowCount sourceRowCount() {
        return rowCount;
    }

    @Override
    protected final void closeReadSource() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeSource();
        } finally {
            ownAllocator.close();
        }
    }
}

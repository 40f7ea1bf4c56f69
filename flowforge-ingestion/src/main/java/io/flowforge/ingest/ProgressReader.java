package io.flowforge.ingest;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes another reader's batches through unchanged, counting rows and logging progress (rows,
 * rows/s and, when the row count is known, percent done) at most once per interval.
 */
final class ProgressReader extends ArrowReader {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressReader.class);

    private final ArrowReader delegate;
    private final IngestionControl control;
    private final IngestionProgress template;
    private final String label;
    private final OptionalLong expectedRows;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final LongSupplier bytesWritten;
    private final long startNanos;
    private long lastLogNanos;
    private long rows;
    private long batches;

    ProgressReader(BufferAllocator allocator, ArrowReader delegate, String label, OptionalLong expectedRows,
            long intervalNanos, LongSupplier nanoTime) {
        this(allocator, delegate, IngestionControl.create(),
                new IngestionProgress(label, label, label, IngestionProgress.Phase.READING, 0, expectedRows, Duration.ZERO),
                label, intervalNanos, nanoTime, () -> 0);
    }

    /**
     * Reports an {@link IngestionProgress} built from {@code template} to the control after every
     * batch, with the bytes {@code bytesWritten} says the writer has handed to the store, and stops
     * with {@link IngestionCancelledException} once the control is cancelled.
     */
    ProgressReader(BufferAllocator allocator, ArrowReader delegate, IngestionControl control, IngestionProgress template,
            String label, long intervalNanos, LongSupplier nanoTime, LongSupplier bytesWritten) {
        super(allocator);
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.control = requireNonNull(control, "control is null");
        this.template = requireNonNull(template, "template is null");
        OptionalLong expectedRows = template.expectedRows();
        this.label = requireNonNull(label, "label is null");
        this.expectedRows = expectedRows;
        this.intervalNanos = intervalNanos;
        this.nanoTime = nanoTime;
        this.bytesWritten = requireNonNull(bytesWritten, "bytesWritten is null");
        this.startNanos = nanoTime.getAsLong();
        this.lastLogNanos = startNanos;
    }

    long rows() {
        return rows;
    }

    long batches() {
        return batches;
    }

    @Override
    public VectorSchemaRoot getVectorSchemaRoot() throws IOException {
        return delegate.getVectorSchemaRoot();
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        control.throwIfCancelled();
        boolean more;
        try {
            more = delegate.loadNextBatch();
        } catch (IOException | RuntimeException e) {
            // A cancel cancels the source's statement: its failure is the cancel, not a failure of the source.
            if (control.isCancelled()) {
                IngestionCancelledException cancelled = new IngestionCancelledException(control.cancelReason());
                cancelled.addSuppressed(e);
                throw cancelled;
            }
            throw e;
        }
        control.throwIfCancelled();
        if (more) {
            rows += delegate.getVectorSchemaRoot().getRowCount();
            batches++;
            long now = nanoTime.getAsLong();
            control.report(new IngestionProgress(template.jobId(), template.sourceTable(), template.bronzeTable(),
                    IngestionProgress.Phase.READING, rows, expectedRows, Duration.ofNanos(now - startNanos),
                    bytesWritten.getAsLong()));
            if (now - lastLogNanos >= intervalNanos) {
                lastLogNanos = now;
                LOG.info(progressLine(now));
            }
        }
        return more;
    }

    String progressLine(long now) {
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        String line = String.format("%s: %,d rows read, %,.0f rows/s", label, rows, rows / seconds);
        if (expectedRows.isPresent() && expectedRows.getAsLong() > 0) {
            line += String.format(", about %.0f%% of ~%,d rows", Math.min(100.0, 100.0 * rows / expectedRows.getAsLong()),
                    expectedRows.getAsLong());
        }
        return line;
    }

    @Override
    public long bytesRead() {
        return delegate.bytesRead();
    }

    @Override
    protected void closeReadSource() throws IOException {
        delegate.close();
    }

    @Override
    protected Schema readSchema() throws IOException {
        return delegate.getVectorSchemaRoot().getSchema();
    }
}

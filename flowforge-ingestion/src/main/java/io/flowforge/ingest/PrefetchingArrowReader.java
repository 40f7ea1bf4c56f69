package io.flowforge.ingest;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.Internal;
import io.flowforge.connector.arrow.CancellableReader;
import io.flowforge.connector.arrow.ConversionCount;
import io.flowforge.connector.arrow.ConversionReport;
import io.flowforge.connector.arrow.RowCountReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads another {@link ArrowReader} on a background thread, up to {@code depth} batches ahead, so
 * that reading the source and consuming its batches (encoding Parquet, uploading) overlap. Batches
 * move between the threads by buffer transfer, never by copying values; the consumer sees one
 * {@link VectorSchemaRoot} refilled per batch, as with any reader.
 *
 * <p>A failure of the source is thrown by the consumer's next {@link #loadNextBatch()} (the same
 * exception object). {@link #close()} stops the producer (cancelling the source when it is a
 * {@link CancellableReader}), releases every queued batch and closes the source; memory is at most
 * {@code depth + 2} batches. The source must not use dictionary encoding. Its
 * {@link ConversionReport} is the source's.
 */
@Internal
public final class PrefetchingArrowReader extends ArrowReader implements ConversionReport, RowCountReport {

    /** Batches queued ahead of the consumer when none is given. */
    public static final int DEFAULT_DEPTH = 2;

    private static final Object END = new Object();

    private final ArrowReader source;
    private final BufferAllocator ownAllocator;
    private final Schema schema;
    private final BlockingQueue<Object> queue;
    private final Thread producer;
    private volatile boolean stopping;
    private volatile boolean sourceDone;
    private boolean finished;
    private boolean closed;
    private long bytesRead;
    private long rowsDelivered;

    private record Failure(Throwable cause) {}

    private PrefetchingArrowReader(BufferAllocator own, ArrowReader source, Schema schema, int depth, String name) {
        super(own);
        this.ownAllocator = own;
        this.source = source;
        this.schema = schema;
        this.queue = new ArrayBlockingQueue<>(depth);
        this.producer = new Thread(this::produce, "flowforge-prefetch-" + name);
        this.producer.setDaemon(true);
    }

    /**
     * Starts reading {@code source} ahead on a new thread. The returned reader owns the source and
     * closes it; its batches' memory comes from a child of {@code allocator}, which must share a
     * root with the source's allocator.
     */
    public static PrefetchingArrowReader start(ArrowReader source, BufferAllocator allocator, int depth, String name) {
        requireNonNull(source, "source is null");
        requireNonNull(allocator, "allocator is null");
        requireNonNull(name, "name is null");
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1, was " + depth);
        }
        Schema schema;
        try {
            // Initializes the source's root on this thread, before the producer takes the source over.
            schema = source.getVectorSchemaRoot().getSchema();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BufferAllocator own = allocator.newChildAllocator("flowforge-prefetch:" + name, 0, allocator.getLimit());
        PrefetchingArrowReader reader = new PrefetchingArrowReader(own, source, schema, depth, name);
        reader.producer.start();
        return reader;
    }

    /** {@link #start(ArrowReader, BufferAllocator, int, String)} with {@link #DEFAULT_DEPTH}. */
    public static PrefetchingArrowReader start(ArrowReader source, BufferAllocator allocator, String name) {
        return start(source, allocator, DEFAULT_DEPTH, name);
    }

    private void produce() {
        try {
            while (!stopping && source.loadNextBatch()) {
                VectorSchemaRoot from = source.getVectorSchemaRoot();
                VectorSchemaRoot batch = VectorSchemaRoot.create(schema, ownAllocator);
                transfer(from, batch);
                if (!offer(batch)) {
                    batch.close();
                    return;
                }
            }
            sourceDone = true;
            offer(END);
        } catch (Throwable t) {
            sourceDone = true;
            offer(new Failure(t));
        }
    }

    // Waits for room in the queue, giving up once the consumer is closing.
    private boolean offer(Object item) {
        try {
            while (!stopping) {
                if (queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static void transfer(VectorSchemaRoot from, VectorSchemaRoot to) {
        List<FieldVector> source = from.getFieldVectors();
        List<FieldVector> target = to.getFieldVectors();
        for (int i = 0; i < source.size(); i++) {
            source.get(i).makeTransferPair(target.get(i)).transfer();
        }
        to.setRowCount(from.getRowCount());
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        prepareLoadNextBatch();
        if (finished || closed) {
            return false;
        }
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the next batch", e);
        }
        if (item == END) {
            finished = true;
            return false;
        }
        if (item instanceof Failure f) {
            finished = true;
            throw rethrow(f.cause());
        }
        try (VectorSchemaRoot batch = (VectorSchemaRoot) item) {
            VectorSchemaRoot root = getVectorSchemaRoot();
            transfer(batch, root);
            rowsDelivered += root.getRowCount();
            for (FieldVector v : root.getFieldVectors()) {
                bytesRead += v.getBufferSize();
            }
        }
        return true;
    }

    private static IOException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return t instanceof IOException io ? io : new IOException(t);
    }

    /** The source's counts; complete once this reader has returned its last batch. */
    @Override
    public List<ConversionCount> conversions() {
        return ConversionReport.of(source);
    }

    @Override
    public RowCount sourceRowCount() {
        return RowCountReport.of(source);
    }

    /** The rows this reader has returned so far. */
    public long rowsDelivered() {
        return rowsDelivered;
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    protected void closeReadSource() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        stopping = true;
        // Only a read still in progress is cancelled: the producer may be inside a slow loadNextBatch.
        if (!sourceDone && producer.isAlive() && source instanceof CancellableReader c) {
            c.cancel();
        }
        boolean interrupted = false;
        while (producer.isAlive()) {
            drain();
            try {
                producer.join(50);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        drain();
        try {
            source.close();
        } finally {
            ownAllocator.close();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void drain() {
        for (Object item; (item = queue.poll()) != null; ) {
            if (item instanceof VectorSchemaRoot batch) {
                batch.close();
            }
        }
    }
}

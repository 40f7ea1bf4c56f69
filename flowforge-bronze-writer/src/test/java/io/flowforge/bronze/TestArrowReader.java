package io.flowforge.bronze;

import java.io.IOException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/** An ArrowReader over batches a test fills itself; it can fail after a given number of batches. */
public final class TestArrowReader extends ArrowReader {

    /** Fills batch {@code batch} into the root (vectors are reset before) and sets its row count. */
    public interface BatchFiller {
        void fill(int batch, VectorSchemaRoot root);
    }

    private final Schema schema;
    private final int batches;
    private final BatchFiller filler;
    private final int failAfter;
    private int next;

    public TestArrowReader(BufferAllocator allocator, Schema schema, int batches, BatchFiller filler) {
        this(allocator, schema, batches, filler, -1);
    }

    public TestArrowReader(BufferAllocator allocator, Schema schema, int batches, BatchFiller filler, int failAfter) {
        super(allocator);
        this.schema = schema;
        this.batches = batches;
        this.filler = filler;
        this.failAfter = failAfter;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        if (next == failAfter) {
            throw new IOException("source failed after " + next + " batches");
        }
        if (next >= batches) {
            return false;
        }
        VectorSchemaRoot root = getVectorSchemaRoot();
        for (FieldVector v : root.getFieldVectors()) {
            v.reset();
        }
        filler.fill(next++, root);
        return true;
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() {
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}

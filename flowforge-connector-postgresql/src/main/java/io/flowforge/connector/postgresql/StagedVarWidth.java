package io.flowforge.connector.postgresql;

import io.flowforge.connector.jdbc.VarWidthBatchStage;
import org.apache.arrow.vector.BaseVariableWidthVector;

/**
 * Stages a batch of strings or binaries exactly as the bytes arrive from {@code COPY} (UTF-8 text
 * needs no decoding) in a {@link VarWidthBatchStage}, which copies them into the vector's buffers
 * at the batch's end.
 */
class StagedVarWidth implements CopyFieldDecoder {

    private final VarWidthBatchStage stage;
    private final int skip;

    /**
     * @param skip leading bytes of each field that are not part of the value (jsonb's version byte)
     */
    StagedVarWidth(BaseVariableWidthVector vector, int skip) {
        this.stage = new VarWidthBatchStage(vector);
        this.skip = skip;
    }

    @Override
    public void startBatch() {
        stage.startBatch();
    }

    @Override
    public void decode(byte[] bytes, int offset, int length, int row) throws java.sql.SQLException {
        put(bytes, offset + skip, length - skip);
    }

    /** Appends a value to the batch. */
    final void put(byte[] bytes, int offset, int length) {
        stage.put(bytes, offset, length);
    }

    @Override
    public void setNull(int row) {
        stage.putNull();
    }

    @Override
    public boolean stages() {
        return true;
    }

    @Override
    public long stagedBytes() {
        return stage.stagedBytes();
    }

    @Override
    public void finishBatch(int rowCount) {
        stage.finishBatch(rowCount);
    }
}

package io.flowforge.connector.postgresql;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.arrow.vector.BaseVariableWidthVector;

/**
 * Stages a batch of strings or binaries on the heap, exactly as the bytes arrive from {@code COPY}
 * (UTF-8 text needs no decoding), and copies them into the vector's three buffers at the batch's
 * end: one bulk copy per buffer instead of a bounds-checked, capacity-checked write per value.
 */
class StagedVarWidth implements CopyFieldDecoder {
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final BaseVariableWidthVector vector;
    private final int skip;
    private byte[] data = new byte[1 << 16];
    private int dataLength;
    // Offsets as little-endian ints, ready to copy: entry i is where value i starts.
    private byte[] offsets = new byte[4 * 1025];
    private byte[] validity = new byte[128];
    private int rows;

    /**
     * @param skip leading bytes of each field that are not part of the value (jsonb's version byte)
     */
    StagedVarWidth(BaseVariableWidthVector vector, int skip) {
        this.vector = vector;
        this.skip = skip;
    }

    @Override
    public void startBatch() {
        dataLength = 0;
        rows = 0;
        Arrays.fill(validity, (byte) 0);
    }

    @Override
    public void decode(byte[] bytes, int offset, int length, int row) throws java.sql.SQLException {
        put(bytes, offset + skip, length - skip);
    }

    /** Appends a value to the batch. */
    final void put(byte[] bytes, int offset, int length) {
        nextRow();
        if (dataLength + length > data.length) {
            data = Arrays.copyOf(data, Math.max(dataLength + length, data.length * 2));
        }
        System.arraycopy(bytes, offset, data, dataLength, length);
        dataLength += length;
        validity[rows >>> 3] |= (byte) (1 << (rows & 7));
        rows++;
    }

    @Override
    public void setNull(int row) {
        nextRow();
        rows++;
    }

    private void nextRow() {
        if ((rows + 2) * 4 > offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        if ((rows >>> 3) >= validity.length) {
            validity = Arrays.copyOf(validity, validity.length * 2);
        }
        INT_LE.set(offsets, rows * 4, dataLength);
    }

    @Override
    public boolean stages() {
        return true;
    }

    @Override
    public long stagedBytes() {
        return dataLength;
    }

    @Override
    public void finishBatch(int rowCount) {
        if (rowCount != rows) {
            throw new IllegalStateException("batch of " + rowCount + " rows, but " + rows + " were staged");
        }
        INT_LE.set(offsets, rows * 4, dataLength);
        while (vector.getValueCapacity() < rows) {
            vector.reallocValidityAndOffsetBuffers();
        }
        while (vector.getDataBuffer().capacity() < dataLength) {
            vector.reallocDataBuffer();
        }
        vector.getOffsetBuffer().setBytes(0, offsets, 0, 4L * (rows + 1));
        vector.getValidityBuffer().setBytes(0, validity, 0, (rows + 7) >>> 3);
        vector.getDataBuffer().setBytes(0, data, 0, dataLength);
        vector.setLastSet(rows - 1);
    }
}

package io.flowforge.connector.jdbc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import org.apache.arrow.vector.VarCharVector;

/**
 * Reads a string column into heap arrays during a batch and writes them into the vector's three
 * buffers with one bulk copy each when the batch ends. Setting values one by one costs several
 * bounds-checked buffer accesses, a capacity check and hole filling per value: about a tenth of
 * a whole read went there.
 */
final class StagedUtf8Reader implements ColumnReader.BatchBound {
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final VarCharVector vector;
    private final int column;
    private byte[] data = new byte[1 << 16];
    private int dataLength;
    // Offsets as little-endian ints, ready to copy: entry i is where value i starts.
    private byte[] offsets = new byte[4 * 1025];
    private byte[] validity = new byte[128];
    private int rows;

    StagedUtf8Reader(VarCharVector vector, int column) {
        this.vector = vector;
        this.column = column;
    }

    @Override
    public void startBatch() {
        dataLength = 0;
        rows = 0;
        Arrays.fill(validity, (byte) 0);
    }

    @Override
    public void read(ResultSet rs, int row) throws SQLException {
        if (row != rows) {
            throw new IllegalStateException("staged reader got row " + row + " after " + rows + " rows");
        }
        if ((row + 2) * 4 > offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        if ((row >>> 3) >= validity.length) {
            validity = Arrays.copyOf(validity, validity.length * 2);
        }
        INT_LE.set(offsets, row * 4, dataLength);
        String x = rs.getString(column);
        if (x != null) {
            byte[] bytes = x.getBytes(StandardCharsets.UTF_8);
            if (dataLength + bytes.length > data.length) {
                data = Arrays.copyOf(data, Math.max(dataLength + bytes.length, data.length * 2));
            }
            System.arraycopy(bytes, 0, data, dataLength, bytes.length);
            dataLength += bytes.length;
            validity[row >>> 3] |= (byte) (1 << (row & 7));
        }
        rows++;
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

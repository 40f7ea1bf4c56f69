package io.flowforge.connector.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.arrow.vector.VarCharVector;

/**
 * Reads a string column into a {@link VarWidthBatchStage} during a batch and writes it into the
 * vector with one bulk copy per buffer when the batch ends. With {@code driverBytes} the value is
 * taken from {@link ResultSet#getBytes} as the UTF-8 text itself (only for drivers and types where
 * that is what getBytes returns), skipping the decode to a String and the encode back.
 */
final class StagedUtf8Reader implements ColumnReader.BatchBound {

    private final VarWidthBatchStage stage;
    private final int column;
    private final boolean driverBytes;

    StagedUtf8Reader(VarCharVector vector, int column, boolean driverBytes) {
        this.stage = new VarWidthBatchStage(vector);
        this.column = column;
        this.driverBytes = driverBytes;
    }

    @Override
    public void startBatch() {
        stage.startBatch();
    }

    @Override
    public void read(ResultSet rs, int row) throws SQLException {
        if (row != stage.rows()) {
            throw new IllegalStateException("staged reader got row " + row + " after " + stage.rows() + " rows");
        }
        byte[] bytes;
        if (driverBytes) {
            bytes = rs.getBytes(column);
        } else {
            String x = rs.getString(column);
            bytes = x == null ? null : x.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes == null) {
            stage.putNull();
        } else {
            stage.put(bytes, 0, bytes.length);
        }
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

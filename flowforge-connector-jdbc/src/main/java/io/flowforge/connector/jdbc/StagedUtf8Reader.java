package io.flowforge.connector.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.arrow.vector.VarCharVector;

/**
 * Reads a string column into a {@link VarWidthBatchStage} during a batch and writes it into the
 * vector with one bulk copy per buffer when the batch ends.
 */
final class StagedUtf8Reader implements ColumnReader.BatchBound {

    private final VarWidthBatchStage stage;
    private final int column;

    StagedUtf8Reader(VarCharVector vector, int column) {
        this.stage = new VarWidthBatchStage(vector);
        this.column = column;
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
        String x = rs.getString(column);
        if (x == null) {
            stage.putNull();
        } else {
            byte[] bytes = x.getBytes(StandardCharsets.UTF_8);
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

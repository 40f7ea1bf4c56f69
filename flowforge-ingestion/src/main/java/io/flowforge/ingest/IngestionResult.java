package io.flowforge.ingest;

import io.flowforge.connector.WatermarkPosition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one ingestion run did: the plan's {@code status}, {@code records_processed} and
 * {@code bronze_file_path}, plus the file size, the watermark before and after, the batch id of a
 * previously unfinished run that this run completed, and timings.
 */
public record IngestionResult(
        String status,
        String jobId,
        String batchId,
        String bronzeTable,
        String sourceTable,
        long recordsProcessed,
        Optional<String> bronzeFilePath,
        long fileSizeBytes,
        Optional<WatermarkPosition> watermarkBefore,
        Optional<WatermarkPosition> watermarkAfter,
        Optional<String> recoveredBatchId,
        long planMillis,
        long readWriteMillis,
        long totalMillis,
        String message) {

    public static final String SUCCESS = "success";
    public static final String NO_NEW_DATA = "no_new_data";

    /** Rows per second over the read-and-write phase. */
    public double rowsPerSecond() {
        return readWriteMillis <= 0 ? 0 : recordsProcessed * 1000.0 / readWriteMillis;
    }

    /** The result with the plan's snake_case keys, for JSON output. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("job_id", jobId);
        m.put("batch_id", batchId);
        m.put("records_processed", recordsProcessed);
        m.put("bronze_file_path", bronzeFilePath.orElse(null));
        m.put("file_size_bytes", fileSizeBytes);
        m.put("bronze_table", bronzeTable);
        m.put("source_table", sourceTable);
        m.put("watermark_before", watermarkBefore.map(IngestionResult::position).orElse(null));
        m.put("watermark_after", watermarkAfter.map(IngestionResult::position).orElse(null));
        m.put("recovered_batch_id", recoveredBatchId.orElse(null));
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("plan_ms", planMillis);
        t.put("read_write_ms", readWriteMillis);
        t.put("total_ms", totalMillis);
        m.put("timings", t);
        m.put("rows_per_second", Math.round(rowsPerSecond()));
        m.put("message", message);
        return m;
    }

    private static Map<String, Object> position(WatermarkPosition p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", p.value().type().name());
        m.put("value", p.value().value());
        m.put("value_consumed", p.valueConsumed());
        return m;
    }
}

package io.flowforge.ingest;

import io.flowforge.bronze.store.OpenUpload;
import io.flowforge.connector.UpperBoundReport;
import io.flowforge.connector.arrow.ConversionCount;
import io.flowforge.connector.WatermarkPosition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one ingestion run did: the plan's {@code status}, {@code records_processed} and
 * {@code bronze_file_path}, plus the file size, the watermark before and after, the batch id of a
 * previously unfinished run that this run completed, timings, how an incremental window's upper
 * bound was fixed, what this run removed that killed runs had left, how many values each
 * documented lossy conversion changed (never silent), and the multipart uploads it could not
 * abort (a cancelled run whose store was unreachable).
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
        Optional<RecoveredBatch> recovered,
        long planMillis,
        long readWriteMillis,
        long totalMillis,
        String message,
        Optional<UpperBoundReport> upperBound,
        List<String> reaped,
        List<ConversionCount> conversions,
        Optional<Reconciliation> reconciliation,
        Optional<SchemaReport> schema,
        List<OpenUpload> openUploads) {

    public IngestionResult {
        java.util.Objects.requireNonNull(status, "status is null");
        upperBound = upperBound == null ? Optional.empty() : upperBound;
        reaped = reaped == null ? List.of() : List.copyOf(reaped);
        conversions = conversions == null ? List.of() : List.copyOf(conversions);
        reconciliation = reconciliation == null ? Optional.empty() : reconciliation;
        schema = schema == null ? Optional.empty() : schema;
        openUploads = openUploads == null ? List.of() : List.copyOf(openUploads);
    }

    /** A result with no reconciliation, schema report or upload left open. */
    public IngestionResult(String status, String jobId, String batchId, String bronzeTable, String sourceTable,
            long recordsProcessed, Optional<String> bronzeFilePath, long fileSizeBytes,
            Optional<WatermarkPosition> watermarkBefore, Optional<WatermarkPosition> watermarkAfter,
            Optional<RecoveredBatch> recovered, long planMillis, long readWriteMillis, long totalMillis, String message,
            Optional<UpperBoundReport> upperBound, List<String> reaped, List<ConversionCount> conversions) {
        this(status, jobId, batchId, bronzeTable, sourceTable, recordsProcessed, bronzeFilePath, fileSizeBytes,
                watermarkBefore, watermarkAfter, recovered, planMillis, readWriteMillis, totalMillis, message, upperBound,
                reaped, conversions, Optional.empty(), Optional.empty(), List.of());
    }

    /** The same result with the schema the run landed. */
    IngestionResult withSchema(SchemaReport report) {
        return new IngestionResult(status, jobId, batchId, bronzeTable, sourceTable, recordsProcessed, bronzeFilePath,
                fileSizeBytes, watermarkBefore, watermarkAfter, recovered, planMillis, readWriteMillis, totalMillis, message,
                upperBound, reaped, conversions, reconciliation, Optional.of(report), openUploads);
    }

    public static final String SUCCESS = "success";
    public static final String NO_NEW_DATA = "no_new_data";
    public static final String CANCELLED = "cancelled";

    /**
     * A batch an earlier run left pending that this run completed first: its id, the rows this run
     * wrote for it (0 when only its state was committed because its object already existed) and its object.
     */
    public record RecoveredBatch(String batchId, long rows, Optional<String> filePath, long fileSizeBytes) {
        public RecoveredBatch {
            java.util.Objects.requireNonNull(batchId, "batchId is null");
            filePath = filePath == null ? Optional.empty() : filePath;
        }
    }

    /** The result of a run that was cancelled before it committed anything. */
    public static IngestionResult cancelled(String jobId, String batchId, String bronzeTable, String sourceTable,
            long millis, String reason) {
        return cancelled(jobId, batchId, bronzeTable, sourceTable, millis, reason, List.of(), List.of(), List.of());
    }

    /**
     * The result of a cancelled run: what it removed that earlier runs had left ({@code reaped}),
     * the objects it committed before the cancel reached it (an incremental run that first finished
     * an earlier batch), and the uploads whose abort failed, which stay open.
     */
    public static IngestionResult cancelled(String jobId, String batchId, String bronzeTable, String sourceTable,
            long millis, String reason, List<String> reaped, List<String> committedBefore, List<OpenUpload> openUploads) {
        String message = "cancelled: " + reason + (committedBefore.isEmpty()
                ? "; nothing was committed by this run (a pending window is finished by the next run)"
                : "; before that it committed " + String.join(", ", committedBefore) + " and saved its state; the window it"
                        + " was reading is finished by the next run");
        for (OpenUpload u : openUploads) {
            message += "; the multipart upload " + u.uploadId() + " of " + u.uri() + " could not be aborted and stays open"
                    + " (see open_uploads)";
        }
        return new IngestionResult(CANCELLED, jobId, batchId, bronzeTable, sourceTable, 0, Optional.empty(), 0,
                Optional.empty(), Optional.empty(), Optional.empty(), 0, millis, millis, message,
                Optional.empty(), reaped, List.of(), Optional.empty(), Optional.empty(), openUploads);
    }

    /** An upload as the result's {@code open_uploads} lists it. */
    public static Map<String, Object> openUploadMap(OpenUpload u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uri", u.uri());
        m.put("bucket", u.bucket());
        m.put("key", u.objectName());
        m.put("upload_id", u.uploadId());
        m.put("error", u.error());
        m.put("what_to_do", u.whatToDo());
        return m;
    }

    /** The id of the batch an earlier run left pending that this run completed, if any. */
    public Optional<String> recoveredBatchId() {
        return recovered.map(RecoveredBatch::batchId);
    }

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
        m.put("recovered_batch_id", recoveredBatchId().orElse(null));
        m.put("recovered_batch", recovered.map(b -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("batch_id", b.batchId());
            r.put("records_written", b.rows());
            r.put("bronze_file_path", b.filePath().orElse(null));
            r.put("file_size_bytes", b.fileSizeBytes());
            return r;
        }).orElse(null));
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("plan_ms", planMillis);
        t.put("read_write_ms", readWriteMillis);
        t.put("total_ms", totalMillis);
        m.put("timings", t);
        m.put("rows_per_second", Math.round(rowsPerSecond()));
        m.put("upper_bound", upperBound.map(b -> {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("strategy", b.strategy().name());
            u.put("lag_seconds", b.lag().toMillis() / 1000.0);
            u.put("guard", b.guard());
            u.put("observations_kept", b.observations().size());
            return u;
        }).orElse(null));
        m.put("reconciliation", reconciliation.map(Reconciliation::toMap).orElse(null));
        m.put("schema", schema.map(SchemaReport::toMap).orElse(null));
        m.put("reaped", reaped);
        m.put("open_uploads", openUploads.stream().map(IngestionResult::openUploadMap).toList());
        m.put("conversions", conversions.stream().map(c -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("source", c.source());
            x.put("column", c.column());
            x.put("conversion", c.conversion().name().toLowerCase(java.util.Locale.ROOT));
            x.put("count", c.count());
            x.put("description", c.describe());
            return x;
        }).toList());
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

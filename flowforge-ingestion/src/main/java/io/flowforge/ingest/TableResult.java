package io.flowforge.ingest;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One table's outcome in a {@link JobRunResult}: its run's result, or why it failed (a read or
 * write error, counts that differ, a table not found) before or while it ran.
 */
public record TableResult(String sourceTable, String bronzeTable, String status, Optional<IngestionResult> result,
        Optional<String> error, Optional<RuntimeException> failure) {

    public static final String FAILED = "failed";

    public TableResult {
        requireNonNull(sourceTable, "sourceTable is null");
        requireNonNull(status, "status is null");
        result = result == null ? Optional.empty() : result;
        error = error == null ? Optional.empty() : error;
        failure = failure == null ? Optional.empty() : failure;
    }

    public TableResult(String sourceTable, String bronzeTable, String status, Optional<IngestionResult> result,
            Optional<String> error) {
        this(sourceTable, bronzeTable, status, result, error, Optional.empty());
    }

    static TableResult of(IngestionResult r) {
        return new TableResult(r.sourceTable(), r.bronzeTable(), r.status(), Optional.of(r), Optional.empty());
    }

    static TableResult failed(String sourceTable, String bronzeTable, String error) {
        return new TableResult(sourceTable, bronzeTable, FAILED, Optional.empty(), Optional.of(error));
    }

    /** A table whose run threw {@code e} (kept for callers that rethrow it: {@link BronzeIngestion#ingestFromDatabase}). */
    static TableResult failed(String sourceTable, String bronzeTable, RuntimeException e) {
        return new TableResult(sourceTable, bronzeTable, FAILED, Optional.empty(), Optional.of(String.valueOf(e.getMessage())),
                Optional.of(e));
    }

    public boolean failed() {
        return FAILED.equals(status);
    }

    public long rows() {
        return result.map(IngestionResult::recordsProcessed).orElse(0L);
    }

    /** The table's line in the run's JSON: its status, rows, file, watermark and error, with its whole result. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source_table", sourceTable);
        m.put("bronze_table", bronzeTable);
        m.put("status", status);
        m.put("records_processed", rows());
        m.put("bronze_file_path", result.flatMap(IngestionResult::bronzeFilePath).orElse(null));
        m.put("watermark_after", result.map(r -> r.toMap().get("watermark_after")).orElse(null));
        m.put("reconciliation", result.flatMap(IngestionResult::reconciliation).map(Reconciliation::toMap).orElse(null));
        m.put("error", error.orElse(null));
        m.put("result", result.map(IngestionResult::toMap).orElse(null));
        return m;
    }
}

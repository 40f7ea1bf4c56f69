package io.flowforge.ingest;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one run of a job did, over all its tables: {@code success} when every table succeeded (or
 * had nothing new), {@code partial} when some failed, {@code failed} when all did, {@code
 * cancelled}; each table's {@link TableResult}; and where the run's log was written in the lake.
 */
public record JobRunResult(String jobId, String batchId, String status, List<TableResult> tables, long totalMillis,
        Optional<String> runLog) {

    public static final String SUCCESS = "success";
    public static final String PARTIAL = "partial";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    public JobRunResult {
        requireNonNull(jobId, "jobId is null");
        requireNonNull(status, "status is null");
        tables = List.copyOf(tables);
        runLog = runLog == null ? Optional.empty() : runLog;
    }

    /** The status of a run whose tables ended as given. */
    static String statusOf(List<TableResult> tables, boolean cancelled) {
        if (cancelled) {
            return CANCELLED;
        }
        long failed = tables.stream().filter(TableResult::failed).count();
        return failed == 0 ? SUCCESS : failed == tables.size() ? FAILED : PARTIAL;
    }

    public long recordsProcessed() {
        return tables.stream().mapToLong(TableResult::rows).sum();
    }

    public JobRunResult withRunLog(String uri) {
        return new JobRunResult(jobId, batchId, status, tables, totalMillis, Optional.of(uri));
    }

    /** The run as JSON: overall status and counts, then every table. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("job_id", jobId);
        m.put("batch_id", batchId);
        m.put("tables_total", tables.size());
        m.put("tables_succeeded", tables.stream().filter(t -> !t.failed()).count());
        m.put("tables_failed", tables.stream().filter(TableResult::failed).count());
        m.put("records_processed", recordsProcessed());
        m.put("total_ms", totalMillis);
        m.put("run_log", runLog.orElse(null));
        m.put("tables", tables.stream().map(TableResult::toMap).toList());
        return m;
    }
}

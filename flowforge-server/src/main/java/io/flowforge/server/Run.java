package io.flowforge.server;

import static java.util.Objects.requireNonNull;

import io.flowforge.ingest.IngestionControl;
import io.flowforge.ingest.IngestionProgress;
import io.flowforge.ingest.IngestionResult;
import io.flowforge.ingest.JobConfig;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One load submitted through the API: its job, where it is (queued, running, cancelling, then
 * success, no_new_data, cancelled or failed), its latest progress and its result. Updated by the
 * worker thread, read by request threads.
 */
final class Run {

    /** Where a run is. The finished ones are the last four. */
    enum Status { QUEUED, RUNNING, CANCELLING, SUCCESS, NO_NEW_DATA, CANCELLED, FAILED;
        String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final String id;
    private final JobConfig job;
    private final String sourceId;
    private final String destination;
    private final IngestionControl control = IngestionControl.create();
    private final UnaryOperator<String> redactor;
    private final Instant submittedAt = Instant.now();
    private Status status = Status.QUEUED;
    private Instant startedAt;
    private Instant finishedAt;
    private IngestionProgress progress;
    private Map<String, Object> result;
    private String error;

    Run(String id, JobConfig job, String sourceId, String destination, UnaryOperator<String> redactor) {
        this.id = requireNonNull(id, "id is null");
        this.job = requireNonNull(job, "job is null");
        this.sourceId = sourceId;
        this.destination = requireNonNull(destination, "destination is null");
        this.redactor = requireNonNull(redactor, "redactor is null");
        control.onProgress(this::progress);
    }

    String id() {
        return id;
    }

    JobConfig job() {
        return job;
    }

    IngestionControl control() {
        return control;
    }

    synchronized Status status() {
        return status;
    }

    synchronized boolean finished() {
        return status.ordinal() >= Status.SUCCESS.ordinal();
    }

    /** Marks the run started; false if it was cancelled while queued. */
    synchronized boolean start() {
        if (status != Status.QUEUED) {
            return false;
        }
        status = Status.RUNNING;
        startedAt = Instant.now();
        return true;
    }

    private synchronized void progress(IngestionProgress p) {
        progress = p;
    }

    synchronized void finish(IngestionResult r) {
        result = r.toMap();
        status = switch (r.status()) {
            case IngestionResult.SUCCESS -> Status.SUCCESS;
            case IngestionResult.NO_NEW_DATA -> Status.NO_NEW_DATA;
            case IngestionResult.CANCELLED -> Status.CANCELLED;
            default -> Status.FAILED;
        };
        finishedAt = Instant.now();
    }

    synchronized void fail(Throwable e) {
        error = redactor.apply(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        status = Status.FAILED;
        finishedAt = Instant.now();
    }

    /** Asks the run to stop; a queued run stops at once. False if it had already finished. */
    synchronized boolean cancel(String reason) {
        if (finished()) {
            return false;
        }
        control.cancel(reason);
        if (status == Status.QUEUED) {
            status = Status.CANCELLED;
            finishedAt = Instant.now();
            error = "cancelled before it started: " + reason;
        } else {
            status = Status.CANCELLING;
        }
        return true;
    }

    synchronized Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("job_id", job.jobId());
        m.put("status", status.text());
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("source_id", sourceId);
        source.put("type", job.source().type());
        source.put("table", job.source().sourceName());
        m.put("source", source);
        m.put("bronze_table", job.destination().bronzeTable());
        m.put("destination", destination);
        m.put("submitted_at", submittedAt.toString());
        m.put("started_at", startedAt == null ? null : startedAt.toString());
        m.put("finished_at", finishedAt == null ? null : finishedAt.toString());
        m.put("progress", progress == null ? null : progressView(progress));
        m.put("result", result);
        m.put("error", error == null ? null : Map.of("message", error));
        return m;
    }

    private static Map<String, Object> progressView(IngestionProgress p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phase", p.phase().name().toLowerCase(java.util.Locale.ROOT));
        m.put("rows", p.rows());
        m.put("expected_rows", p.expectedRows().isPresent() ? p.expectedRows().getAsLong() : null);
        m.put("rows_per_second", Math.round(p.rowsPerSecond()));
        m.put("percent", p.percent().isPresent() ? Math.round(p.percent().getAsDouble() * 10) / 10.0 : null);
        m.put("elapsed_ms", p.elapsed().toMillis());
        return m;
    }
}

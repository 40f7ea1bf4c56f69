package io.flowforge.ingest;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a multi-table run: tables done of the total, the tables running and how far each
 * is, rows and rows/s overall — logged at most once per interval, and at the end.
 */
final class MultiTableProgress implements Consumer<IngestionProgress> {

    private static final Logger LOG = LoggerFactory.getLogger(MultiTableProgress.class);

    private final String jobId;
    private final int total;
    private final long intervalNanos;
    private final long start = System.nanoTime();
    private final Map<String, IngestionProgress> running = new ConcurrentHashMap<>();
    private final Map<String, Long> finishedRows = new ConcurrentHashMap<>();
    private volatile int failed;
    private volatile long lastLog = System.nanoTime();
    private volatile boolean finished;

    MultiTableProgress(String jobId, int total, Duration interval) {
        this.jobId = jobId;
        this.total = total;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void accept(IngestionProgress p) {
        if (finished || !jobId.equals(p.jobId())) {
            return;
        }
        switch (p.phase()) {
            case DONE -> {
                running.remove(p.sourceTable());
                finishedRows.put(p.sourceTable(), p.rows());
            }
            case FAILED -> {
                running.remove(p.sourceTable());
                finishedRows.put(p.sourceTable(), 0L);
                failed++;
            }
            default -> running.put(p.sourceTable(), p);
        }
        long now = System.nanoTime();
        if (now - lastLog >= intervalNanos) {
            lastLog = now;
            LOG.info(line());
        }
    }

    void finish() {
        finished = true;
        LOG.info(line());
    }

    String line() {
        long rows = finishedRows.values().stream().mapToLong(Long::longValue).sum()
                + running.values().stream().mapToLong(IngestionProgress::rows).sum();
        double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        StringBuilder s = new StringBuilder(String.format("Job '%s': %d/%d tables done%s, %d running, %,d rows, %,.0f rows/s",
                jobId, finishedRows.size(), total, failed > 0 ? " (" + failed + " failed)" : "", running.size(), rows, rows / seconds));
        running.values().stream().limit(4).forEach(p -> s.append("; ").append(p.sourceTable()).append(' ')
                .append(p.percent().isPresent() ? String.format("%.0f%%", p.percent().getAsDouble())
                        : String.format("%,d rows", p.rows())));
        return s.toString();
    }
}

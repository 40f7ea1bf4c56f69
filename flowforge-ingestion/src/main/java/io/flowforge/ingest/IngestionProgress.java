package io.flowforge.ingest;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A snapshot of a running ingestion, handed to {@link IngestionControl} listeners: which job and
 * table, the phase, rows read so far, the table's estimated row count when the database keeps one,
 * the time since the read started, and the bytes of the Parquet object handed to the store so far
 * (they grow a row group at a time; at {@link Phase#DONE}, the size of what the run wrote).
 */
public record IngestionProgress(
        String jobId,
        String sourceTable,
        String bronzeTable,
        Phase phase,
        long rows,
        OptionalLong expectedRows,
        Duration elapsed,
        long bytesWritten) {

    /** Where a run is. */
    public enum Phase { PLANNING, READING, COMMITTING, DONE, FAILED }

    public IngestionProgress {
        requireNonNull(jobId, "jobId is null");
        requireNonNull(sourceTable, "sourceTable is null");
        requireNonNull(bronzeTable, "bronzeTable is null");
        requireNonNull(phase, "phase is null");
        requireNonNull(expectedRows, "expectedRows is null");
        requireNonNull(elapsed, "elapsed is null");
    }

    /** A snapshot before any byte was written, or where the bytes are not known. */
    public IngestionProgress(String jobId, String sourceTable, String bronzeTable, Phase phase, long rows,
            OptionalLong expectedRows, Duration elapsed) {
        this(jobId, sourceTable, bronzeTable, phase, rows, expectedRows, elapsed, 0);
    }

    /** Rows per second since the read started. */
    public double rowsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : rows / seconds;
    }

    /** Percent of the estimated row count read, capped at 100; empty when there is no estimate. */
    public OptionalDouble percent() {
        if (expectedRows.isEmpty() || expectedRows.getAsLong() <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.min(100.0, 100.0 * rows / expectedRows.getAsLong()));
    }
}

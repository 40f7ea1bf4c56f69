package io.flowforge.ingest;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.BoundObservation;
import io.flowforge.connector.IncrementalWindow;
import io.flowforge.connector.WatermarkPosition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The persisted incremental state of one (job, source table): where the last committed window
 * ended, and the window of a run that started but has not committed yet. A pending window is
 * finished by the next run (reusing its batch id and bounds), so a run that dies anywhere is
 * repaired without losing or repeating rows. {@code observations} are maxima an earlier plan saw but
 * could not use yet (a transaction that might still commit below them was open); the next plan
 * gets them back.
 */
public record WatermarkState(
        String jobId,
        String sourceTable,
        String deltaColumn,
        Optional<WatermarkPosition> position,
        Optional<String> lastBatchId,
        Optional<Instant> updatedAt,
        Optional<Pending> pending,
        List<BoundObservation> observations) {

    public WatermarkState {
        requireNonNull(jobId, "jobId is null");
        requireNonNull(sourceTable, "sourceTable is null");
        requireNonNull(deltaColumn, "deltaColumn is null");
        position = position == null ? Optional.empty() : position;
        lastBatchId = lastBatchId == null ? Optional.empty() : lastBatchId;
        updatedAt = updatedAt == null ? Optional.empty() : updatedAt;
        pending = pending == null ? Optional.empty() : pending;
        observations = observations == null ? List.of() : List.copyOf(observations);
    }

    /** A run that fixed its window and batch id but has not yet committed them. */
    public record Pending(String batchId, Instant startedAt, IncrementalWindow window) {
        public Pending {
            requireNonNull(batchId, "batchId is null");
            requireNonNull(startedAt, "startedAt is null");
            requireNonNull(window, "window is null");
        }
    }

    public static WatermarkState initial(String jobId, String sourceTable, String deltaColumn) {
        return new WatermarkState(jobId, sourceTable, deltaColumn, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of());
    }

    public WatermarkState withPending(Pending p) {
        return new WatermarkState(jobId, sourceTable, deltaColumn, position, lastBatchId, updatedAt, Optional.of(p),
                observations);
    }

    /** The state after a pending window's data object is committed: moved position, nothing pending. */
    public WatermarkState committed(Optional<WatermarkPosition> newPosition, String batchId, Instant now) {
        return new WatermarkState(jobId, sourceTable, deltaColumn, newPosition, Optional.of(batchId),
                Optional.of(now), Optional.empty(), observations);
    }

    /** The state with the observations a plan asked to keep. */
    public WatermarkState withObservations(List<BoundObservation> o) {
        return new WatermarkState(jobId, sourceTable, deltaColumn, position, lastBatchId, updatedAt, pending, o);
    }
}

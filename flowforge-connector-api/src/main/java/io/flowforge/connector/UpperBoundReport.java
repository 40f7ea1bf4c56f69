package io.flowforge.connector;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * How a window's upper bound was fixed: the strategy used, the lag applied, what the database said
 * about transactions still open in other sessions (the guard), and the observations a later run
 * must be given back ({@link IncrementalRequest#observations()}) because they were not yet safe to use.
 *
 * @param strategy the concrete strategy (never {@code AUTO})
 * @param lag the lag applied (zero when none)
 * @param guard a sentence for logs and results, e.g. "held back to the start of a transaction open
 *     since 2026-12-01T10:00:00Z" or "unavailable: ..."
 * @param observations observations to keep for the next run, oldest first
 */
@PublicEvolving
public record UpperBoundReport(UpperBoundStrategy strategy, Duration lag, String guard, List<BoundObservation> observations) {

    public UpperBoundReport {
        requireNonNull(strategy, "strategy is null");
        requireNonNull(lag, "lag is null");
        requireNonNull(guard, "guard is null");
        observations = observations == null ? List.of() : List.copyOf(observations);
    }

    /** For windows planned before reports existed, or built by hand (splits). */
    public static UpperBoundReport none(UpperBoundStrategy strategy) {
        return new UpperBoundReport(strategy, Duration.ZERO, "not recorded", List.of());
    }
}

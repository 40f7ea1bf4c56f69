package io.flowforge.connector;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The largest delta value an incremental plan saw, and when (on the database server's clock). A
 * key-based upper bound may only use a value once every transaction that could still commit a
 * smaller one has ended: the plan keeps observations that are not yet safe, and a later run uses
 * them when they are. See {@link UpperBoundStrategy#MAX_EXCLUSIVE}.
 */
@PublicEvolving
public record BoundObservation(Watermark value, Instant observedAt) {
    public BoundObservation {
        requireNonNull(value, "value is null");
        requireNonNull(observedAt, "observedAt is null");
    }
}

package io.flowforge.connector;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An incremental read: the table, its delta column, where the last run stopped ({@code null} on
 * the first run), how to fix the upper bound, an optional lag, the observations earlier plans
 * asked to be given back ({@link UpperBoundReport#observations()}), and how long a key-based plan
 * may wait for older transactions to end.
 *
 * <p>{@code lag} {@code null} means the strategy's default: {@link #DEFAULT_LAG} for
 * {@link UpperBoundStrategy#DATABASE_NOW} (applications may stamp a time before their transaction
 * begins); for the key strategies none where the database shows its open transactions (the plan
 * waits for them instead), else {@link #DEFAULT_LAG}; none for {@link UpperBoundStrategy#ROWVERSION},
 * which is exact.
 */
@PublicEvolving
public record IncrementalRequest(
        TableId table,
        String deltaColumn,
        WatermarkPosition lastPosition,
        UpperBoundStrategy upperBound,
        Duration lag,
        List<BoundObservation> observations,
        Duration openTransactionWait) {

    /** The lag used when none is given and the database cannot show its open transactions. */
    public static final Duration DEFAULT_LAG = Duration.ofSeconds(60);
    /** How long a key-based plan waits by default for transactions older than its maximum to end. */
    public static final Duration DEFAULT_OPEN_TRANSACTION_WAIT = Duration.ofSeconds(10);

    public IncrementalRequest {
        requireNonNull(table, "table is null");
        requireNonNull(deltaColumn, "deltaColumn is null");
        upperBound = upperBound == null ? UpperBoundStrategy.AUTO : upperBound;
        if (lag != null && lag.isNegative()) {
            throw new IllegalArgumentException("lag must not be negative, was " + lag);
        }
        observations = observations == null ? List.of() : List.copyOf(observations);
        openTransactionWait = openTransactionWait == null ? DEFAULT_OPEN_TRANSACTION_WAIT : openTransactionWait;
        if (openTransactionWait.isNegative()) {
            throw new IllegalArgumentException("openTransactionWait must not be negative, was " + openTransactionWait);
        }
    }

    /** A request with an explicit lag ({@code null} for the strategy's default) and no observations. */
    public IncrementalRequest(TableId table, String deltaColumn, WatermarkPosition lastPosition,
            UpperBoundStrategy upperBound, Duration lag) {
        this(table, deltaColumn, lastPosition, upperBound, lag, List.of(), null);
    }

    /** A first run: everything up to the upper bound, rows with a NULL delta value included; default lag. */
    public static IncrementalRequest initial(TableId table, String deltaColumn) {
        return new IncrementalRequest(table, deltaColumn, null, UpperBoundStrategy.AUTO, null);
    }

    /** A later run, from where the previous window ended; default lag. */
    public static IncrementalRequest after(TableId table, String deltaColumn, WatermarkPosition last) {
        return new IncrementalRequest(table, deltaColumn, last, UpperBoundStrategy.AUTO, null);
    }

    /** The lag the caller set, or empty for the strategy's default. */
    public Optional<Duration> lagOverride() {
        return Optional.ofNullable(lag);
    }

    public IncrementalRequest withUpperBound(UpperBoundStrategy s) {
        return new IncrementalRequest(table, deltaColumn, lastPosition, s, lag, observations, openTransactionWait);
    }

    /** An explicit lag; {@link Duration#ZERO} turns it off. */
    public IncrementalRequest withLag(Duration d) {
        return new IncrementalRequest(table, deltaColumn, lastPosition, upperBound, requireNonNull(d, "lag is null"),
                observations, openTransactionWait);
    }

    public IncrementalRequest withObservations(List<BoundObservation> o) {
        return new IncrementalRequest(table, deltaColumn, lastPosition, upperBound, lag, o, openTransactionWait);
    }

    public IncrementalRequest withOpenTransactionWait(Duration d) {
        return new IncrementalRequest(table, deltaColumn, lastPosition, upperBound, lag, observations, d);
    }
}

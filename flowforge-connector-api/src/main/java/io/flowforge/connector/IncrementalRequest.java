package io.flowforge.connector;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * An incremental read: the table, its delta column, where the last run stopped ({@code null} on
 * the first run), how to fix the upper bound, and a lag that leaves the newest rows for the next
 * run (for sources whose transactions commit late; used with {@link UpperBoundStrategy#DATABASE_NOW}).
 */
public record IncrementalRequest(
        TableId table,
        String deltaColumn,
        WatermarkPosition lastPosition,
        UpperBoundStrategy upperBound,
        Duration lag) {

    public IncrementalRequest {
        requireNonNull(table, "table is null");
        requireNonNull(deltaColumn, "deltaColumn is null");
        upperBound = upperBound == null ? UpperBoundStrategy.AUTO : upperBound;
        lag = lag == null ? Duration.ZERO : lag;
        if (lag.isNegative()) {
            throw new IllegalArgumentException("lag must not be negative, was " + lag);
        }
    }

    /** A first run: everything up to the upper bound, rows with a NULL delta value included. */
    public static IncrementalRequest initial(TableId table, String deltaColumn) {
        return new IncrementalRequest(table, deltaColumn, null, UpperBoundStrategy.AUTO, Duration.ZERO);
    }

    /** A later run, from where the previous window ended. */
    public static IncrementalRequest after(TableId table, String deltaColumn, WatermarkPosition last) {
        return new IncrementalRequest(table, deltaColumn, last, UpperBoundStrategy.AUTO, Duration.ZERO);
    }

    public IncrementalRequest withUpperBound(UpperBoundStrategy s) {
        return new IncrementalRequest(table, deltaColumn, lastPosition, s, lag);
    }

    public IncrementalRequest withLag(Duration d) {
        return new IncrementalRequest(table, deltaColumn, lastPosition, upperBound, d);
    }
}

package io.flowforge.connector;

import static java.util.Objects.requireNonNull;

/**
 * One of {@code count} disjoint key ranges of a table, readable on its own (on another thread,
 * process or machine) with {@link DatabaseConnector#readSplit}: together the splits of one plan
 * hold every row of the table exactly once. The range is an {@link IncrementalWindow} over the
 * split column, so it is plain data that can be stored or sent.
 */
@PublicEvolving
public record TableSplit(int index, int count, IncrementalWindow range) {

    public TableSplit {
        requireNonNull(range, "range is null");
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("split " + index + " of " + count + " is not a valid split");
        }
    }
}

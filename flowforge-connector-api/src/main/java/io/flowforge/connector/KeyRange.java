package io.flowforge.connector;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One range of a split key column for a parallel read: {@code lower <= key < upper}, either end
 * open when absent. The first range of a plan is open below and also takes the rows whose key is
 * NULL ({@code includesNulls}), the last is open above, so the ranges of one plan cover every row,
 * including rows whose key lies outside the minimum and maximum seen when the plan was made.
 * Plain data, so it can be stored and sent to another process or machine.
 */
@PublicEvolving
public record KeyRange(String column, Watermark.Type type, Optional<Watermark> lower, Optional<Watermark> upper,
        boolean includesNulls) {

    public KeyRange {
        requireNonNull(column, "column is null");
        requireNonNull(type, "type is null");
        lower = lower == null ? Optional.empty() : lower;
        upper = upper == null ? Optional.empty() : upper;
        lower.ifPresent(w -> checkType(w, type));
        upper.ifPresent(w -> checkType(w, type));
    }

    /** The range that holds every row (a plan of one split). */
    public static KeyRange all(String column, Watermark.Type type) {
        return new KeyRange(column, type, Optional.empty(), Optional.empty(), true);
    }

    private static void checkType(Watermark w, Watermark.Type type) {
        if (w.type() != type) {
            throw new IllegalArgumentException("a " + type + " key range cannot have a " + w.type() + " bound");
        }
    }

    @Override
    public String toString() {
        return "[" + lower.map(Watermark::value).orElse(includesNulls ? "NULL, -inf" : "-inf") + ", "
                + upper.map(Watermark::value).orElse("+inf") + ")";
    }
}

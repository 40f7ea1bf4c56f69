package io.flowforge.connector;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The fixed bounds of one incremental read: {@code lower} (absent on the first run, which also
 * takes rows whose delta value is NULL) and {@code upper}, each inclusive or exclusive. Reading
 * the same window twice yields the same rows, so a failed run can be repeated exactly.
 * {@code upper} is absent when the table holds no rows to read (or none that is safe to read yet).
 * {@code report} says how the upper bound was fixed.
 */
@PublicEvolving
public record IncrementalWindow(
        TableId table,
        String deltaColumn,
        Watermark.Type watermarkType,
        Optional<Watermark> lower,
        boolean lowerInclusive,
        Optional<Watermark> upper,
        boolean upperInclusive,
        UpperBoundReport report) {

    public IncrementalWindow {
        requireNonNull(table, "table is null");
        requireNonNull(deltaColumn, "deltaColumn is null");
        requireNonNull(watermarkType, "watermarkType is null");
        lower = lower == null ? Optional.empty() : lower;
        upper = upper == null ? Optional.empty() : upper;
        report = report == null ? UpperBoundReport.none(upperInclusive ? UpperBoundStrategy.MAX_INCLUSIVE
                : UpperBoundStrategy.MAX_EXCLUSIVE) : report;
    }

    /** A window with no bound report (splits, windows built by hand or read back from old state). */
    public IncrementalWindow(TableId table, String deltaColumn, Watermark.Type watermarkType, Optional<Watermark> lower,
            boolean lowerInclusive, Optional<Watermark> upper, boolean upperInclusive) {
        this(table, deltaColumn, watermarkType, lower, lowerInclusive, upper, upperInclusive, null);
    }

    /** True on a first run: no lower bound, and NULL delta values are included. */
    public boolean isInitial() {
        return lower.isEmpty();
    }

    /** True when the window cannot contain rows (nothing newer than the last watermark). */
    public boolean isEmpty() {
        return upper.isEmpty();
    }

    /**
     * Where the next run starts: this window's upper bound, or, if the window was empty, its lower
     * bound unchanged (absent if there has never been a row).
     */
    public Optional<WatermarkPosition> nextPosition() {
        if (upper.isPresent()) {
            return Optional.of(new WatermarkPosition(upper.get(), upperInclusive));
        }
        return lower.map(l -> new WatermarkPosition(l, !lowerInclusive));
    }
}

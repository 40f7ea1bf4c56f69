package io.flowforge.connector.arrow;

import io.flowforge.connector.PublicEvolving;

/**
 * A documented conversion that changes some values, which a reader counts and reports (never
 * silently): see {@link ConversionReport}.
 */
@PublicEvolving
public enum LossyConversion {

    /**
     * A time or timestamp with non-zero digits below the microsecond (SQL Server's 7th fractional
     * digit, 100 ns) read into a microsecond vector under {@code TemporalPrecision.MICROSECONDS}:
     * the digits are dropped (truncated toward the earlier instant).
     */
    SUB_MICROSECOND_TRUNCATED("values with a non-zero 7th (or later) fractional digit truncated to microseconds");

    private final String description;

    LossyConversion(String description) {
        this.description = description;
    }

    /** What happened to the counted values, e.g. for a log line. */
    public String description() {
        return description;
    }
}

package io.flowforge.connector;

/**
 * How times and timestamps finer than a microsecond (SQL Server's {@code datetime2(7)},
 * {@code datetimeoffset(7)}, {@code time(7)}; {@code timestamp(9)} elsewhere) are mapped. Spark,
 * Iceberg v2 and Delta read timestamps in microseconds only.
 */
@PublicEvolving
public enum TemporalPrecision {
    /**
     * Map every time and timestamp to microseconds, covering years 0001 to 9999 (the default). A
     * value with non-zero digits below the microsecond is truncated and counted, never silently:
     * the reader reports the count per column ({@code io.flowforge.connector.arrow.ConversionReport})
     * and logs it when it closes.
     */
    MICROSECONDS,
    /**
     * Keep every digit: types finer than a microsecond become nanosecond vectors. A nanosecond
     * timestamp holds 1677-09-21 to 2262-04-11 only; a value outside that range (such as the common
     * {@code 9999-12-31} or {@code 0001-01-01} sentinels) fails the read with a message naming the
     * column and value. Opt-in.
     */
    EXACT
}

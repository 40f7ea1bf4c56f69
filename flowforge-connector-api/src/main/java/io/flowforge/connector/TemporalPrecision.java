package io.flowforge.connector;

/**
 * How timestamps and times finer than a microsecond (SQL Server's {@code datetime2(7)},
 * {@code datetimeoffset(7)}, {@code time(7)}) are mapped.
 */
public enum TemporalPrecision {
    /**
     * Keep every digit: 100 ns types become nanosecond vectors. A nanosecond timestamp holds
     * 1677-09-21 to 2262-04-11 only; a value outside that range fails the read with a message
     * naming the column and value (the default).
     */
    EXACT,
    /**
     * Map every timestamp and time to microseconds, covering years 0001 to 9999; the seventh
     * fractional digit is dropped. Opt-in.
     */
    MICROSECONDS
}

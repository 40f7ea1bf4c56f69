package io.flowforge.bronze.parquet;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A required column with the same value on every row, appended after the source columns (the
 * bronze audit columns): a string, or a UTC timestamp in microseconds.
 */
public record ConstantColumn(String name, String text, Instant timestamp) {

    public ConstantColumn {
        requireNonNull(name, "name is null");
        if ((text == null) == (timestamp == null)) {
            throw new IllegalArgumentException("constant column '" + name + "' needs exactly one of text or timestamp");
        }
    }

    public static ConstantColumn string(String name, String value) {
        return new ConstantColumn(name, requireNonNull(value, name + " value is null"), null);
    }

    public static ConstantColumn timestampUtc(String name, Instant value) {
        return new ConstantColumn(name, null, requireNonNull(value, name + " value is null"));
    }

    long epochMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, timestamp);
    }
}

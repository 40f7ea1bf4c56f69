package io.flowforge.connector.arrow;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.PublicEvolving;

/**
 * How many values of one column a read changed by one {@link LossyConversion}, e.g. 3 values of
 * {@code dbo.contracts.valid_from} with a non-zero 7th fractional digit truncated to microseconds.
 *
 * @param source the table read ({@code schema.table}) or {@code query}
 * @param column the column's name
 * @param conversion what was done to the values
 * @param count how many values it changed (at least 1)
 */
@PublicEvolving
public record ConversionCount(String source, String column, LossyConversion conversion, long count) {

    public ConversionCount {
        requireNonNull(source, "source is null");
        requireNonNull(column, "column is null");
        requireNonNull(conversion, "conversion is null");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
    }

    /** One line for a log or a result: {@code dbo.t.valid_from: 3 values with ... truncated to microseconds}. */
    public String describe() {
        return source + "." + column + ": " + count + " " + conversion.description();
    }
}

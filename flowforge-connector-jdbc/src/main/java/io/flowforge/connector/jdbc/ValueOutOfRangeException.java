package io.flowforge.connector.jdbc;

import io.flowforge.connector.PublicEvolving;
import java.sql.SQLException;
import java.util.Locale;
import org.apache.arrow.vector.types.TimeUnit;

/**
 * A source value that its column's Arrow type cannot hold exactly. Thrown from the row path as an
 * {@link SQLException} subtype so readers keep a single checked signature; the read reports it
 * with the table name added.
 */
@PublicEvolving
public final class ValueOutOfRangeException extends SQLException {
    private static final long serialVersionUID = 1L;

    private final String column;

    public ValueOutOfRangeException(String column, String value, String problem) {
        super("value " + value + " of column '" + column + "' " + problem);
        this.column = column;
    }

    /**
     * A date or time that overflows a timestamp of {@code unit} since 1970 (int64): nanoseconds hold
     * 1677-09-21..2262-04-11, microseconds up to 294247-01-10.
     */
    public static ValueOutOfRangeException outsideTimestamp(String column, Object original, TimeUnit unit) {
        return new ValueOutOfRangeException(column, String.valueOf(original), switch (unit) {
            case NANOSECOND -> "is outside the range of a nanosecond timestamp (1677-09-21..2262-04-11 for nanoseconds); "
                    + "read with TemporalPrecision.MICROSECONDS to keep it at microsecond precision";
            case MICROSECOND -> "is outside the range of a microsecond timestamp (up to the year 294247)";
            default -> "is outside the range of a " + unit.name().toLowerCase(Locale.ROOT) + " timestamp";
        });
    }

    public String column() {
        return column;
    }
}

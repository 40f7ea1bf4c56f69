package io.flowforge.connector.mysql;

import io.flowforge.connector.jdbc.ColumnReader;
import io.flowforge.connector.jdbc.StandardColumnReaders;
import io.flowforge.connector.jdbc.ValueOutOfRangeException;
import java.time.LocalTime;

/**
 * The reader MySQL needs beyond the standard ones and {@link io.flowforge.connector.jdbc.MySqlProtocolReaders}
 * (dates and wall clocks): MySQL's {@code TIME} is a duration (-838:59:59..838:59:59), so only
 * values within a day are times of day.
 */
final class MySqlReaders {

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private MySqlReaders() {}

    /** TIME from its text, exact to the microsecond; a value outside 00:00:00..23:59:59.999999 fails. */
    static ColumnReader timeOfDay() {
        return StandardColumnReaders.time((rs, c, name) -> {
            String x = rs.getString(c);
            return x == null ? null : LocalTime.ofNanoOfDay(timeOfDayMicros(x, name) * 1_000L);
        });
    }

    static long timeOfDayMicros(String text, String column) throws ValueOutOfRangeException {
        String t = text.trim();
        boolean negative = t.startsWith("-");
        String[] hms = (negative ? t.substring(1) : t).split(":");
        if (hms.length != 3) {
            throw new ValueOutOfRangeException(column, text, "is not a MySQL TIME value");
        }
        String[] secondParts = hms[2].split("\\.");
        String fraction = secondParts.length > 1 ? (secondParts[1] + "000000").substring(0, 6) : "0";
        long micros = ((Long.parseLong(hms[0]) * 60 + Long.parseLong(hms[1])) * 60 + Long.parseLong(secondParts[0]))
                * MICROS_PER_SECOND + Long.parseLong(fraction);
        if (negative || micros >= 86_400L * MICROS_PER_SECOND) {
            throw new ValueOutOfRangeException(column, text, "is a duration, not a time of day (MySQL TIME holds "
                    + "-838:59:59..838:59:59); convert it in a query, e.g. TIME_TO_SEC(col) AS col");
        }
        return micros;
    }
}

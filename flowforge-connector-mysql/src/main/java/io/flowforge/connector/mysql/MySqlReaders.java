package io.flowforge.connector.mysql;

import io.flowforge.connector.jdbc.ColumnReader;
import io.flowforge.connector.jdbc.ValueOutOfRangeException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.types.pojo.ArrowType.ArrowTypeID;

/**
 * The readers MySQL needs beyond the standard ones. Connector/J returns a zero date
 * ({@code 0000-00-00}, or one with a zero month or day) as SQL NULL, which would lose the value
 * silently: these readers look at the text of every NULL and fail on a zero date. MySQL's
 * {@code TIME} is a duration (-838:59:59..838:59:59), so only values within a day are times of day.
 */
final class MySqlReaders {

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private MySqlReaders() {}

    static ColumnReader date() {
        return ColumnReader.of(ArrowTypeID.Date, (v, c) -> {
            DateDayVector dv = (DateDayVector) v;
            return (rs, row) -> {
                LocalDate x = rs.getObject(c, LocalDate.class);
                if (x != null) {
                    dv.setSafe(row, Math.toIntExact(x.toEpochDay()));
                } else {
                    failOnZeroDate(rs, c, dv.getName());
                    dv.setNull(row);
                }
            };
        });
    }

    /** datetime and timestamp: the wall clock (of the UTC session, for timestamp) in microseconds. */
    static ColumnReader timestamp() {
        return ColumnReader.of(ArrowTypeID.Timestamp, (v, c) -> {
            TimeStampVector tv = (TimeStampVector) v;
            return (rs, row) -> {
                LocalDateTime x = rs.getObject(c, LocalDateTime.class);
                if (x != null) {
                    tv.setSafe(row, x.toEpochSecond(ZoneOffset.UTC) * MICROS_PER_SECOND + x.getNano() / 1_000);
                } else {
                    failOnZeroDate(rs, c, tv.getName());
                    tv.setNull(row);
                }
            };
        });
    }

    /** TIME from its text, exact to the microsecond; a value outside 00:00:00..23:59:59.999999 fails. */
    static ColumnReader timeOfDay() {
        return ColumnReader.of(ArrowTypeID.Time, (v, c) -> {
            TimeMicroVector tv = (TimeMicroVector) v;
            return (rs, row) -> {
                String x = rs.getString(c);
                if (x == null) {
                    tv.setNull(row);
                } else {
                    tv.setSafe(row, timeOfDayMicros(x, tv.getName()));
                }
            };
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

    private static void failOnZeroDate(ResultSet rs, int column, String name) throws SQLException {
        String text = rs.getString(column);
        if (text != null) {
            throw new ValueOutOfRangeException(name, text, "is a MySQL zero date, which is no calendar date "
                    + "(Connector/J would read it as NULL); replace it in a query, e.g. NULLIF(col, '0000-00-00') "
                    + "to read it as NULL, or fix the data");
        }
    }
}

package io.flowforge.connector.mysql;

import io.flowforge.connector.jdbc.ColumnReader;
import io.flowforge.connector.jdbc.ValueOutOfRangeException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
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
                LocalDate x = date(rs, c, dv.getName());
                if (x != null) {
                    dv.setSafe(row, Math.toIntExact(x.toEpochDay()));
                } else {
                    dv.setNull(row);
                }
            };
        });
    }

    /**
     * The date of a date, datetime or timestamp value; {@code null} for NULL. Connector/J answers a
     * zero date with NULL and fails on a zero month or day with a bare DateTimeException: both
     * fail here with the column and, where the driver can show it, the value.
     */
    private static LocalDate date(ResultSet rs, int column, String name) throws SQLException {
        LocalDate x;
        try {
            x = rs.getObject(column, LocalDate.class);
        } catch (DateTimeException e) {
            throw zeroMonthOrDay(rs, column, name, e);
        }
        if (x == null) {
            failOnZeroDate(rs, column, name);
        }
        return x;
    }

    /**
     * datetime and timestamp: the wall clock (of the UTC session, for timestamp) in microseconds,
     * from its date and its time of day. Connector/J's LocalDateTime (and its String) passes
     * through the JVM's zone, which moves a wall clock inside a daylight-saving gap by an hour.
     */
    static ColumnReader timestamp() {
        return ColumnReader.of(ArrowTypeID.Timestamp, (v, c) -> {
            TimeStampVector tv = (TimeStampVector) v;
            return (rs, row) -> {
                LocalDateTime x = wallClock(rs, c, tv.getName());
                if (x != null) {
                    tv.setSafe(row, x.toEpochSecond(ZoneOffset.UTC) * MICROS_PER_SECOND + x.getNano() / 1_000);
                } else {
                    tv.setNull(row);
                }
            };
        });
    }

    /**
     * A datetime or timestamp value as the server sent it, never through a time zone: its date and
     * its time of day, each decoded by Connector/J from the value's own fields. NULL is
     * {@code null}; a zero date fails.
     */
    static LocalDateTime wallClock(ResultSet rs, int column, String name) throws SQLException {
        LocalDate date = date(rs, column, name);
        if (date == null) {
            return null;
        }
        return date.atTime(rs.getObject(column, LocalTime.class));
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

    private static ValueOutOfRangeException zeroMonthOrDay(ResultSet rs, int column, String name, DateTimeException e) {
        String text;
        try {
            text = rs.getString(column);
        } catch (SQLException | RuntimeException unreadable) {
            // The binary protocol sends a date as its fields, which the driver cannot print either.
            text = "with " + (e.getMessage().contains("MonthOfYear") ? "month" : "day") + " 0";
        }
        return new ValueOutOfRangeException(name, text, "has a zero month or day, which MySQL allows (without "
                + "NO_ZERO_IN_DATE) but is no calendar date; replace it in a query, e.g. CASE WHEN MONTH(col) = 0 OR "
                + "DAYOFMONTH(col) = 0 THEN NULL ELSE col END, or fix the data");
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

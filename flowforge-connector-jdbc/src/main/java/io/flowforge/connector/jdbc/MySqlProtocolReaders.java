package io.flowforge.connector.jdbc;

import io.flowforge.connector.Internal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Date and timestamp readers for MySQL and MariaDB servers read through MariaDB Connector/J: by
 * the {@code mysql} connector, and by the generic {@code jdbc} connector on {@code jdbc:mariadb:}
 * and {@code jdbc:mysql:} URLs. Two driver behaviours would change values silently:
 * <ul>
 *   <li>Its {@code LocalDateTime} (and its String of a datetime) passes through the JVM's time
 *   zone: in New York, {@code 2021-03-14 02:30:00}, inside the daylight-saving gap, became 03:30.
 *   A wall clock is read as its date and its time of day instead, which the driver decodes from
 *   the value's own fields.</li>
 *   <li>It answers a zero date ({@code 0000-00-00}) with NULL and a zero month or day with a bare
 *   DateTimeException. Both fail here naming the column and, where the driver can print it, the
 *   value.</li>
 * </ul>
 */
@Internal
public final class MySqlProtocolReaders {

    private MySqlProtocolReaders() {}

    public static ColumnReader date() {
        return StandardColumnReaders.dateDay(MySqlProtocolReaders::date);
    }

    /** datetime and timestamp (as the session shows it) into a timestamp vector of any unit. */
    public static ColumnReader timestamp() {
        return StandardColumnReaders.timestamp(MySqlProtocolReaders::wallClock);
    }

    /**
     * A datetime or timestamp value as the server sent it, never through a time zone; {@code null}
     * for NULL. A zero date fails.
     */
    public static LocalDateTime wallClock(ResultSet rs, int column, String name) throws SQLException {
        LocalDate date = date(rs, column, name);
        return date == null ? null : date.atTime(rs.getObject(column, LocalTime.class));
    }

    /** The date of a date, datetime or timestamp value; {@code null} for NULL. A zero date fails. */
    public static LocalDate date(ResultSet rs, int column, String name) throws SQLException {
        LocalDate x;
        try {
            x = rs.getObject(column, LocalDate.class);
        } catch (DateTimeException e) {
            throw zeroMonthOrDay(rs, column, name, e);
        }
        if (x == null) {
            String text = rs.getString(column);
            if (text != null) {
                throw new ValueOutOfRangeException(name, text, "is a MySQL zero date, which is no calendar date "
                        + "(Connector/J would read it as NULL); replace it in a query, e.g. NULLIF(col, '0000-00-00') "
                        + "to read it as NULL, or fix the data");
            }
        }
        return x;
    }

    private static ValueOutOfRangeException zeroMonthOrDay(ResultSet rs, int column, String name, DateTimeException e) {
        String text;
        try {
            text = rs.getString(column);
        } catch (SQLException | RuntimeException unreadable) {
            // The binary protocol sends a date as its fields, which the driver cannot print either.
            text = "(a date with " + (String.valueOf(e.getMessage()).contains("MonthOfYear") ? "month" : "day") + " 0)";
        }
        return new ValueOutOfRangeException(name, text, "is no calendar date: it has a zero month or day, which MySQL "
                + "allows without NO_ZERO_IN_DATE; replace it in a query, e.g. CASE WHEN MONTH(col) = 0 OR DAYOFMONTH(col) = 0 "
                + "THEN NULL ELSE col END, or fix the data");
    }
}

package io.flowforge.connector.postgresql;

import io.flowforge.connector.jdbc.ColumnReader;
import io.flowforge.connector.jdbc.IntervalText;
import io.flowforge.connector.jdbc.StandardColumnReaders;
import io.flowforge.connector.jdbc.StandardColumnReaders.ValueGetter;
import io.flowforge.connector.jdbc.ValueOutOfRangeException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType.ArrowTypeID;
import org.postgresql.util.PGInterval;

/**
 * The readers PostgreSQL needs beyond the standard ones: dates and timestamps that fail on
 * {@code infinity} (pgjdbc returns it as {@code LocalDate.MAX}, which would otherwise surface as an
 * overflow), intervals as exact ISO-8601 durations, and numerics that are not numbers. Dates and
 * timestamps in PostgreSQL's ISO text, BC and five-digit years included, are parsed from the wire
 * bytes ({@link PgIsoText}), as are intervals ({@link PgIntervalText}); every other form goes
 * through pgjdbc as before.
 */
final class PostgreSqlReaders {

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private PostgreSqlReaders() {}

    /** {@code date}: PostgreSQL's ISO text parsed from the wire bytes ({@link PgIsoText}), other forms through pgjdbc. */
    static ColumnReader date() {
        return StandardColumnReaders.fromWireText(StandardColumnReaders.dateDay(finite(LocalDate.class, LocalDate.MAX,
                LocalDate.MIN, "date")), PgIsoText::epochDay, PgIsoText.NOT_CANONICAL);
    }

    /** {@code timestamp}: as {@link #date()}, into microseconds. */
    static ColumnReader timestamp() {
        return StandardColumnReaders.fromWireText(StandardColumnReaders.timestamp(finite(LocalDateTime.class, LocalDateTime.MAX,
                LocalDateTime.MIN, "timestamp")), PgIsoText::epochMicros, PgIsoText.NOT_CANONICAL);
    }

    /** {@code timestamptz}: as {@link #date()}, into UTC microseconds. */
    static ColumnReader timestampTz() {
        return StandardColumnReaders.fromWireText(StandardColumnReaders.timestampTz(finite(OffsetDateTime.class,
                OffsetDateTime.MAX, OffsetDateTime.MIN, "timestamptz")), PgIsoText::epochMicrosWithOffset, PgIsoText.NOT_CANONICAL);
    }

    /** pgjdbc's value of the type, which it gives {@code infinity} as {@code max} and {@code -infinity} as {@code min}: those fail. */
    private static <T> ValueGetter<T> finite(Class<T> type, T max, T min, String typeName) {
        return (rs, c, name) -> {
            T x = rs.getObject(c, type);
            if (max.equals(x) || min.equals(x)) {
                throw infinity(name, max.equals(x), typeName);
            }
            return x;
        };
    }

    /**
     * {@code time} in microseconds. PostgreSQL allows {@code 24:00:00}, which pgjdbc returns as
     * 23:59:59.999999999 (no PostgreSQL time has nanoseconds, so that value can only mean it).
     */
    static ColumnReader time() {
        return StandardColumnReaders.time((rs, c, name) -> {
            LocalTime x = rs.getObject(c, LocalTime.class);
            if (LocalTime.MAX.equals(x)) {
                throw endOfDay(name);
            }
            return x;
        });
    }

    /**
     * {@code interval} as ISO-8601 text: months, days and time kept apart, as PostgreSQL keeps them.
     * Parsed from PostgreSQL's own text ({@link PgIntervalText}), which holds every interval;
     * pgjdbc's PGInterval (for other interval styles) fails from 2^31 hours on.
     */
    static ColumnReader interval() {
        return ColumnReader.of(ArrowTypeID.Utf8, (v, c) -> {
            VarCharVector sv = (VarCharVector) v;
            return (rs, row) -> {
                byte[] raw = rs.getBytes(c);
                if (raw == null) {
                    sv.setNull(row);
                    return;
                }
                String iso = PgIntervalText.iso(raw);
                sv.setSafe(row, (iso != null ? iso : isoInterval((PGInterval) rs.getObject(c))).getBytes(StandardCharsets.UTF_8));
            };
        });
    }

    /**
     * {@code numeric} into decimal128 as the standard reader does; PostgreSQL's numeric also holds
     * {@code NaN} and (since 14) {@code ±Infinity}, on which pgjdbc fails without naming the column:
     * they fail here with the column and value, in the words binary COPY uses.
     */
    static ColumnReader numeric() {
        ColumnReader standard = StandardColumnReaders.decimal();
        return ColumnReader.of(ArrowTypeID.Decimal, (v, c) -> {
            ColumnReader.Bound exact = standard.bind(v, c);
            return (rs, row) -> {
                try {
                    exact.read(rs, row);
                } catch (ValueOutOfRangeException e) {
                    throw e;
                } catch (SQLException e) {
                    String text = rs.getString(c);
                    if ("NaN".equals(text) || "Infinity".equals(text) || "-Infinity".equals(text)) {
                        throw notANumber(v.getName(), text);
                    }
                    throw e;
                }
            };
        });
    }

    static ValueOutOfRangeException notANumber(String column, String text) {
        return new ValueOutOfRangeException(column, text, "has no decimal128 value (PostgreSQL's numeric also holds NaN "
                + "and ±Infinity); replace it in a query (e.g. NULLIF(col, '" + text + "'))");
    }

    /** pgjdbc's interval as ISO-8601 text ({@link IntervalText}), exact to the microsecond. */
    static String isoInterval(PGInterval i) {
        long micros = ((long) i.getHours() * 3600 + (long) i.getMinutes() * 60 + i.getWholeSeconds()) * MICROS_PER_SECOND
                + i.getMicroSeconds();
        return IntervalText.iso(i.getYears(), i.getMonths(), i.getDays(), micros);
    }

    static ValueOutOfRangeException endOfDay(String column) {
        return new ValueOutOfRangeException(column, "24:00:00", "is not a time of day Arrow can hold "
                + "(00:00:00..23:59:59.999999); replace it in a query");
    }

    static ValueOutOfRangeException infinity(String column, boolean positive, String type) {
        return new ValueOutOfRangeException(column, (positive ? "" : "-") + "infinity",
                "has no Arrow " + type + " value; replace it in a query (e.g. NULLIF(col, '"
                        + (positive ? "" : "-") + "infinity'))");
    }

}

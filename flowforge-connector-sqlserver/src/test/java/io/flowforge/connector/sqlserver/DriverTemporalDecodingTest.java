package io.flowforge.connector.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.ReadOptions;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.GregorianCalendar;
import java.util.Locale;
import java.util.SimpleTimeZone;
import io.flowforge.connector.jdbc.ColumnMapping;
import io.flowforge.connector.jdbc.ColumnReader;
import io.flowforge.connector.jdbc.JdbcColumn;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.TimeStampVector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * mssql-jdbc 13.6.2's own decoding of the values a SQL Server sends, called directly (through
 * reflection: the driver's jar is signed, so no class can join its package) at
 * {@code DDC.convertTemporalToObject}, the step after the TDS bytes are split into days since
 * 0001-01-01 and nanoseconds since midnight: what
 * {@code getObject(i, OffsetDateTime.class)} returns for a datetimeoffset, and what
 * {@code getObject(i, LocalDateTime.class)} returns for the datetime2 that the connector has the
 * server make of it ({@code CONVERT(datetime2(7), SWITCHOFFSET(c, '+00:00'))}).
 */
class DriverTemporalDecodingTest {

    private static int days(LocalDate utcDate) {
        return (int) ChronoUnit.DAYS.between(LocalDate.of(1, 1, 1), utcDate); // SQL Server: proleptic Gregorian
    }

    private static final java.lang.reflect.Method CONVERT;

    static {
        try {
            Class<?> ddc = Class.forName("com.microsoft.sqlserver.jdbc.DDC");
            CONVERT = ddc.getDeclaredMethod("convertTemporalToObject", Class.forName("com.microsoft.sqlserver.jdbc.SQLServerConnection"),
                    Class.forName("com.microsoft.sqlserver.jdbc.JDBCType"), Class.forName("com.microsoft.sqlserver.jdbc.SSType"),
                    java.util.Calendar.class, int.class, long.class, int.class);
            CONVERT.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object driverEnum(String type, String name) throws Exception {
        return Enum.valueOf((Class) Class.forName("com.microsoft.sqlserver.jdbc." + type), name);
    }

    /** DDC.convertTemporalToObject(connection null, jdbcType, ssType, calendar, days, nanos, scale 7), unwrapping its exceptions. */
    private static Object convert(String jdbcType, String ssType, java.util.Calendar calendar, LocalDateTime value)
            throws Exception {
        try {
            return CONVERT.invoke(null, null, driverEnum("JDBCType", jdbcType), driverEnum("SSType", ssType), calendar,
                    days(value.toLocalDate()), value.toLocalTime().toNanoOfDay(), 7);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    /** As TDSReader.readDateTimeOffset does it, then DateTimeOffset.getOffsetDateTime() as getObject(OffsetDateTime) does. */
    @SuppressWarnings("deprecation")
    static OffsetDateTime driverDatetimeoffset(LocalDateTime utc, int offsetMinutes) throws Exception {
        Object dto = convert("DATETIMEOFFSET", "DATETIMEOFFSET",
                new GregorianCalendar(new SimpleTimeZone(offsetMinutes * 60 * 1000, ""), Locale.US), utc);
        return ((microsoft.sql.DateTimeOffset) dto).getOffsetDateTime();
    }

    /** As TDSReader.readDateTime2 does it for getObject(LocalDateTime) (no calendar passed). */
    static LocalDateTime driverDatetime2(LocalDateTime value) throws Exception {
        return (LocalDateTime) convert("LOCALDATETIME", "DATETIME2", null, value);
    }

    @Test
    void theDriversOffsetDateTimeGoesThroughTheJulianCalendarBefore1583() throws Exception {
        // The finding, on the driver's own code: 1582-10-10 UTC comes back as 1582-10-20.
        assertThat(driverDatetimeoffset(LocalDateTime.parse("1582-10-10T12:00"), 0))
                .isEqualTo(OffsetDateTime.parse("1582-10-20T12:00Z"));
        // 1500-02-28 23:30 UTC at +01:00 is 1500-03-01 00:30 local; in the Julian calendar 1500 is a leap
        // year, the local date becomes 1500-02-29, and OffsetDateTime.of throws.
        assertThatThrownBy(() -> driverDatetimeoffset(LocalDateTime.parse("1500-02-28T23:30"), 60))
                .isInstanceOf(DateTimeException.class).hasMessageContaining("February 29");
        // From 1583 on the driver's path is right, which is where the query-result reader trusts it.
        assertThat(driverDatetimeoffset(LocalDateTime.parse("1583-01-01T00:00"), 0))
                .isEqualTo(OffsetDateTime.parse("1583-01-01T00:00Z"));
        assertThat(driverDatetimeoffset(LocalDateTime.parse("9999-12-31T09:59:59.9999999"), 14 * 60))
                .isEqualTo(OffsetDateTime.parse("9999-12-31T23:59:59.9999999+14:00"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"1582-10-10T12:00", "1582-10-04T23:59:59.9999999", "1500-02-28T23:30", "0001-01-01T00:00",
            "1600-02-29T00:00", "9999-12-31T23:59:59.9999999", "2024-01-01T21:34:05.1234567"})
    void theDatetime2PathKeepsEveryUtcValueAndTheReaderMakesItTheInstant(String utcText) throws Exception {
        LocalDateTime utc = LocalDateTime.parse(utcText);
        LocalDateTime decoded = driverDatetime2(utc);
        assertThat(decoded).isEqualTo(utc);
        // The connector's table-read mapping of datetimeoffset(7), fed the driver's value.
        JdbcColumn dto = new JdbcColumn("c", 1, microsoft.sql.Types.DATETIMEOFFSET, "datetimeoffset", 34, 7, true);
        ColumnMapping m = new SqlServerTypeMapping().map(dto, ReadOptions.defaults()).orElseThrow();
        assertThat(m.selectItem("[c]")).isEqualTo("CONVERT(datetime2(7), SWITCHOFFSET([c], '+00:00')) AS [c]");
        ResultSet rs = (ResultSet) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ResultSet.class}, (p, method, args) -> {
                    if (method.getName().equals("getObject") && args[1] == LocalDateTime.class) {
                        return decoded;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        try (RootAllocator allocator = new RootAllocator(); TimeStampVector v = (TimeStampVector) m.field().createVector(allocator)) {
            v.allocateNew();
            ColumnReader.Bound reader = m.reader().bind(v, 1);
            reader.read(rs, 0);
            Instant instant = utc.toInstant(java.time.ZoneOffset.UTC);
            assertThat(v.get(0)).isEqualTo(Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
                    instant.getNano() / 1_000));
        }
    }

    @Test
    void timeAndDatetime2ArriveWithAllSevenDigits() throws Exception {
        // The 7th digit the default mapping truncates (and counts) is really there in the driver's values.
        assertThat(driverDatetime2(LocalDateTime.parse("9999-12-31T23:59:59.9999999")).getNano()).isEqualTo(999_999_900);
        Object time = convert("LOCALDATETIME", "TIME", null, LocalDateTime.of(LocalDate.of(1, 1, 1), LocalTime.parse("23:59:59.9999999")));
        assertThat(((LocalDateTime) time).toLocalTime()).isEqualTo(LocalTime.parse("23:59:59.9999999"));
        assertThat(Types.TIMESTAMP_WITH_TIMEZONE).isNotEqualTo(microsoft.sql.Types.DATETIMEOFFSET);
    }
}

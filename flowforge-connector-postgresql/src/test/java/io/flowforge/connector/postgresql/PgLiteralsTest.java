package io.flowforge.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.connector.Watermark;
import io.flowforge.connector.jdbc.JdbcColumn;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * The literals a COPY read's bounds become: re-rendered from the parsed value, cast to the
 * column's type, never the watermark's text as it came; empty where only JDBC can bind the value.
 */
class PgLiteralsTest {

    private static JdbcColumn col(String type) {
        return new JdbcColumn("k", 1, Types.OTHER, type, 0, 6, true);
    }

    private static String literal(Watermark w, String type) {
        return PgLiterals.literal(w, col(type)).orElse(null);
    }

    @Test
    void integersAndDecimalsAreTheirCanonicalDigits() {
        assertThat(literal(Watermark.ofLong(Long.MIN_VALUE), "int8")).isEqualTo("CAST('-9223372036854775808' AS int8)");
        assertThat(literal(Watermark.ofLong(-5), "int4")).isEqualTo("CAST('-5' AS int4)");
        assertThat(literal(new Watermark(Watermark.Type.INTEGER, "+007"), "int2")).isEqualTo("CAST('7' AS int2)");
        assertThat(literal(Watermark.ofInteger(new BigInteger("123456789012345678901234567890")), "numeric"))
                .isEqualTo("CAST('123456789012345678901234567890' AS numeric)");
        assertThat(literal(Watermark.ofDecimal(new BigDecimal("-0.000100")), "numeric")).isEqualTo("CAST('-0.000100' AS numeric)");
        assertThat(literal(new Watermark(Watermark.Type.DECIMAL, "1E+5"), "numeric")).isEqualTo("CAST('100000' AS numeric)");
    }

    /** Wall-clock values stay wall-clock values whatever the JVM's zone, a DST gap's included. */
    @Test
    void timestampsAreIsoTextRoundedToMicrosecondsLikePgjdbc() {
        TimeZone saved = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
            assertThat(literal(Watermark.ofTimestamp(LocalDateTime.of(2024, 3, 10, 2, 30, 0, 1_000)), "timestamp"))
                    .isEqualTo("CAST('2024-03-10 02:30:00.000001' AS timestamp)");
            assertThat(literal(Watermark.ofTimestamp(LocalDateTime.of(2024, 11, 3, 1, 30)), "timestamp"))
                    .isEqualTo("CAST('2024-11-03 01:30:00.000000' AS timestamp)");
            assertThat(literal(Watermark.ofTimestamp(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 123_456_500)), "timestamp"))
                    .isEqualTo("CAST('2024-01-01 00:00:00.123457' AS timestamp)");
            assertThat(literal(Watermark.ofTimestamp(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 123_456_499)), "timestamp"))
                    .isEqualTo("CAST('2024-01-01 00:00:00.123456' AS timestamp)");
            assertThat(literal(Watermark.ofTimestampTz(OffsetDateTime.of(2024, 3, 10, 2, 30, 0, 5_000, ZoneOffset.ofHours(-5))),
                    "timestamptz")).isEqualTo("CAST('2024-03-10 07:30:00.000005+00' AS timestamptz)");
            assertThat(literal(Watermark.ofTimestampTz(OffsetDateTime.of(2024, 6, 1, 0, 0, 0, 0, ZoneOffset.ofHoursMinutesSeconds(5, 53, 28))),
                    "timestamptz")).isEqualTo("CAST('2024-05-31 18:06:32.000000+00' AS timestamptz)");
            assertThat(literal(Watermark.ofDate(LocalDate.of(2024, 3, 10)), "date")).isEqualTo("CAST('2024-03-10' AS date)");
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    /** Text reaches the statement as hex digits only: no quote, backslash or comment of the value. */
    @Test
    void textIsHexDecodedByTheServer() {
        assertThat(literal(Watermark.ofString("a'b\\c -- ü"), "varchar"))
                .isEqualTo("CAST(convert_from(decode('6127625c63202d2d20c3bc', 'hex'), 'UTF8') AS varchar)");
        assertThat(literal(Watermark.ofString(""), "text")).isEqualTo("CAST(convert_from(decode('', 'hex'), 'UTF8') AS text)");
    }

    /** Years PostgreSQL reads differently in ISO text, row versions and unknown column types are left to JDBC. */
    @Test
    void valuesWithoutALiteralFormAreEmpty() {
        assertThat(literal(Watermark.ofDate(LocalDate.of(0, 1, 1)), "date")).isNull();
        assertThat(literal(Watermark.ofDate(LocalDate.of(10000, 1, 1)), "date")).isNull();
        assertThat(literal(Watermark.ofTimestamp(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_600)), "timestamp")).isNull();
        assertThat(literal(Watermark.ofTimestamp(LocalDateTime.MAX), "timestamp")).isNull();
        assertThat(literal(Watermark.ofTimestampTz(OffsetDateTime.MAX), "timestamptz")).isNull();
        assertThat(literal(Watermark.ofTimestampTz(OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(1))), "timestamptz"))
                .isNull();
        assertThat(literal(Watermark.ofRowversion(new byte[8]), "bytea")).isNull();
        assertThat(literal(Watermark.ofLong(1), "money")).isNull();
    }
}

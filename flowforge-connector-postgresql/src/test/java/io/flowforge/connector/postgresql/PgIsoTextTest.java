package io.flowforge.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The wire-text parser against java.time, and every form it must leave to pgjdbc. */
class PgIsoTextTest {
    private static final DateTimeFormatter PG = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** PostgreSQL's ISO output: seconds always, the fraction only if non-zero, trailing zeros cut. */
    private static String pgText(LocalDateTime t) {
        String s = t.format(PG);
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            String f = String.format("%06d", micros).replaceAll("0+$", "");
            s += "." + f;
        }
        return s;
    }

    @Test
    void canonicalValuesMatchJavaTime() {
        Random r = new Random(7);
        long lo = LocalDateTime.of(1, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
        long hi = LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);
        for (int i = 0; i < 200_000; i++) {
            long second = lo + (long) (r.nextDouble() * (hi - lo));
            int micros = switch (i % 4) {
                case 0 -> 0;
                case 1 -> r.nextInt(1_000_000);
                case 2 -> r.nextInt(10) * 100_000;
                default -> 1 + r.nextInt(9);
            };
            LocalDateTime t = LocalDateTime.ofEpochSecond(second, micros * 1000, ZoneOffset.UTC);
            long expected = ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), t);
            assertThat(PgIsoText.epochMicros(ascii(pgText(t)))).as(pgText(t)).isEqualTo(expected);
            assertThat(PgIsoText.epochDay(ascii(t.toLocalDate().toString()))).isEqualTo(t.toLocalDate().toEpochDay());
        }
        assertThat(PgIsoText.epochDay(ascii("0001-01-01"))).isEqualTo(LocalDate.of(1, 1, 1).toEpochDay());
        assertThat(PgIsoText.epochDay(ascii("2024-02-29"))).isEqualTo(LocalDate.of(2024, 2, 29).toEpochDay());
        assertThat(PgIsoText.epochMicros(ascii("1900-01-01 00:00:00.000001"))).isEqualTo(-2208988799999999L);
        assertThat(PgIsoText.epochMicros(ascii("9999-12-31 23:59:59.999999"))).isEqualTo(253402300799999999L);
    }

    /** BC years count back from 1 BC (proleptic year 0, a leap year): pgjdbc refuses 0401-02-29 BC. */
    @Test
    void bcAndLongYearsAreParsedToo() {
        assertThat(PgIsoText.epochDay(ascii("0401-02-29 BC"))).isEqualTo(LocalDate.of(-400, 2, 29).toEpochDay());
        assertThat(PgIsoText.epochDay(ascii("4713-01-01 BC"))).isEqualTo(LocalDate.of(-4712, 1, 1).toEpochDay());
        assertThat(PgIsoText.epochDay(ascii("0001-12-31 BC"))).isEqualTo(LocalDate.of(0, 12, 31).toEpochDay());
        assertThat(PgIsoText.epochDay(ascii("5874897-12-31"))).isEqualTo(LocalDate.of(5874897, 12, 31).toEpochDay());
        assertThat(PgIsoText.epochMicros(ascii("0401-02-29 12:34:56.789 BC")))
                .isEqualTo(micros(LocalDateTime.of(-400, 2, 29, 12, 34, 56, 789_000_000)));
        assertThat(PgIsoText.epochMicros(ascii("294246-12-31 23:59:59.999999")))
                .isEqualTo(micros(LocalDateTime.of(294246, 12, 31, 23, 59, 59, 999_999_000)));
        assertThat(PgIsoText.epochMicrosWithOffset(ascii("0401-02-29 07:03:58-04:56:02 BC")))
                .isEqualTo(micros(LocalDateTime.of(-400, 2, 29, 12, 0)));
        assertThat(PgIsoText.epochMicrosWithOffset(ascii("2024-06-30 23:59:59.999999-08")))
                .isEqualTo(micros(LocalDateTime.of(2024, 7, 1, 7, 59, 59, 999_999_000)));
        assertThat(PgIsoText.epochMicrosWithOffset(ascii("1900-06-01 12:00:00+05:30")))
                .isEqualTo(micros(LocalDateTime.of(1900, 6, 1, 6, 30)));
        assertThat(PgIsoText.epochMicrosWithOffset(ascii("12345-06-07 08:09:10.5+00")))
                .isEqualTo(micros(LocalDateTime.of(12345, 6, 7, 8, 9, 10, 500_000_000)));
    }

    private static long micros(LocalDateTime t) {
        return ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), t);
    }

    @Test
    void everyOtherFormIsLeftToPgjdbc() {
        for (String s : new String[] {"0000-01-01 BC", "401-02-29 BC", "0401-02-30 BC", "infinity", "-infinity", "2023-02-29",
                "2023-13-01", "2023-1-01", "20230101", "2023-01-01 ", "", "\u0000\u0000\u001d\u00a5"}) {
            assertThat(PgIsoText.epochDay(s.getBytes(StandardCharsets.ISO_8859_1))).as(s).isEqualTo(PgIsoText.NOT_CANONICAL);
        }
        for (String s : new String[] {"0000-01-01 00:00:00 BC", "294277-01-01 00:00:00", "infinity",
                "2020-01-01 24:00:00", "2020-01-01 23:60:00", "2020-01-01 23:59:60", "2020-01-01T00:00:00",
                "2020-01-01 00:00:00.", "2020-01-01 00:00:00.1234567", "2020-01-01 00:00:00+00", "2020-01-01 00:00",
                "2020-02-30 00:00:00", "2020-01-01 00:00:00.12a", "\u0000\u0002\u00b0\u0000\u0000\u0000\u0000\u0000"}) {
            assertThat(PgIsoText.epochMicros(s.getBytes(StandardCharsets.ISO_8859_1))).as(s).isEqualTo(PgIsoText.NOT_CANONICAL);
        }
        for (String s : new String[] {"infinity", "2020-01-01 00:00:00", "2020-01-01 00:00:00+0", "2020-01-01 00:00:00+00:0",
                "2020-01-01 00:00:00+00:00:00:00", "2020-01-01 00:00:00 +00", "294277-01-01 00:00:00+00",
                "2020-01-01 00:00:00*00"}) {
            assertThat(PgIsoText.epochMicrosWithOffset(s.getBytes(StandardCharsets.ISO_8859_1))).as(s)
                    .isEqualTo(PgIsoText.NOT_CANONICAL);
        }
    }
}

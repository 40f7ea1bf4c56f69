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

    @Test
    void everyOtherFormIsLeftToPgjdbc() {
        for (String s : new String[] {"4713-01-01 BC", "5874897-12-31", "infinity", "-infinity", "2023-02-29",
                "2023-13-01", "2023-1-01", "20230101", "2023-01-01 ", "", "\u0000\u0000\u001d\u00a5"}) {
            assertThat(PgIsoText.epochDay(s.getBytes(StandardCharsets.ISO_8859_1))).as(s).isEqualTo(PgIsoText.NOT_CANONICAL);
        }
        for (String s : new String[] {"4713-01-01 00:00:00 BC", "294277-01-01 00:00:00", "infinity",
                "2020-01-01 24:00:00", "2020-01-01 23:60:00", "2020-01-01 23:59:60", "2020-01-01T00:00:00",
                "2020-01-01 00:00:00.", "2020-01-01 00:00:00.1234567", "2020-01-01 00:00:00+00", "2020-01-01 00:00",
                "2020-02-30 00:00:00", "2020-01-01 00:00:00.12a", "\u0000\u0002\u00b0\u0000\u0000\u0000\u0000\u0000"}) {
            assertThat(PgIsoText.epochMicros(s.getBytes(StandardCharsets.ISO_8859_1))).as(s).isEqualTo(PgIsoText.NOT_CANONICAL);
        }
    }
}

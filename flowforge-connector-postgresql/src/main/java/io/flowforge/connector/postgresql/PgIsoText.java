package io.flowforge.connector.postgresql;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Parses the text PostgreSQL sends for {@code date}, {@code timestamp} and {@code timestamptz}
 * under {@code DateStyle=ISO} (which pgjdbc sets and insists on): {@code Y-MM-DD},
 * {@code Y-MM-DD HH:MM:SS[.ffffff]} and, for timestamptz, an offset {@code ±HH[:MM[:SS]]}; years
 * of four or more digits, and a trailing {@code BC}. Four-digit AD values take a fast path.
 *
 * <p>pgjdbc itself cannot read every such value exactly: it checks BC leap days against the BC
 * year number ({@code 0401-02-29 BC} is proleptic year -400, a leap year, which it refuses), so
 * the JDBC path parses them here, as binary {@code COPY} decodes them. Anything else
 * ({@code infinity}, values whose microseconds since 1970 overflow, the 4- or 8-byte binary form
 * pgjdbc gets once a statement is server-prepared with binary transfer) answers
 * {@link #NOT_CANONICAL}, and the caller asks pgjdbc instead, which keeps its values and the
 * existing error messages.
 */
final class PgIsoText {
    static final long NOT_CANONICAL = Long.MIN_VALUE;
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final byte[] BC = {' ', 'B', 'C'};

    private PgIsoText() {}

    /** Days since 1970-01-01 of {@code Y-MM-DD[ BC]}, or {@link #NOT_CANONICAL}. */
    static long epochDay(byte[] b) {
        if (b.length == 10) {
            return day(b, 0, 4);
        }
        int end = endsWithBc(b) ? b.length - 3 : b.length;
        int dash = yearEnd(b, end);
        if (dash < 0 || end - dash != 6) {
            return NOT_CANONICAL;
        }
        return generalDay(b, dash, end != b.length);
    }

    /** Microseconds since 1970-01-01T00:00 of {@code Y-MM-DD HH:MM:SS[.f{1,6}][ BC]}, or {@link #NOT_CANONICAL}. */
    static long epochMicros(byte[] b) {
        int n = b.length;
        if (n == 19 || (n >= 21 && n <= 26)) {
            long day = day(b, 0, 4);
            if (day != NOT_CANONICAL) {
                long time = timeOfDay(b, 10, n);
                if (time != NOT_CANONICAL) {
                    return day * MICROS_PER_DAY + time;
                }
            }
        }
        return general(b, false);
    }

    /**
     * Microseconds since 1970-01-01T00:00Z of {@code Y-MM-DD HH:MM:SS[.f{1,6}]±HH[:MM[:SS]][ BC]}
     * (a timestamptz in the session's zone, whose offsets before 1883 have seconds), or
     * {@link #NOT_CANONICAL}.
     */
    static long epochMicrosWithOffset(byte[] b) {
        return general(b, true);
    }

    private static long general(byte[] b, boolean offset) {
        int end = endsWithBc(b) ? b.length - 3 : b.length;
        int dash = yearEnd(b, end);
        if (dash < 0 || dash + 15 > end || b[dash + 6] != ' ') {
            return NOT_CANONICAL;
        }
        long day = generalDay(b, dash, end != b.length);
        if (day == NOT_CANONICAL) {
            return NOT_CANONICAL;
        }
        int timeEnd = end;
        long offsetSeconds = 0;
        if (offset) {
            int sign = dash + 15; // first byte after HH:MM:SS
            while (sign < end && b[sign] != '+' && b[sign] != '-') {
                sign++;
            }
            offsetSeconds = offsetSeconds(b, sign, end);
            if (offsetSeconds == NOT_CANONICAL) {
                return NOT_CANONICAL;
            }
            timeEnd = sign;
        }
        long time = timeOfDay(b, dash + 6, timeEnd);
        if (time == NOT_CANONICAL) {
            return NOT_CANONICAL;
        }
        try {
            return Math.subtractExact(Math.addExact(Math.multiplyExact(day, MICROS_PER_DAY), time),
                    Math.multiplyExact(offsetSeconds, 1_000_000L));
        } catch (ArithmeticException beyondInt64) {
            return NOT_CANONICAL;
        }
    }

    /** The index of the '-' after a year of four or more digits, or -1. */
    private static int yearEnd(byte[] b, int end) {
        int i = 0;
        while (i < end && digit(b[i]) >= 0) {
            i++;
        }
        return i >= 4 && i <= 9 && i < end && b[i] == '-' ? i : -1;
    }

    /** The day of {@code Y-MM-DD} whose year ends at {@code dash}; BC years count back from 1 BC = year 0. */
    private static long generalDay(byte[] b, int dash, boolean bc) {
        if (b[dash + 3] != '-') {
            return NOT_CANONICAL;
        }
        int year = 0;
        for (int i = 0; i < dash; i++) {
            year = year * 10 + digit(b[i]);
        }
        int m = two(b, dash + 1);
        int d = two(b, dash + 4);
        if (m < 0 || d < 0 || (bc && year == 0)) {
            return NOT_CANONICAL;
        }
        return epochDay(bc ? 1 - year : year, m, d);
    }

    /** {@code HH:MM:SS[.f{1,6}]} from {@code from} (a space) to {@code to}, in microseconds. */
    private static long timeOfDay(byte[] b, int from, int to) {
        int n = to - from;
        if (b[from] != ' ' || (n != 9 && (n < 11 || n > 16)) || b[from + 3] != ':' || b[from + 6] != ':') {
            return NOT_CANONICAL;
        }
        int h = two(b, from + 1);
        int mi = two(b, from + 4);
        int s = two(b, from + 7);
        if (h < 0 || mi < 0 || s < 0 || h > 23 || mi > 59 || s > 59) {
            return NOT_CANONICAL;
        }
        long fraction = 0;
        if (n > 9) {
            if (b[from + 9] != '.') {
                return NOT_CANONICAL;
            }
            for (int i = from + 10; i < from + 16; i++) {
                int d = i < to ? digit(b[i]) : 0;
                if (d < 0) {
                    return NOT_CANONICAL;
                }
                fraction = fraction * 10 + d;
            }
        }
        return (h * 3600L + mi * 60L + s) * 1_000_000L + fraction;
    }

    /** {@code ±HH[:MM[:SS]]} from {@code from} to {@code to}, in seconds east of UTC. */
    private static long offsetSeconds(byte[] b, int from, int to) {
        int n = to - from;
        if (n != 3 && n != 6 && n != 9) {
            return NOT_CANONICAL;
        }
        long seconds = 0;
        for (int i = from + 1; i < to; i += 3) {
            int part = two(b, i);
            if (part < 0 || (i + 2 < to && b[i + 2] != ':')) {
                return NOT_CANONICAL;
            }
            seconds = seconds * 60 + part;
        }
        seconds *= n == 3 ? 3600 : n == 6 ? 60 : 1;
        return b[from] == '-' ? -seconds : b[from] == '+' ? seconds : NOT_CANONICAL;
    }

    /** Four-digit {@code YYYY-MM-DD} at {@code off}. */
    private static long day(byte[] b, int off, int yearDigits) {
        if (b[off + yearDigits] != '-' || b[off + yearDigits + 3] != '-') {
            return NOT_CANONICAL;
        }
        int y1 = two(b, off);
        int y2 = two(b, off + 2);
        int m = two(b, off + 5);
        int d = two(b, off + 8);
        if (y1 < 0 || y2 < 0 || m < 0 || d < 0) {
            return NOT_CANONICAL;
        }
        return epochDay(y1 * 100 + y2, m, d);
    }

    private static long epochDay(int year, int month, int day) {
        try {
            return LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return NOT_CANONICAL;
        }
    }

    private static boolean endsWithBc(byte[] b) {
        int n = b.length;
        return n > 3 && b[n - 3] == BC[0] && b[n - 2] == BC[1] && b[n - 1] == BC[2];
    }

    /** The two-digit number at {@code i}, or -1. */
    private static int two(byte[] b, int i) {
        int hi = digit(b[i]);
        int lo = digit(b[i + 1]);
        return hi < 0 || lo < 0 ? -1 : hi * 10 + lo;
    }

    private static int digit(byte c) {
        int d = c - '0';
        return d >= 0 && d <= 9 ? d : -1;
    }
}

package io.flowforge.connector.postgresql;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Parses the canonical text PostgreSQL sends for {@code date} and {@code timestamp} under
 * {@code DateStyle=ISO} (which pgjdbc sets and insists on): {@code YYYY-MM-DD} and
 * {@code YYYY-MM-DD HH:MM:SS[.ffffff]}, four-digit years only. Anything else (BC dates, years
 * past 9999, {@code infinity}, the 4- or 8-byte binary form pgjdbc gets once a statement is
 * server-prepared with binary transfer) answers {@link #NOT_CANONICAL}, and the caller asks pgjdbc
 * instead, so those keep pgjdbc's values and the existing error messages.
 */
final class PgIsoText {
    static final long NOT_CANONICAL = Long.MIN_VALUE;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private PgIsoText() {}

    /** Days since 1970-01-01 of {@code YYYY-MM-DD}, or {@link #NOT_CANONICAL}. */
    static long epochDay(byte[] b) {
        if (b.length != 10) {
            return NOT_CANONICAL;
        }
        return day(b);
    }

    /** Microseconds since 1970-01-01T00:00 of {@code YYYY-MM-DD HH:MM:SS[.f{1,6}]}, or {@link #NOT_CANONICAL}. */
    static long epochMicros(byte[] b) {
        int n = b.length;
        if (n != 19 && (n < 21 || n > 26)) {
            return NOT_CANONICAL;
        }
        long day = day(b);
        if (day == NOT_CANONICAL || b[10] != ' ' || b[13] != ':' || b[16] != ':') {
            return NOT_CANONICAL;
        }
        int h = two(b, 11);
        int mi = two(b, 14);
        int s = two(b, 17);
        if (h < 0 || mi < 0 || s < 0 || h > 23 || mi > 59 || s > 59) {
            return NOT_CANONICAL;
        }
        long fraction = 0;
        if (n > 19) {
            if (b[19] != '.') {
                return NOT_CANONICAL;
            }
            for (int i = 20; i < 26; i++) {
                int d = i < n ? digit(b[i]) : 0;
                if (d < 0) {
                    return NOT_CANONICAL;
                }
                fraction = fraction * 10 + d;
            }
        }
        return day * MICROS_PER_DAY + (h * 3600L + mi * 60L + s) * 1_000_000L + fraction;
    }

    private static long day(byte[] b) {
        if (b[4] != '-' || b[7] != '-') {
            return NOT_CANONICAL;
        }
        int y1 = two(b, 0);
        int y2 = two(b, 2);
        int m = two(b, 5);
        int d = two(b, 8);
        if (y1 < 0 || y2 < 0 || m < 0 || d < 0) {
            return NOT_CANONICAL;
        }
        try {
            return LocalDate.of(y1 * 100 + y2, m, d).toEpochDay();
        } catch (DateTimeException e) {
            return NOT_CANONICAL;
        }
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

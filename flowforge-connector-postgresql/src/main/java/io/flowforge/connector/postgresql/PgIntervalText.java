package io.flowforge.connector.postgresql;

import io.flowforge.connector.jdbc.IntervalText;
import java.nio.charset.StandardCharsets;

/**
 * Parses PostgreSQL's default interval output ({@code IntervalStyle=postgres}):
 * {@code [N year[s]] [N mon[s]] [N day[s]] [[-]H:MM:SS[.ffffff]]}, each part with its own sign,
 * into months, days and microseconds, the parts binary {@code COPY} sends. pgjdbc's
 * {@code PGInterval} keeps hours in an int and fails on {@code 2147483648:00:00} ("Conversion of
 * interval failed"), while PostgreSQL's time part runs to 2562047788 hours; parsed here, the JDBC
 * path gives what COPY gives. Any other style answers {@code null}, and the caller asks pgjdbc.
 */
final class PgIntervalText {

    private PgIntervalText() {}

    /** The interval as {@link PostgreSqlReaders#isoInterval(int, int, long)} writes it, or {@code null}. */
    static String iso(byte[] text) {
        String[] tokens = new String(text, StandardCharsets.US_ASCII).split(" ", -1);
        long months = 0;
        long days = 0;
        long micros = 0;
        boolean time = false;
        try {
            for (int i = 0; i < tokens.length; i++) {
                String t = tokens[i];
                if (t.indexOf(':') >= 0) {
                    if (time || i != tokens.length - 1) {
                        return null;
                    }
                    micros = micros(t);
                    time = true;
                    continue;
                }
                if (i + 1 >= tokens.length || !isInteger(t)) {
                    return null;
                }
                long n = Long.parseLong(t);
                switch (tokens[++i]) {
                    case "year", "years" -> months = Math.addExact(months, Math.multiplyExact(n, 12));
                    case "mon", "mons" -> months = Math.addExact(months, n);
                    case "day", "days" -> days = Math.addExact(days, n);
                    default -> {
                        return null;
                    }
                }
            }
        } catch (ArithmeticException | NumberFormatException notPostgresStyle) {
            return null;
        }
        if (micros == Long.MIN_VALUE || months != (int) months || days != (int) days) {
            return null;
        }
        return IntervalText.iso((int) months, (int) days, micros);
    }

    /** {@code [-+]H+:MM:SS[.f{1,6}]} in microseconds, or Long.MIN_VALUE. */
    private static long micros(String t) {
        boolean negative = t.startsWith("-");
        String body = negative || t.startsWith("+") ? t.substring(1) : t;
        String[] hms = body.split(":", -1);
        if (hms.length != 3 || hms[1].length() != 2 || hms[2].length() < 2 || !isDigits(hms[0]) || !isDigits(hms[1])) {
            return Long.MIN_VALUE;
        }
        String seconds = hms[2];
        long fraction = 0;
        int dot = seconds.indexOf('.');
        if (dot >= 0) {
            String f = seconds.substring(dot + 1);
            if (f.isEmpty() || f.length() > 6 || !isDigits(f)) {
                return Long.MIN_VALUE;
            }
            fraction = Long.parseLong((f + "00000").substring(0, 6));
            seconds = seconds.substring(0, dot);
        }
        if (seconds.length() != 2 || !isDigits(seconds)) {
            return Long.MIN_VALUE;
        }
        long total = Math.addExact(Math.multiplyExact(Math.addExact(Math.multiplyExact(Long.parseLong(hms[0]), 3600L),
                Long.parseLong(hms[1]) * 60 + Long.parseLong(seconds)), 1_000_000L), fraction);
        return negative ? -total : total;
    }

    private static boolean isInteger(String s) {
        return !s.isEmpty() && isDigits(s.charAt(0) == '-' || s.charAt(0) == '+' ? s.substring(1) : s);
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}

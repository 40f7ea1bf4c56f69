package io.flowforge.connector.jdbc;

import io.flowforge.connector.PublicEvolving;

/**
 * SQL intervals as ISO-8601 durations, the text an interval column becomes (Arrow's month-day-nano
 * interval has no Parquet type): the year-month part and the day-time part kept apart, as SQL keeps
 * them ({@code INTERVAL '1' MONTH} is not 30 days), each part with its own sign (PostgreSQL allows
 * {@code 1 mon -2 days}), the seconds exact to the microsecond. Months, days and microseconds are
 * the parts PostgreSQL, DuckDB and Arrow store; Oracle's and Db2's year-month and day-time
 * intervals are the same parts with one side zero.
 */
@PublicEvolving
public final class IntervalText {

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private IntervalText() {}

    /** {@code P1Y2M3DT4H5M6.789S} from months (split into years and months as 14 = 1Y2M), days and microseconds. */
    public static String iso(int totalMonths, int days, long micros) {
        return iso(totalMonths / 12, totalMonths % 12, days, micros);
    }

    /** {@code P1Y2M3DT4H5M6.789S} from years, months, days and microseconds; {@code PT0S} when all are zero. */
    public static String iso(int years, int months, int days, long micros) {
        StringBuilder s = new StringBuilder("P");
        if (years != 0) s.append(years).append('Y');
        if (months != 0) s.append(months).append('M');
        if (days != 0) s.append(days).append('D');
        if (micros != 0) {
            s.append('T');
            long abs = Math.abs(micros);
            String sign = micros < 0 ? "-" : "";
            long h = abs / 3_600_000_000L;
            long m = abs / 60_000_000L % 60;
            long us = abs % 60_000_000L;
            if (h != 0) s.append(sign).append(h).append('H');
            if (m != 0) s.append(sign).append(m).append('M');
            if (us != 0) {
                s.append(sign).append(us / MICROS_PER_SECOND);
                long frac = us % MICROS_PER_SECOND;
                if (frac != 0) {
                    s.append('.').append(String.format("%06d", frac).replaceAll("0+$", ""));
                }
                s.append('S');
            }
        }
        return s.length() == 1 ? "PT0S" : s.toString();
    }
}

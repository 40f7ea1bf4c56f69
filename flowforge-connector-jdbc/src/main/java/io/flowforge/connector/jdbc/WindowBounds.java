package io.flowforge.connector.jdbc;

import io.flowforge.connector.Watermark;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Arrays;

/** Comparisons and lag arithmetic on watermarks, for fixing an incremental window's bounds. */
final class WindowBounds {

    private WindowBounds() {}

    /**
     * Whether the window between the bounds can hold a row. Strings are compared only for equality:
     * their order is the database's collation, and the caller's upper bound came from a query that
     * already kept it at or above the lower bound.
     */
    static boolean holdsRows(Watermark lower, boolean lowerInclusive, Watermark upper, boolean upperInclusive) {
        int c = compare(upper, lower);
        return c > 0 || (c == 0 && lowerInclusive && upperInclusive);
    }

    static int compare(Watermark a, Watermark b) {
        if (a.type() != b.type()) {
            throw new IllegalArgumentException("cannot compare " + a + " with " + b);
        }
        Object x = a.toJavaValue();
        Object y = b.toJavaValue();
        return switch (a.type()) {
            case INTEGER -> toBigInteger(x).compareTo(toBigInteger(y));
            case DECIMAL -> ((BigDecimal) x).compareTo((BigDecimal) y);
            case DATE -> ((LocalDate) x).compareTo((LocalDate) y);
            case TIMESTAMP -> ((LocalDateTime) x).compareTo((LocalDateTime) y);
            case TIMESTAMP_TZ -> ((OffsetDateTime) x).toInstant().compareTo(((OffsetDateTime) y).toInstant());
            case ROWVERSION -> Arrays.compareUnsigned((byte[]) x, (byte[]) y);
            case STRING -> x.equals(y) ? 0 : 1;
        };
    }

    private static BigInteger toBigInteger(Object o) {
        return o instanceof BigInteger b ? b : BigInteger.valueOf((Long) o);
    }

    /** A timestamp cut to {@code digits} fractional second digits (0..9); other watermarks unchanged. */
    static Watermark truncate(Watermark w, int digits) {
        if (digits < 0 || digits >= 9) {
            return w;
        }
        long unit = (long) Math.pow(10, 9 - digits);
        return switch (w.type()) {
            case TIMESTAMP -> {
                LocalDateTime t = (LocalDateTime) w.toJavaValue();
                yield Watermark.ofTimestamp(t.withNano((int) (t.getNano() / unit * unit)));
            }
            case TIMESTAMP_TZ -> {
                OffsetDateTime t = (OffsetDateTime) w.toJavaValue();
                yield Watermark.ofTimestampTz(t.withNano((int) (t.getNano() / unit * unit)));
            }
            default -> w;
        };
    }

    /**
     * The database clock minus the lag. A date moves back by the lag rounded up to whole days, so a
     * lag never lets a late row through.
     */
    static Watermark minusLag(Watermark now, Duration lag) {
        if (lag.isZero()) {
            return now;
        }
        return switch (now.type()) {
            case TIMESTAMP -> Watermark.ofTimestamp(((LocalDateTime) now.toJavaValue()).minus(lag));
            case TIMESTAMP_TZ -> Watermark.ofTimestampTz(((OffsetDateTime) now.toJavaValue()).minus(lag));
            case DATE -> {
                long days = lag.toDays() + (lag.minusDays(lag.toDays()).isZero() ? 0 : 1);
                yield Watermark.ofDate(((LocalDate) now.toJavaValue()).minusDays(days));
            }
            default -> throw new IllegalArgumentException("a lag applies to date and time watermarks, not " + now.type());
        };
    }
}

package io.flowforge.connector.arrow;

import io.flowforge.connector.PublicEvolving;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The one canonical text of an Arrow value, so a column never shows two forms and two databases'
 * values compare as text: timestamps and times in ISO-8601 with the same number of fractional
 * digits on every row (the column's declared precision when the caller knows it, else its Arrow
 * unit's: 0, 3, 6 or 9; a value with more digits than declared shows them all), an instant with
 * its zone's offset ({@code Z} for UTC), decimals at their scale without exponent, dates as
 * {@code yyyy-MM-dd}, UUIDs canonical, binaries as {@code 0x} and lower-case hex, strings as they
 * are. The command line's value text and the contract kit's comparisons both use it.
 */
@PublicEvolving
public final class ArrowValueText {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

    private ArrowValueText() {}

    /** The text of row {@code row} of {@code v}, or {@code null} for NULL; temporal values at their unit's digits. */
    public static String text(FieldVector v, int row) {
        return text(v, row, -1);
    }

    /**
     * As {@link #text(FieldVector, int)}, temporal values at {@code declaredDigits} fractional
     * digits (timestamp(3), datetime2(7)); a negative value, or one above the unit's, means the unit's.
     */
    public static String text(FieldVector v, int row, int declaredDigits) {
        if (v.isNull(row)) {
            return null;
        }
        if (v instanceof TimeStampVector ts) {
            return timestamp(ts, row, declaredDigits);
        }
        if (v instanceof DateDayVector d) {
            return DATE.format(LocalDate.ofEpochDay(d.get(row)));
        }
        if (v instanceof DateMilliVector d) {
            return DATE.format(LocalDate.ofEpochDay(Math.floorDiv(d.get(row), 86_400_000L)));
        }
        if (v instanceof TimeSecVector || v instanceof TimeMilliVector || v instanceof TimeMicroVector
                || v instanceof TimeNanoVector) {
            return time((BaseFixedWidthVector) v, row, declaredDigits);
        }
        if (v instanceof FixedSizeBinaryVector f) {
            byte[] b = f.get(row);
            if (b.length == 16 && ArrowUuid.isUuid(v.getField())) {
                ByteBuffer bb = ByteBuffer.wrap(b);
                return new UUID(bb.getLong(), bb.getLong()).toString();
            }
            return hex(b);
        }
        if (v instanceof VarBinaryVector b) {
            return hex(b.get(row));
        }
        if (v instanceof LargeVarBinaryVector b) {
            return hex(b.get(row));
        }
        Object o = v.getObject(row);
        if (o instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return String.valueOf(o);
    }

    private static String hex(byte[] b) {
        return "0x" + HexFormat.of().formatHex(b);
    }

    private static String timestamp(TimeStampVector v, int row, int declared) {
        ArrowType.Timestamp type = (ArrowType.Timestamp) v.getField().getType();
        long raw = v.get(row);
        long perSecond = perSecond(type.getUnit());
        long seconds = Math.floorDiv(raw, perSecond);
        int nanos = (int) (Math.floorMod(raw, perSecond) * (1_000_000_000L / perSecond));
        int digits = digits(declared, type.getUnit(), nanos);
        Instant instant = Instant.ofEpochSecond(seconds, nanos);
        String tz = type.getTimezone();
        if (tz == null) {
            LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
            return DATE.format(t.toLocalDate()) + "T" + clock(t.getHour(), t.getMinute(), t.getSecond(), nanos, digits);
        }
        ZonedDateTime z = instant.atZone(ZoneId.of(tz));
        String offset = z.getOffset().equals(ZoneOffset.UTC) ? "Z" : z.getOffset().getId();
        return DATE.format(z.toLocalDate()) + "T" + clock(z.getHour(), z.getMinute(), z.getSecond(), nanos, digits) + offset;
    }

    private static String time(BaseFixedWidthVector v, int row, int declared) {
        TimeUnit unit = ((ArrowType.Time) v.getField().getType()).getUnit();
        long raw = v instanceof TimeSecVector s ? s.get(row) : v instanceof TimeMilliVector m ? m.get(row)
                : v instanceof TimeMicroVector u ? u.get(row) : ((TimeNanoVector) v).get(row);
        long perSecond = perSecond(unit);
        long seconds = Math.floorDiv(raw, perSecond);
        int nanos = (int) (Math.floorMod(raw, perSecond) * (1_000_000_000L / perSecond));
        // Arrow allows a time of 24:00:00 (PostgreSQL's '24:00'): printed as such, never wrapped to 00:00.
        return clock((int) (seconds / 3600), (int) (seconds / 60 % 60), (int) (seconds % 60), nanos,
                digits(declared, unit, nanos));
    }

    /** The declared digits, up to the unit's; a value with more digits than declared shows them all. */
    private static int digits(int declared, TimeUnit unit, int nanos) {
        int unitDigits = switch (unit) {
            case SECOND -> 0;
            case MILLISECOND -> 3;
            case MICROSECOND -> 6;
            case NANOSECOND -> 9;
        };
        int d = declared < 0 || declared > unitDigits ? unitDigits : declared;
        return nanos % (int) Math.pow(10, 9 - d) == 0 ? d : unitDigits;
    }

    private static String clock(int h, int m, int s, int nanos, int digits) {
        String t = String.format(Locale.ROOT, "%02d:%02d:%02d", h, m, s);
        if (digits == 0) {
            return t;
        }
        return t + "." + String.format(Locale.ROOT, "%09d", nanos).substring(0, digits);
    }

    private static long perSecond(TimeUnit unit) {
        return switch (unit) {
            case SECOND -> 1;
            case MILLISECOND -> 1_000;
            case MICROSECOND -> 1_000_000;
            case NANOSECOND -> 1_000_000_000;
        };
    }
}

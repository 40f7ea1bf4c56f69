package io.flowforge.examples;

import io.flowforge.connector.arrow.ArrowUuid;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.FloatingPointVector;
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
 * Every value in one canonical text per type, so a column never shows two forms: timestamps and
 * times in ISO-8601 with the same number of fractional digits on every row (the column's declared
 * precision, else its Arrow unit's: 0, 3, 6 or 9), decimals at their scale without exponent,
 * dates as {@code yyyy-MM-dd}, UUIDs canonical, binaries as {@code 0x} and lower-case hex. NULL
 * is {@code NULL}; a string that could be read as something else (the text {@code NULL}, an empty
 * or blank-edged string, one with a tab, newline or quote at its start) is written as a JSON
 * string literal, quotes included.
 */
final class ValueText {

    static final String NULL = "NULL";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

    /** Fractional-second digits by column name, where the database declares them (timestamp(3), datetime2(7)). */
    private final Map<String, Integer> declaredDigits;

    ValueText(Map<String, Integer> declaredDigits) {
        this.declaredDigits = Map.copyOf(declaredDigits);
    }

    /** The canonical text of row {@code row} of {@code v}. */
    String text(FieldVector v, int row) {
        if (v.isNull(row)) {
            return NULL;
        }
        if (v instanceof TimeStampVector ts) {
            return timestamp(ts, row);
        }
        if (v instanceof DateDayVector d) {
            return DATE.format(LocalDate.ofEpochDay(d.get(row)));
        }
        if (v instanceof DateMilliVector d) {
            return DATE.format(LocalDate.ofEpochDay(Math.floorDiv(d.get(row), 86_400_000L)));
        }
        if (v instanceof TimeSecVector || v instanceof TimeMilliVector || v instanceof TimeMicroVector
                || v instanceof TimeNanoVector) {
            return time((BaseFixedWidthVector) v, row);
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
        if (v.getField().getType() instanceof ArrowType.Utf8 || v.getField().getType() instanceof ArrowType.LargeUtf8) {
            return string(o.toString());
        }
        return String.valueOf(o);
    }

    /** A JSON value: null, true/false, a number for integers and finite floats, else the canonical text (strings as they are). */
    Object json(FieldVector v, int row) {
        if (v.isNull(row)) {
            return null;
        }
        if (v instanceof BitVector b) {
            return b.get(row) != 0;
        }
        if (v.getField().getType() instanceof ArrowType.Int) {
            return v.getObject(row);
        }
        if (v instanceof FloatingPointVector f) {
            double d = f.getValueAsDouble(row);
            return Double.isFinite(d) ? v.getObject(row) : String.valueOf(d);
        }
        if (v.getField().getType() instanceof ArrowType.Utf8 || v.getField().getType() instanceof ArrowType.LargeUtf8) {
            return v.getObject(row).toString();
        }
        return text(v, row);
    }

    static String string(String s) {
        boolean plain = !s.isEmpty() && !s.equals(NULL) && s.charAt(0) != '"' && !Character.isWhitespace(s.charAt(0))
                && !Character.isWhitespace(s.charAt(s.length() - 1)) && s.chars().noneMatch(Character::isISOControl);
        if (plain) {
            return s;
        }
        try {
            return FlowForgeCli.JSON_ONE_LINE.writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b) {
        return "0x" + HexFormat.of().formatHex(b);
    }

    private String timestamp(TimeStampVector v, int row) {
        ArrowType.Timestamp type = (ArrowType.Timestamp) v.getField().getType();
        long raw = v.get(row);
        long perSecond = perSecond(type.getUnit());
        long seconds = Math.floorDiv(raw, perSecond);
        int nanos = (int) (Math.floorMod(raw, perSecond) * (1_000_000_000L / perSecond));
        int digits = digits(v.getName(), type.getUnit(), nanos);
        Instant instant = Instant.ofEpochSecond(seconds, nanos);
        String tz = type.getTimezone();
        if (tz == null) {
            LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
            return DATE.format(t.toLocalDate()) + "T" + clock(t.getHour(), t.getMinute(), t.getSecond(), nanos, digits);
        }
        ZoneId zone = ZoneId.of(tz);
        var z = instant.atZone(zone);
        String offset = z.getOffset().equals(ZoneOffset.UTC) ? "Z" : z.getOffset().getId();
        return DATE.format(z.toLocalDate()) + "T" + clock(z.getHour(), z.getMinute(), z.getSecond(), nanos, digits) + offset;
    }

    private String time(BaseFixedWidthVector v, int row) {
        TimeUnit unit = ((ArrowType.Time) v.getField().getType()).getUnit();
        long raw = v instanceof TimeSecVector s ? s.get(row) : v instanceof TimeMilliVector m ? m.get(row)
                : v instanceof TimeMicroVector u ? u.get(row) : ((TimeNanoVector) v).get(row);
        long perSecond = perSecond(unit);
        long seconds = Math.floorDiv(raw, perSecond);
        int nanos = (int) (Math.floorMod(raw, perSecond) * (1_000_000_000L / perSecond));
        // Arrow allows a time of 24:00:00 (PostgreSQL's '24:00'): printed as such, never wrapped to 00:00.
        return clock((int) (seconds / 3600), (int) (seconds / 60 % 60), (int) (seconds % 60), nanos,
                digits(v.getName(), unit, nanos));
    }

    /** The column's declared digits, up to its unit's; a value with more digits than declared shows them all. */
    private int digits(String column, TimeUnit unit, int nanos) {
        int unitDigits = switch (unit) {
            case SECOND -> 0;
            case MILLISECOND -> 3;
            case MICROSECOND -> 6;
            case NANOSECOND -> 9;
        };
        Integer declared = declaredDigits.get(column);
        int d = declared == null || declared < 0 || declared > unitDigits ? unitDigits : declared;
        return nanos % (int) Math.pow(10, 9 - d) == 0 ? d : unitDigits;
    }

    private static String clock(int h, int m, int s, int nanos, int digits) {
        String t = String.format(java.util.Locale.ROOT, "%02d:%02d:%02d", h, m, s);
        if (digits == 0) {
            return t;
        }
        return t + "." + String.format(java.util.Locale.ROOT, "%09d", nanos).substring(0, digits);
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

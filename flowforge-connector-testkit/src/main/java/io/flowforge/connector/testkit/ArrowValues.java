package io.flowforge.connector.testkit;

import io.flowforge.connector.arrow.ArrowUuid;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Renders one Arrow value as a canonical text, so the contract suite compares values across
 * databases in one form: ISO dates, timestamps with every digit of their unit (a trailing
 * {@code Z} when they are instants), plain decimals, {@code 0x} hex for binary, UUID text.
 */
public final class ArrowValues {

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter NANOS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS");

    private ArrowValues() {}

    /** The value at {@code index}, or {@code null} for NULL. */
    public static String render(FieldVector v, int index) {
        if (v.isNull(index)) {
            return null;
        }
        if (v instanceof DateDayVector d) {
            return LocalDate.ofEpochDay(d.get(index)).toString();
        }
        if (v instanceof TimeStampVector t) {
            ArrowType.Timestamp type = (ArrowType.Timestamp) v.getField().getType();
            LocalDateTime wall = wallClock(t.get(index), type.getUnit());
            String text = wall.format(type.getUnit() == TimeUnit.NANOSECOND ? NANOS
                    : type.getUnit() == TimeUnit.MILLISECOND ? MILLIS : MICROS);
            return type.getTimezone() == null ? text : text + "Z";
        }
        if (v instanceof TimeMicroVector t) {
            return LocalTime.ofNanoOfDay(t.get(index) * 1_000L).toString();
        }
        if (v instanceof TimeNanoVector t) {
            return LocalTime.ofNanoOfDay(t.get(index)).toString();
        }
        if (v instanceof DecimalVector d) {
            return d.getObject(index).toPlainString();
        }
        if (v instanceof VarCharVector s) {
            return new String(s.get(index), StandardCharsets.UTF_8);
        }
        if (v instanceof FixedSizeBinaryVector f) {
            byte[] b = f.get(index);
            if (ArrowUuid.isUuid(v.getField())) {
                ByteBuffer buf = ByteBuffer.wrap(b);
                return new UUID(buf.getLong(), buf.getLong()).toString();
            }
            return "0x" + HexFormat.of().formatHex(b);
        }
        if (v instanceof VarBinaryVector b) {
            return "0x" + HexFormat.of().formatHex(b.get(index));
        }
        if (v instanceof BaseFixedWidthVector) {
            return String.valueOf(v.getObject(index));
        }
        return String.valueOf(v.getObject(index));
    }

    private static LocalDateTime wallClock(long value, TimeUnit unit) {
        Instant i = switch (unit) {
            case SECOND -> Instant.ofEpochSecond(value);
            case MILLISECOND -> Instant.ofEpochMilli(value);
            case MICROSECOND -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
            case NANOSECOND -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
        };
        return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}

package io.flowforge.server;

import io.flowforge.connector.arrow.ArrowUuid;
import java.util.Locale;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/** An Arrow field's type as the READMEs write it: {@code int32}, {@code decimal128(15,2)}, {@code timestamp[us, tz=UTC]}. */
final class ArrowTypeText {

    private ArrowTypeText() {}

    static String of(Field f) {
        if (ArrowUuid.isUuid(f)) {
            return "uuid";
        }
        ArrowType t = f.getType();
        if (t instanceof ArrowType.Int i) {
            return "int" + i.getBitWidth();
        }
        if (t instanceof ArrowType.Bool) {
            return "bool";
        }
        if (t instanceof ArrowType.FloatingPoint fp) {
            return switch (fp.getPrecision()) {
                case HALF -> "float16";
                case SINGLE -> "float32";
                case DOUBLE -> "float64";
            };
        }
        if (t instanceof ArrowType.Decimal d) {
            return "decimal" + d.getBitWidth() + "(" + d.getPrecision() + "," + d.getScale() + ")";
        }
        if (t instanceof ArrowType.Date) {
            return "date32";
        }
        if (t instanceof ArrowType.Time tm) {
            return "time" + tm.getBitWidth() + "[" + unit(tm.getUnit()) + "]";
        }
        if (t instanceof ArrowType.Timestamp ts) {
            return "timestamp[" + unit(ts.getUnit()) + (ts.getTimezone() == null ? "" : ", tz=" + ts.getTimezone()) + "]";
        }
        if (t instanceof ArrowType.Utf8) {
            return "utf8";
        }
        if (t instanceof ArrowType.Binary) {
            return "binary";
        }
        if (t instanceof ArrowType.FixedSizeBinary b) {
            return "fixed_size_binary(" + b.getByteWidth() + ")";
        }
        return t.toString().toLowerCase(Locale.ROOT);
    }

    private static String unit(TimeUnit u) {
        return switch (u) {
            case SECOND -> "s";
            case MILLISECOND -> "ms";
            case MICROSECOND -> "us";
            case NANOSECOND -> "ns";
        };
    }
}

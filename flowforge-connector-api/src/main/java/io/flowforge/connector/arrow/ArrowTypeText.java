package io.flowforge.connector.arrow;

import io.flowforge.connector.PublicEvolving;
import java.util.Locale;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The one owner of how an Arrow field's type is written for people, in two spellings of the same
 * names: {@link #of} as the READMEs' type tables and the HTTP catalog write it ({@code utf8},
 * {@code decimal128(15,2)}, {@code fixed_size_binary(8)}, {@code date32}), and {@link #pyarrow} as
 * pyarrow and DuckDB users read it, for the command line's schema table ({@code string},
 * {@code decimal128(15, 2)}, {@code fixed_size_binary[8]}, {@code date32[day]}). Both write
 * {@code uuid} for an {@link ArrowUuid} field, {@code int16}/{@code uint8} and
 * {@code timestamp[us, tz=UTC]} alike.
 */
@PublicEvolving
public final class ArrowTypeText {

    private ArrowTypeText() {}

    /** The README tables' spelling: {@code int32}, {@code utf8}, {@code decimal128(15,2)}, {@code time64[us]}. */
    public static String of(Field field) {
        return text(field, false);
    }

    /** pyarrow's spelling: {@code int32}, {@code string}, {@code decimal128(15, 2)}, {@code date32[day]}. */
    public static String pyarrow(Field field) {
        return text(field, true);
    }

    private static String text(Field field, boolean pyarrow) {
        if (ArrowUuid.isUuid(field)) {
            return "uuid";
        }
        ArrowType t = field.getType();
        if (t instanceof ArrowType.Int i) {
            return (i.getIsSigned() ? "int" : "uint") + i.getBitWidth();
        }
        if (t instanceof ArrowType.FloatingPoint f) {
            return switch (f.getPrecision()) {
                case HALF -> "float16";
                case SINGLE -> "float32";
                case DOUBLE -> "float64";
            };
        }
        if (t instanceof ArrowType.Decimal d) {
            return "decimal" + d.getBitWidth() + "(" + d.getPrecision() + (pyarrow ? ", " : ",") + d.getScale() + ")";
        }
        if (t instanceof ArrowType.Timestamp ts) {
            return "timestamp[" + unit(ts.getUnit()) + (ts.getTimezone() == null ? "" : ", tz=" + ts.getTimezone()) + "]";
        }
        if (t instanceof ArrowType.Time tm) {
            return "time" + tm.getBitWidth() + "[" + unit(tm.getUnit()) + "]";
        }
        if (t instanceof ArrowType.Date d) {
            boolean day = d.getUnit() == DateUnit.DAY;
            return (day ? "date32" : "date64") + (pyarrow ? (day ? "[day]" : "[ms]") : "");
        }
        if (t instanceof ArrowType.FixedSizeBinary b) {
            return "fixed_size_binary" + (pyarrow ? "[" + b.getByteWidth() + "]" : "(" + b.getByteWidth() + ")");
        }
        if (t instanceof ArrowType.Duration d) {
            return "duration[" + unit(d.getUnit()) + "]";
        }
        return switch (t.getTypeID()) {
            case Bool -> "bool";
            case Utf8 -> pyarrow ? "string" : "utf8";
            case LargeUtf8 -> pyarrow ? "large_string" : "large_utf8";
            case Binary -> "binary";
            case LargeBinary -> "large_binary";
            case Null -> "null";
            default -> t.toString().toLowerCase(Locale.ROOT);
        };
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

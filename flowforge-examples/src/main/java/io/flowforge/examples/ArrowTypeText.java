package io.flowforge.examples;

import io.flowforge.connector.arrow.ArrowUuid;
import java.util.Locale;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Arrow types as people who read Parquet with pyarrow or DuckDB know them ({@code int32},
 * {@code decimal128(15, 2)}, {@code timestamp[us, tz=UTC]}, {@code string}), for the schema table;
 * the JSON keeps Arrow Java's own text.
 */
final class ArrowTypeText {

    private ArrowTypeText() {}

    static String of(Field field) {
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
            return "decimal" + d.getBitWidth() + "(" + d.getPrecision() + ", " + d.getScale() + ")";
        }
        if (t instanceof ArrowType.Timestamp ts) {
            return "timestamp[" + unit(ts.getUnit()) + (ts.getTimezone() == null ? "" : ", tz=" + ts.getTimezone()) + "]";
        }
        if (t instanceof ArrowType.Time tm) {
            return "time" + tm.getBitWidth() + "[" + unit(tm.getUnit()) + "]";
        }
        if (t instanceof ArrowType.Date d) {
            return d.getUnit() == org.apache.arrow.vector.types.DateUnit.DAY ? "date32[day]" : "date64[ms]";
        }
        if (t instanceof ArrowType.FixedSizeBinary b) {
            return "fixed_size_binary[" + b.getByteWidth() + "]";
        }
        if (t instanceof ArrowType.Duration d) {
            return "duration[" + unit(d.getUnit()) + "]";
        }
        return switch (t.getTypeID()) {
            case Bool -> "bool";
            case Utf8 -> "string";
            case LargeUtf8 -> "large_string";
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

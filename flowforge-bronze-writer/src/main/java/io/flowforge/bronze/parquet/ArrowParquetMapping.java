package io.flowforge.bronze.parquet;

import io.flowforge.connector.arrow.ArrowUuid;
import static org.apache.parquet.schema.LogicalTypeAnnotation.dateType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.decimalType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.intType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.timeType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.timestampType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.uuidType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BOOLEAN;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.FLOAT;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import java.math.BigInteger;
import java.util.function.Supplier;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The Arrow → Parquet type mapping, in one place: for each Arrow field, the Parquet column type
 * (physical type, logical type, required/optional from nullability) and the writer that copies
 * its values. The README's type table mirrors this class; {@code ReadmeTypeTableTest} checks each row.
 *
 * @param type the Parquet column
 * @param writer a new value writer for this column at its position in the record
 */
record ArrowParquetMapping(Type type, Supplier<ColumnWriter> writer) {
    /** Maps one field at position {@code index}; throws {@link UnsupportedArrowTypeException} for types bronze cannot write. */
    static ArrowParquetMapping of(Field field, int index) {
        String name = field.getName();
        if (name == null || name.isEmpty()) {
            throw new UnsupportedArrowTypeException("column " + (index + 1) + " has no name; alias it in the source query");
        }
        boolean required = !field.isNullable();
        Type.Repetition repetition = required ? Type.Repetition.REQUIRED : Type.Repetition.OPTIONAL;
        ArrowType arrowType = field.getType();
        switch (arrowType.getTypeID()) {
            case Bool:
                return new ArrowParquetMapping(primitive(BOOLEAN, repetition, null, name),
                        () -> new ColumnWriter.Bool(name, index, required));
            case Int: {
                ArrowType.Int t = (ArrowType.Int) arrowType;
                int width = t.getBitWidth() / 8;
                if (width == 8) {
                    return new ArrowParquetMapping(primitive(INT64, repetition, t.getIsSigned() ? null : intType(64, false), name),
                            () -> new ColumnWriter.Int64(name, index, required, 1));
                }
                LogicalTypeAnnotation annotation = t.getIsSigned() && width == 4 ? null : intType(t.getBitWidth(), t.getIsSigned());
                return new ArrowParquetMapping(primitive(INT32, repetition, annotation, name),
                        () -> new ColumnWriter.Int32(name, index, required, width, !t.getIsSigned(), 1));
            }
            case FloatingPoint: {
                switch (((ArrowType.FloatingPoint) arrowType).getPrecision()) {
                    case SINGLE:
                        return new ArrowParquetMapping(primitive(FLOAT, repetition, null, name),
                                () -> new ColumnWriter.Float32(name, index, required));
                    case DOUBLE:
                        return new ArrowParquetMapping(primitive(DOUBLE, repetition, null, name),
                                () -> new ColumnWriter.Float64(name, index, required));
                    default:
                        throw unsupported(field);
                }
            }
            case Utf8:
            case LargeUtf8: {
                boolean large = arrowType.getTypeID() == ArrowType.ArrowTypeID.LargeUtf8;
                return new ArrowParquetMapping(primitive(BINARY, repetition, stringType(), name),
                        () -> new ColumnWriter.VariableWidth(name, index, required, large));
            }
            case Binary:
            case LargeBinary: {
                boolean large = arrowType.getTypeID() == ArrowType.ArrowTypeID.LargeBinary;
                return new ArrowParquetMapping(primitive(BINARY, repetition, null, name),
                        () -> new ColumnWriter.VariableWidth(name, index, required, large));
            }
            case FixedSizeBinary: {
                int width = ((ArrowType.FixedSizeBinary) arrowType).getByteWidth();
                boolean uuid = width == 16 && ArrowUuid.isUuid(field);
                Type type = Types.primitive(FIXED_LEN_BYTE_ARRAY, repetition).length(width)
                        .as(uuid ? uuidType() : null).named(name);
                return new ArrowParquetMapping(type, () -> new ColumnWriter.FixedWidthBinary(name, index, required, width));
            }
            case Decimal: {
                ArrowType.Decimal t = (ArrowType.Decimal) arrowType;
                int precision = t.getPrecision();
                int arrowWidth = t.getBitWidth() / 8;
                LogicalTypeAnnotation annotation = decimalType(t.getScale(), precision);
                if (precision <= 9) {
                    return new ArrowParquetMapping(primitive(INT32, repetition, annotation, name),
                            () -> new ColumnWriter.Decimal(name, index, required, arrowWidth, 4));
                }
                if (precision <= 18) {
                    return new ArrowParquetMapping(primitive(INT64, repetition, annotation, name),
                            () -> new ColumnWriter.Decimal(name, index, required, arrowWidth, 8));
                }
                int bytes = decimalBytes(precision);
                Type type = Types.primitive(FIXED_LEN_BYTE_ARRAY, repetition).length(bytes).as(annotation).named(name);
                return new ArrowParquetMapping(type, () -> new ColumnWriter.Decimal(name, index, required, arrowWidth, bytes));
            }
            case Date: {
                boolean millis = ((ArrowType.Date) arrowType).getUnit() == org.apache.arrow.vector.types.DateUnit.MILLISECOND;
                return new ArrowParquetMapping(primitive(INT32, repetition, dateType(), name), millis
                        ? () -> new ColumnWriter.DateFromMillis(name, index, required)
                        : () -> new ColumnWriter.Int32(name, index, required, 4, false, 1));
            }
            case Time: {
                // Arrow times are wall-clock times of day: not adjusted to UTC.
                switch (((ArrowType.Time) arrowType).getUnit()) {
                    case SECOND:
                        return new ArrowParquetMapping(primitive(INT32, repetition, timeType(false, TimeUnit.MILLIS), name),
                                () -> new ColumnWriter.Int32(name, index, required, 4, false, 1000));
                    case MILLISECOND:
                        return new ArrowParquetMapping(primitive(INT32, repetition, timeType(false, TimeUnit.MILLIS), name),
                                () -> new ColumnWriter.Int32(name, index, required, 4, false, 1));
                    case MICROSECOND:
                        return new ArrowParquetMapping(primitive(INT64, repetition, timeType(false, TimeUnit.MICROS), name),
                                () -> new ColumnWriter.Int64(name, index, required, 1));
                    default:
                        return new ArrowParquetMapping(primitive(INT64, repetition, timeType(false, TimeUnit.NANOS), name),
                                () -> new ColumnWriter.Int64(name, index, required, 1));
                }
            }
            case Timestamp: {
                ArrowType.Timestamp t = (ArrowType.Timestamp) arrowType;
                // A zone means the values are instants (UTC); no zone means wall-clock date-times.
                boolean utc = t.getTimezone() != null && !t.getTimezone().isEmpty();
                TimeUnit unit;
                long multiplier = 1;
                switch (t.getUnit()) {
                    case SECOND:
                        unit = TimeUnit.MILLIS;
                        multiplier = 1000;
                        break;
                    case MILLISECOND:
                        unit = TimeUnit.MILLIS;
                        break;
                    case MICROSECOND:
                        unit = TimeUnit.MICROS;
                        break;
                    default:
                        unit = TimeUnit.NANOS;
                        break;
                }
                long scale = multiplier;
                return new ArrowParquetMapping(primitive(INT64, repetition, timestampType(utc, unit), name),
                        () -> new ColumnWriter.Int64(name, index, required, scale));
            }
            default:
                throw unsupported(field);
        }
    }

    /** The smallest number of bytes whose two's complement holds every value of {@code precision} digits. */
    static int decimalBytes(int precision) {
        int bits = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE).bitLength() + 1;
        return (bits + 7) / 8;
    }

    private static PrimitiveType primitive(PrimitiveType.PrimitiveTypeName physical, Type.Repetition repetition,
            LogicalTypeAnnotation annotation, String name) {
        return Types.primitive(physical, repetition).as(annotation).named(name);
    }

    private static UnsupportedArrowTypeException unsupported(Field field) {
        return new UnsupportedArrowTypeException("column '" + field.getName() + "' has Arrow type " + field.getType()
                + ", which the bronze writer cannot store in Parquet; cast it in the source query to a supported type"
                + " (boolean, integers, float, double, decimal, date, time, timestamp, string, binary, fixed-size binary)");
    }
}

package io.flowforge.connector.jdbc;

import io.flowforge.connector.PublicEvolving;
import io.flowforge.connector.arrow.ArrowUuid;
import java.util.Map;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Ready-made mappings, one per Arrow type, shared by every connector's type mapping. Each field
 * carries the source type name in its metadata under {@link #SOURCE_TYPE_KEY}.
 */
@PublicEvolving
public final class StandardColumnMappings {

    /** Field metadata key holding the source database's type name, e.g. {@code datetime2}. */
    public static final String SOURCE_TYPE_KEY = "flowforge.source_type";
    /** Arrow's canonical extension name for UUIDs; owned by {@link ArrowUuid}. */
    public static final String UUID_EXTENSION = ArrowUuid.EXTENSION_NAME;
    public static final String EXTENSION_NAME_KEY = ArrowUuid.EXTENSION_NAME_KEY;
    public static final String EXTENSION_METADATA_KEY = ArrowUuid.EXTENSION_METADATA_KEY;

    private StandardColumnMappings() {}

    public static Field field(JdbcColumn c, ArrowType type) {
        return new Field(c.name(), new FieldType(c.nullable(), type, null, Map.of(SOURCE_TYPE_KEY, c.typeName())), null);
    }

    public static ColumnMapping bool(JdbcColumn c) {
        return new ColumnMapping(field(c, ArrowType.Bool.INSTANCE), StandardColumnReaders.bool());
    }

    public static ColumnMapping int16(JdbcColumn c) {
        return new ColumnMapping(field(c, new ArrowType.Int(16, true)), StandardColumnReaders.int16());
    }

    public static ColumnMapping int32(JdbcColumn c) {
        return new ColumnMapping(field(c, new ArrowType.Int(32, true)), StandardColumnReaders.int32());
    }

    public static ColumnMapping int64(JdbcColumn c) {
        return new ColumnMapping(field(c, new ArrowType.Int(64, true)), StandardColumnReaders.int64());
    }

    public static ColumnMapping float32(JdbcColumn c) {
        return new ColumnMapping(field(c, new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
                StandardColumnReaders.float32());
    }

    public static ColumnMapping float64(JdbcColumn c) {
        return new ColumnMapping(field(c, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                StandardColumnReaders.float64());
    }

    /** decimal128(precision, scale); precision must be 1..38. */
    public static ColumnMapping decimal(JdbcColumn c, int precision, int scale) {
        if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
            throw new IllegalArgumentException("decimal(" + precision + "," + scale + ") of column '" + c.name()
                    + "' is outside decimal128's precision 1..38 and scale 0..precision");
        }
        return new ColumnMapping(field(c, new ArrowType.Decimal(precision, scale, 128)), StandardColumnReaders.decimal());
    }

    /**
     * Whether decimal128 holds every value of DECIMAL(precision, scale): the precision is known
     * (at least 1) and, widened so that {@code 0 <= scale <= precision} (a scale above the
     * precision, PostgreSQL's numeric(3,5), needs decimal(s,s); a negative one, Oracle's
     * NUMBER(5,-2), decimal(p-s,0)), at most 38 digits. The one rule for every connector.
     */
    public static boolean decimalFits(int precision, int scale) {
        return precision >= 1 && widenedPrecision(precision, scale) <= 38;
    }

    /** {@link #decimal} of the column's own precision and scale when they {@link #decimalFits fit}, else null. */
    public static ColumnMapping decimalIfFits(JdbcColumn c) {
        return decimalIfFits(c, c.precision(), c.scale());
    }

    /**
     * decimal128 holding every value of DECIMAL(precision, scale), widened as {@link #decimalFits}
     * says, or null when it does not fit (the type mapping then says why in its unsupported reason).
     */
    public static ColumnMapping decimalIfFits(JdbcColumn c, int precision, int scale) {
        return decimalFits(precision, scale) ? decimal(c, widenedPrecision(precision, scale), Math.max(scale, 0)) : null;
    }

    private static int widenedPrecision(int precision, int scale) {
        return scale < 0 ? precision - scale : Math.max(precision, scale);
    }

    public static ColumnMapping date(JdbcColumn c) {
        return new ColumnMapping(field(c, new ArrowType.Date(DateUnit.DAY)), StandardColumnReaders.dateDay());
    }

    /** time64 in MICROSECOND or NANOSECOND. */
    public static ColumnMapping time(JdbcColumn c, TimeUnit unit) {
        if (unit != TimeUnit.MICROSECOND && unit != TimeUnit.NANOSECOND) {
            throw new IllegalArgumentException("time columns map to microseconds or nanoseconds, not " + unit);
        }
        return new ColumnMapping(field(c, new ArrowType.Time(unit, 64)), StandardColumnReaders.time());
    }

    /** A wall-clock timestamp without time zone. */
    public static ColumnMapping timestamp(JdbcColumn c, TimeUnit unit) {
        return new ColumnMapping(field(c, new ArrowType.Timestamp(unit, null)), StandardColumnReaders.timestamp());
    }

    /** An instant, normalised to UTC (the source offset is not kept). */
    public static ColumnMapping timestampUtc(JdbcColumn c, TimeUnit unit) {
        return new ColumnMapping(field(c, new ArrowType.Timestamp(unit, "UTC")), StandardColumnReaders.timestampTz());
    }

    public static ColumnMapping utf8(JdbcColumn c) {
        return new ColumnMapping(field(c, ArrowType.Utf8.INSTANCE), StandardColumnReaders.utf8());
    }

    /**
     * Text for a type name a mapping's table does not know when the driver reports it as text
     * ({@code CHAR}, {@code VARCHAR}, {@code LONGVARCHAR}: enums, domains, the database's own
     * text-like types), else null: nothing else is guessed from the JDBC code.
     */
    public static ColumnMapping textByJdbcType(JdbcColumn c) {
        return switch (c.jdbcType()) {
            case java.sql.Types.CHAR, java.sql.Types.VARCHAR, java.sql.Types.LONGVARCHAR -> utf8(c);
            default -> null;
        };
    }

    public static ColumnMapping binary(JdbcColumn c) {
        return new ColumnMapping(field(c, ArrowType.Binary.INSTANCE), StandardColumnReaders.binary());
    }

    public static ColumnMapping fixedBinary(JdbcColumn c, int width) {
        return new ColumnMapping(field(c, new ArrowType.FixedSizeBinary(width)), StandardColumnReaders.fixedBinary());
    }

    /** 16 bytes, RFC 4122 order, tagged with Arrow's {@code arrow.uuid} extension name. */
    public static ColumnMapping uuid(JdbcColumn c) {
        Map<String, String> metadata = new java.util.HashMap<>(ArrowUuid.FIELD_METADATA);
        metadata.put(SOURCE_TYPE_KEY, c.typeName());
        Field f = new Field(c.name(), new FieldType(c.nullable(), new ArrowType.FixedSizeBinary(16), null, Map.copyOf(metadata)),
                null);
        return new ColumnMapping(f, StandardColumnReaders.uuid());
    }
}

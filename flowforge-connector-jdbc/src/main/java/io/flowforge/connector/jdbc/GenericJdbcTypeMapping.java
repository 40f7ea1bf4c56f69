package io.flowforge.connector.jdbc;

import io.flowforge.connector.PublicEvolving;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TemporalPrecision;
import java.sql.JDBCType;
import java.sql.Types;
import java.util.Locale;
import java.util.Optional;
import org.apache.arrow.vector.types.TimeUnit;

/**
 * The type mapping of the generic {@code jdbc} connector: by JDBC type code, after the type name
 * {@code UUID} and MySQL's {@code UNSIGNED} integers, which the code alone would get wrong. The
 * README's type table lists the same rows.
 */
@PublicEvolving
public class GenericJdbcTypeMapping implements JdbcTypeMapping {

    private final boolean mySqlProtocol;

    public GenericJdbcTypeMapping() {
        this(false);
    }

    /** With {@code mySqlProtocol}, dates and timestamps are read by {@link MySqlProtocolReaders}. */
    protected GenericJdbcTypeMapping(boolean mySqlProtocol) {
        this.mySqlProtocol = mySqlProtocol;
    }

    /** The mapping for MySQL and MariaDB servers ({@code jdbc:mariadb:}, {@code jdbc:mysql:} URLs). */
    public static GenericJdbcTypeMapping forMySqlProtocol() {
        return new GenericJdbcTypeMapping(true);
    }

    @Override
    public Optional<ColumnMapping> map(JdbcColumn c, ReadOptions options) {
        String name = c.typeName().toUpperCase(Locale.ROOT);
        if (name.equals("UUID")) {
            return Optional.of(StandardColumnMappings.uuid(c));
        }
        if (name.contains("UNSIGNED")) {
            return unsigned(c);
        }
        return Optional.ofNullable(switch (c.jdbcType()) {
            // BIT(n) with n > 1 is a bit string (PostgreSQL, MySQL), not a boolean.
            case Types.BIT -> c.precision() <= 1 ? StandardColumnMappings.bool(c) : null;
            case Types.BOOLEAN -> StandardColumnMappings.bool(c);
            // int16 also holds SQL Server's unsigned tinyint (0..255); the reader uses getInt.
            case Types.TINYINT, Types.SMALLINT -> StandardColumnMappings.int16(c);
            case Types.INTEGER -> StandardColumnMappings.int32(c);
            case Types.BIGINT -> StandardColumnMappings.int64(c);
            case Types.REAL -> StandardColumnMappings.float32(c);
            case Types.FLOAT, Types.DOUBLE -> StandardColumnMappings.float64(c);
            case Types.DECIMAL, Types.NUMERIC -> decimal(c);
            case Types.DATE -> mySqlProtocol
                    ? new ColumnMapping(StandardColumnMappings.date(c).field(), MySqlProtocolReaders.date())
                    : StandardColumnMappings.date(c);
            case Types.TIME -> StandardColumnMappings.time(c, unit(c, options));
            case Types.TIMESTAMP -> mySqlProtocol
                    ? new ColumnMapping(StandardColumnMappings.timestamp(c, unit(c, options)).field(), MySqlProtocolReaders.timestamp())
                    : StandardColumnMappings.timestamp(c, unit(c, options));
            case Types.TIMESTAMP_WITH_TIMEZONE -> StandardColumnMappings.timestampUtc(c, unit(c, options));
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                    Types.CLOB, Types.NCLOB -> StandardColumnMappings.utf8(c);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> StandardColumnMappings.binary(c);
            default -> null;
        });
    }

    /** Microseconds, or nanoseconds when the column keeps 7 to 9 fractional digits and the caller wants them. */
    protected static TimeUnit unit(JdbcColumn c, ReadOptions options) {
        return c.scale() > 6 && c.scale() <= 9 && options.temporalPrecision() == TemporalPrecision.EXACT
                ? TimeUnit.NANOSECOND : TimeUnit.MICROSECOND;
    }

    private static ColumnMapping decimal(JdbcColumn c) {
        return StandardColumnMappings.decimalIfFits(c);
    }

    // MySQL/MariaDB unsigned integers need the next wider type to hold their top half.
    private static Optional<ColumnMapping> unsigned(JdbcColumn c) {
        return Optional.ofNullable(switch (c.jdbcType()) {
            case Types.TINYINT -> StandardColumnMappings.int16(c);
            case Types.SMALLINT -> StandardColumnMappings.int32(c);
            case Types.INTEGER -> StandardColumnMappings.int64(c);
            case Types.BIGINT -> StandardColumnMappings.decimal(c, 20, 0);
            default -> null;
        });
    }

    @Override
    public String unsupportedReason(JdbcColumn c) {
        if ((c.jdbcType() == Types.DECIMAL || c.jdbcType() == Types.NUMERIC) && !StandardColumnMappings.decimalFits(c.precision(), c.scale())) {
            return "its precision " + c.precision() + " and scale " + c.scale()
                    + " are unknown or beyond decimal128's 38 digits; cast it to DECIMAL(38, s) in a query";
        }
        if (c.jdbcType() == Types.BIT) {
            return "BIT(" + c.precision() + ") is a bit string, not a boolean";
        }
        return "JDBC type " + jdbcTypeName(c.jdbcType()) + " (" + c.jdbcType() + ") is not mapped";
    }

    private static String jdbcTypeName(int code) {
        try {
            return JDBCType.valueOf(code).getName();
        } catch (IllegalArgumentException e) {
            return "vendor-specific";
        }
    }
}

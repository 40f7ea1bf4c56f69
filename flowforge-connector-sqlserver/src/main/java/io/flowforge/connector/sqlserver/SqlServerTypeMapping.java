package io.flowforge.connector.sqlserver;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TemporalPrecision;
import io.flowforge.connector.jdbc.ColumnMapping;
import io.flowforge.connector.jdbc.JdbcColumn;
import io.flowforge.connector.jdbc.JdbcTypeMapping;
import io.flowforge.connector.jdbc.StandardColumnMappings;
import io.flowforge.connector.jdbc.StandardColumnReaders;
import java.sql.Types;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.arrow.vector.types.TimeUnit;

/**
 * SQL Server's type mapping: the one table from a column's type (as mssql-jdbc or the
 * {@code sys.*} catalog names it) to its Arrow type and reader. Pure: it needs no connection. The
 * same table, row for row, is in this module's README.md, and a test holds the two together.
 */
public final class SqlServerTypeMapping implements JdbcTypeMapping {

    /** Every SQL Server type name this mapping supports; README.md lists exactly these. */
    public static final Set<String> SUPPORTED_TYPE_NAMES = Set.of(
            "bit", "tinyint", "smallint", "int", "bigint", "decimal", "numeric", "money", "smallmoney",
            "float", "real", "date", "time", "datetime", "smalldatetime", "datetime2", "datetimeoffset",
            "char", "varchar", "nchar", "nvarchar", "text", "ntext", "xml", "json",
            "binary", "varbinary", "image", "timestamp", "rowversion", "uniqueidentifier",
            "sql_variant", "geography", "geometry", "hierarchyid");

    // sql_variant has no fixed type, so it is turned into text on the server. The plain CONVERT
    // would lose digits for float (6 significant digits), money (2 decimals) and datetime (no
    // seconds), and would misread binary as characters, so those base types get an exact style.
    private static final String SQL_VARIANT_TEMPLATE = "CASE CONVERT(sysname, SQL_VARIANT_PROPERTY(%1$s, 'BaseType'))"
            + " WHEN 'float' THEN CONVERT(nvarchar(max), CONVERT(float, %1$s), 3)"
            + " WHEN 'real' THEN CONVERT(nvarchar(max), CONVERT(real, %1$s), 3)"
            + " WHEN 'money' THEN CONVERT(nvarchar(max), CONVERT(money, %1$s), 2)"
            + " WHEN 'smallmoney' THEN CONVERT(nvarchar(max), CONVERT(money, %1$s), 2)"
            + " WHEN 'datetime' THEN CONVERT(nvarchar(max), CONVERT(datetime, %1$s), 126)"
            + " WHEN 'smalldatetime' THEN CONVERT(nvarchar(max), CONVERT(smalldatetime, %1$s), 126)"
            + " WHEN 'binary' THEN CONVERT(nvarchar(max), CONVERT(varbinary(8000), %1$s), 1)"
            + " WHEN 'varbinary' THEN CONVERT(nvarchar(max), CONVERT(varbinary(8000), %1$s), 1)"
            + " WHEN 'char' THEN CONVERT(nvarchar(max), CONVERT(varchar(8000), %1$s))"
            + " WHEN 'varchar' THEN CONVERT(nvarchar(max), CONVERT(varchar(8000), %1$s))"
            + " ELSE CONVERT(nvarchar(max), CONVERT(nvarchar(4000), %1$s)) END";

    // mssql-jdbc's datetimeoffset decoding is calendar-free from 1583-01-01 (UTC) on (DDC's
    // GregorianChange.DAYS_SINCE_BASE_DATE_HINT); earlier values pass through the Julian calendar.
    private static final Instant JULIAN_DECODED_BEFORE = Instant.parse("1583-01-01T00:00:00Z");
    private static final String JULIAN_PROBLEM = "is before 1583-01-01, which mssql-jdbc decodes through the Julian"
            + " calendar (1582-10-10 comes back as 1582-10-20); select CONVERT(datetime2(7), SWITCHOFFSET(col,"
            + " '+00:00')) AS col in the query for the UTC time, or read the table with readTable, which does";

    private static final Set<String> SERVER_CONVERTED = Set.of("sql_variant", "geography", "geometry", "hierarchyid");
    private static final Map<String, String> SERVER_CONVERTED_HINT = Map.of(
            "sql_variant", "for example CONVERT(nvarchar(4000), col) AS col",
            "geography", "col.STAsBinary() AS col for WKB",
            "geometry", "col.STAsBinary() AS col for WKB",
            "hierarchyid", "col.ToString() AS col");

    private final boolean serverConversions;

    /** The mapping for table reads, which select geography, hierarchyid and sql_variant through server-side conversions. */
    public SqlServerTypeMapping() {
        this(true);
    }

    private SqlServerTypeMapping(boolean serverConversions) {
        this.serverConversions = serverConversions;
    }

    /**
     * The mapping for the results of a caller's own query. Its SQL cannot be rewritten, so the
     * types that need a server-side conversion (sql_variant, geography, geometry, hierarchyid) are
     * unsupported there: the query should convert them itself, or the read use AS_STRING.
     */
    public static SqlServerTypeMapping forQueryResults() {
        return new SqlServerTypeMapping(false);
    }

    @Override
    public JdbcTypeMapping forQueries() {
        return forQueryResults();
    }

    /** The server-side expression that reads a {@code sql_variant} column as exact text. */
    public static String sqlVariantExpression(String quotedColumn) {
        return String.format(Locale.ROOT, SQL_VARIANT_TEMPLATE, requireNonNull(quotedColumn, "quotedColumn is null"));
    }

    @Override
    public Optional<ColumnMapping> map(JdbcColumn c, ReadOptions options) {
        requireNonNull(c, "column is null");
        requireNonNull(options, "options is null");
        boolean micros = options.temporalPrecision() == TemporalPrecision.MICROSECONDS;
        // Sub-microsecond digits exist only at scale 7 (100 ns); below it microseconds are exact.
        TimeUnit fine = micros || c.scale() <= 6 ? TimeUnit.MICROSECOND : TimeUnit.NANOSECOND;
        String name = c.typeName().toLowerCase(Locale.ROOT);
        switch (name) {
            case "bit":
                return Optional.of(StandardColumnMappings.bool(c));
            case "tinyint": // unsigned 0..255: int16, read with getInt (getByte would turn 200 into -56)
            case "smallint":
                return Optional.of(StandardColumnMappings.int16(c));
            case "int":
                return Optional.of(StandardColumnMappings.int32(c));
            case "bigint":
                return Optional.of(StandardColumnMappings.int64(c));
            case "decimal":
            case "numeric":
                return Optional.of(StandardColumnMappings.decimal(c, c.precision(), c.scale()));
            case "money": // reported as DECIMAL(19,4): told apart by name only
                return Optional.of(StandardColumnMappings.decimal(c, 19, 4));
            case "smallmoney":
                return Optional.of(StandardColumnMappings.decimal(c, 10, 4));
            case "float":
                return Optional.of(StandardColumnMappings.float64(c));
            case "real":
                return Optional.of(StandardColumnMappings.float32(c));
            case "date":
                return Optional.of(StandardColumnMappings.date(c));
            case "time":
                return Optional.of(StandardColumnMappings.time(c, fine));
            case "datetime": // 1/300 s ticks, which the driver rounds to whole milliseconds
            case "smalldatetime":
                return Optional.of(StandardColumnMappings.timestamp(c, TimeUnit.MILLISECOND));
            case "datetime2":
                return Optional.of(StandardColumnMappings.timestamp(c, fine));
            case "datetimeoffset": // the instant in UTC; the source offset is not kept
                return Optional.of(datetimeoffset(c, fine));
            case "char":
            case "varchar":
            case "nchar":
            case "nvarchar":
            case "text":
            case "ntext":
            case "xml":
            case "json":
                return Optional.of(StandardColumnMappings.utf8(c));
            case "binary":
            case "varbinary":
            case "image":
                return Optional.of(StandardColumnMappings.binary(c));
            case "timestamp": // rowversion's old name; other databases use it for date-times
            case "rowversion":
                if (c.jdbcType() == Types.BINARY || c.jdbcType() == Types.VARBINARY) {
                    return Optional.of(StandardColumnMappings.fixedBinary(c, 8));
                }
                return mapByJdbcType(c, fine);
            case "uniqueidentifier":
                return Optional.of(StandardColumnMappings.uuid(c));
            case "sql_variant":
                return converted(StandardColumnMappings.utf8(c), SqlServerTypeMapping::sqlVariantExpression);
            case "geography": // WKB through the server; the SRID is not kept
            case "geometry":
                return converted(StandardColumnMappings.binary(c), q -> q + ".STAsBinary()");
            case "hierarchyid":
                return converted(StandardColumnMappings.utf8(c), q -> q + ".ToString()");
            default:
                return mapByJdbcType(c, fine);
        }
    }

    /**
     * datetimeoffset as the instant in UTC. mssql-jdbc decodes it through java.util.Calendar, which
     * before 1583 re-reads the UTC date in the Julian calendar (1582-10-10 comes back as
     * 1582-10-20; a local date on a Julian-only leap day throws DateTimeException). A table read
     * therefore has the server convert it to its UTC wall clock as datetime2, which the driver
     * decodes by day arithmetic without a calendar. A query's column cannot be rewritten: it is
     * read through the driver, and a value before 1583 fails (naming it) instead of being wrong.
     */
    private ColumnMapping datetimeoffset(JdbcColumn c, TimeUnit unit) {
        ColumnMapping utc = StandardColumnMappings.timestampUtc(c, unit);
        if (serverConversions) {
            return new ColumnMapping(utc.field(), StandardColumnReaders.timestamp(), SqlServerTypeMapping::utcDatetime2);
        }
        return new ColumnMapping(utc.field(), StandardColumnReaders.timestampTz(JULIAN_DECODED_BEFORE, JULIAN_PROBLEM));
    }

    /** The select item that reads a datetimeoffset column as its UTC wall clock, exactly (datetime2(7) holds every value). */
    public static String utcDatetime2(String quotedColumn) {
        return "CONVERT(datetime2(7), SWITCHOFFSET(" + requireNonNull(quotedColumn, "quotedColumn is null") + ", '+00:00'))";
    }

    /**
     * Names this table does not know (other databases' names in tests on H2, or a future type)
     * fall back to the JDBC code, but only where the standard getter is exact. Binary codes are
     * left out on purpose: SQL Server reports CLR user-defined types as VARBINARY, and their bytes
     * are the server's private serialization, not data.
     */
    private static Optional<ColumnMapping> mapByJdbcType(JdbcColumn c, TimeUnit fine) {
        return switch (c.jdbcType()) {
            case Types.BIT, Types.BOOLEAN -> Optional.of(StandardColumnMappings.bool(c));
            case Types.TINYINT, Types.SMALLINT -> Optional.of(StandardColumnMappings.int16(c));
            case Types.INTEGER -> Optional.of(StandardColumnMappings.int32(c));
            case Types.BIGINT -> Optional.of(StandardColumnMappings.int64(c));
            case Types.REAL -> Optional.of(StandardColumnMappings.float32(c));
            case Types.FLOAT, Types.DOUBLE -> Optional.of(StandardColumnMappings.float64(c));
            case Types.DECIMAL, Types.NUMERIC -> Optional.ofNullable(StandardColumnMappings.decimalIfFits(c));
            case Types.DATE -> Optional.of(StandardColumnMappings.date(c));
            case Types.TIME -> Optional.of(StandardColumnMappings.time(c, fine));
            case Types.TIMESTAMP -> Optional.of(StandardColumnMappings.timestamp(c, fine));
            case Types.TIMESTAMP_WITH_TIMEZONE -> Optional.of(StandardColumnMappings.timestampUtc(c, fine));
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                    Types.CLOB, Types.NCLOB -> Optional.of(StandardColumnMappings.utf8(c));
            default -> Optional.empty();
        };
    }

    /**
     * Text through the driver for any column (the AS_STRING opt-in). CLR user-defined types are
     * converted on the server, which calls their {@code ToString()}; the driver's own string of
     * such a column would be the hex of its private serialization.
     */
    @Override
    public ColumnMapping asString(JdbcColumn c) {
        if (serverConversions && isClrUserDefinedType(c)) {
            return withSelect(StandardColumnMappings.utf8(c), q -> "CONVERT(nvarchar(max), " + q + ")");
        }
        return StandardColumnMappings.utf8(c);
    }

    @Override
    public String unsupportedReason(JdbcColumn c) {
        String name = c.typeName().toLowerCase(Locale.ROOT);
        if (!serverConversions && SERVER_CONVERTED.contains(name)) {
            return "a query's " + c.typeName() + " column is read exactly only through a conversion in the query itself ("
                    + SERVER_CONVERTED_HINT.get(name) + ")";
        }
        if (name.equals("vector")) {
            return "SQL Server vector columns have no Arrow mapping yet; cast the column in a query "
                    + "(for example CAST(col AS nvarchar(max)) for its JSON text) or read it with AS_STRING";
        }
        if (isClrUserDefinedType(c)) {
            return "CLR user-defined type " + c.typeName() + " is stored in SQL Server's private serialization; "
                    + (serverConversions ? "read it with AS_STRING (converted on the server through its ToString())"
                            : "convert it in the query (CONVERT(nvarchar(max), col) AS col)");
        }
        return JdbcTypeMapping.noExactType("SQL Server", c);
    }

    private static boolean isClrUserDefinedType(JdbcColumn c) {
        return (c.jdbcType() == Types.VARBINARY || c.jdbcType() == Types.BINARY || c.jdbcType() == Types.OTHER
                || c.jdbcType() == Types.JAVA_OBJECT)
                && !SUPPORTED_TYPE_NAMES.contains(c.typeName().toLowerCase(Locale.ROOT));
    }

    private Optional<ColumnMapping> converted(ColumnMapping plain, UnaryOperator<String> selectExpression) {
        return serverConversions ? Optional.of(withSelect(plain, selectExpression)) : Optional.empty();
    }

    private static ColumnMapping withSelect(ColumnMapping plain, UnaryOperator<String> selectExpression) {
        return new ColumnMapping(plain.field(), plain.reader(), selectExpression);
    }
}

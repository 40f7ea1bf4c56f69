package io.flowforge.connector.mysql;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.jdbc.ColumnMapping;
import io.flowforge.connector.jdbc.JdbcColumn;
import io.flowforge.connector.jdbc.JdbcTypeMapping;
import io.flowforge.connector.jdbc.MySqlProtocolReaders;
import io.flowforge.connector.jdbc.StandardColumnMappings;
import java.sql.Types;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * MySQL's and MariaDB's type mapping: the one table from a column's type (as MariaDB Connector/J
 * or {@code information_schema} names it) to its Arrow type and reader. Pure: it needs no
 * connection. The same table, row for row, is in this module's README.md, and a test holds the
 * two together.
 */
public final class MySqlTypeMapping implements JdbcTypeMapping {

    /** Every base type name this mapping supports (UNSIGNED variants included); README.md lists exactly these. */
    public static final Set<String> SUPPORTED_TYPE_NAMES = Set.of(
            "BIT", "BOOLEAN", "TINYINT", "SMALLINT", "MEDIUMINT", "INT", "INTEGER", "BIGINT", "DECIMAL", "FLOAT",
            "DOUBLE", "YEAR", "DATE", "DATETIME", "TIMESTAMP", "TIME", "CHAR", "VARCHAR", "TINYTEXT", "TEXT",
            "MEDIUMTEXT", "LONGTEXT", "ENUM", "SET", "JSON", "BINARY", "VARBINARY", "TINYBLOB", "BLOB",
            "MEDIUMBLOB", "LONGBLOB", "UUID", "INET4", "INET6");

    private static final Set<String> SPATIAL = Set.of("GEOMETRY", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT",
            "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION");

    private final boolean serverConversions;

    /** The mapping for table reads and windows, whose select list may convert a column on the server. */
    public MySqlTypeMapping() {
        this(true);
    }

    private MySqlTypeMapping(boolean serverConversions) {
        this.serverConversions = serverConversions;
    }

    /**
     * The mapping for a caller's own query, whose select list cannot be rewritten: spatial values,
     * which only the server can turn into text, have no AS_STRING form there.
     */
    public static MySqlTypeMapping forQueryResults() {
        return new MySqlTypeMapping(false);
    }

    @Override
    public JdbcTypeMapping forQueries() {
        return forQueryResults();
    }

    @Override
    public Optional<ColumnMapping> map(JdbcColumn c, ReadOptions options) {
        requireNonNull(c, "column is null");
        requireNonNull(options, "options is null");
        String name = c.typeName().toUpperCase(Locale.ROOT);
        boolean unsigned = name.contains("UNSIGNED");
        return Optional.ofNullable(switch (MySqlDialect.baseType(c)) {
            // bit(1) is a flag; bit(n) keeps its ceil(n/8) big-endian bytes exactly as stored.
            case "BIT" -> c.precision() <= 1 ? StandardColumnMappings.bool(c)
                    : StandardColumnMappings.fixedBinary(c, (c.precision() + 7) / 8);
            // BOOLEAN is tinyint(1), which holds -128..127: never narrowed to a boolean.
            case "BOOLEAN", "TINYINT" -> StandardColumnMappings.int16(c);
            case "SMALLINT" -> unsigned ? StandardColumnMappings.int32(c) : StandardColumnMappings.int16(c);
            case "MEDIUMINT" -> StandardColumnMappings.int32(c);
            case "INT", "INTEGER" -> unsigned ? StandardColumnMappings.int64(c) : StandardColumnMappings.int32(c);
            // 0..18446744073709551615 does not fit int64: decimal(20,0) holds every value exactly.
            case "BIGINT" -> unsigned ? StandardColumnMappings.decimal(c, 20, 0) : StandardColumnMappings.int64(c);
            case "DECIMAL" -> StandardColumnMappings.decimalIfFits(c);
            case "FLOAT" -> StandardColumnMappings.float32(c);
            case "DOUBLE" -> StandardColumnMappings.float64(c);
            case "YEAR" -> StandardColumnMappings.int16(c);
            case "DATE" -> new ColumnMapping(StandardColumnMappings.field(c, new ArrowType.Date(DateUnit.DAY)),
                    MySqlProtocolReaders.date());
            case "DATETIME" -> new ColumnMapping(
                    StandardColumnMappings.field(c, new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
                    MySqlProtocolReaders.timestamp());
            // Stored as UTC and read in the UTC session the dialect opens: an instant.
            case "TIMESTAMP" -> new ColumnMapping(
                    StandardColumnMappings.field(c, new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
                    MySqlProtocolReaders.timestamp());
            case "TIME" -> new ColumnMapping(
                    StandardColumnMappings.field(c, new ArrowType.Time(TimeUnit.MICROSECOND, 64)), MySqlReaders.timeOfDay());
            case "CHAR", "VARCHAR", "TINYTEXT", "TEXT", "MEDIUMTEXT", "LONGTEXT", "ENUM", "SET", "JSON" ->
                    StandardColumnMappings.utf8(c);
            // MariaDB's own types: their canonical text (lower-case UUID, the shortest IPv6 form).
            // The driver reports uuid as OTHER (1111), so it must be matched by name.
            case "UUID", "INET4", "INET6" -> StandardColumnMappings.utf8(c);
            case "BINARY", "VARBINARY", "TINYBLOB", "BLOB", "MEDIUMBLOB", "LONGBLOB" -> StandardColumnMappings.binary(c);
            default -> byJdbcType(c);
        });
    }

    /** Names the table does not know read as text when the driver says they are text. */
    private static ColumnMapping byJdbcType(JdbcColumn c) {
        return switch (c.jdbcType()) {
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR -> StandardColumnMappings.utf8(c);
            default -> null;
        };
    }

    /**
     * Text as the driver gives it; spatial values as WKT made by the server ({@code ST_AsText},
     * every coordinate digit, without the SRID): the driver's string of such a column is MariaDB's
     * internal SRID + WKB bytes decoded as UTF-8.
     */
    @Override
    public ColumnMapping asString(JdbcColumn c) {
        ColumnMapping text = StandardColumnMappings.utf8(c);
        return SPATIAL.contains(MySqlDialect.baseType(c))
                ? new ColumnMapping(text.field(), text.reader(), q -> "ST_AsText(" + q + ")") : text;
    }

    /** No text form for a spatial column of a query: its WKT needs ST_AsText in the query's own select list. */
    @Override
    public Optional<ColumnMapping> asStringIfExact(JdbcColumn c) {
        return !serverConversions && SPATIAL.contains(MySqlDialect.baseType(c)) ? Optional.empty() : Optional.of(asString(c));
    }

    @Override
    public String unsupportedReason(JdbcColumn c) {
        String base = MySqlDialect.baseType(c);
        if (base.equals("DECIMAL")) {
            return "decimal(" + c.precision() + "," + c.scale() + ") is beyond decimal128's 38 digits; "
                    + "cast it in a query (CAST(col AS DECIMAL(38,s))) or read it with AS_STRING (exact text)";
        }
        if (SPATIAL.contains(base)) {
            return serverConversions
                    ? "spatial values are stored in an internal format (SRID + WKB); AS_STRING reads their WKT "
                            + "(ST_AsText, without the SRID), or select ST_AsBinary(col) AS col for WKB in a query"
                    : "a query's spatial values arrive in MariaDB's internal format (SRID + WKB); convert them in the "
                            + "query: ST_AsText(col) AS col for WKT, ST_AsBinary(col) AS col for WKB";
        }
        return "no exact Arrow type for MySQL type " + c.typeName() + " (JDBC type " + c.jdbcType()
                + "); read it with AS_STRING or SKIP, or convert it in a query";
    }
}

package io.flowforge.connector.mysql;

import static io.flowforge.connector.Watermark.Type.INTEGER;
import static io.flowforge.connector.Watermark.Type.STRING;
import static io.flowforge.connector.Watermark.Type.TIMESTAMP;
import static io.flowforge.connector.jdbc.StandardColumnMappings.bool;
import static io.flowforge.connector.jdbc.StandardColumnMappings.decimal;
import static io.flowforge.connector.jdbc.StandardColumnMappings.field;
import static io.flowforge.connector.jdbc.StandardColumnMappings.fixedBinary;
import static io.flowforge.connector.jdbc.StandardColumnMappings.int16;
import static io.flowforge.connector.jdbc.StandardColumnMappings.int32;
import static io.flowforge.connector.jdbc.StandardColumnMappings.int64;
import static io.flowforge.connector.jdbc.TypeTable.row;
import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.Watermark;
import io.flowforge.connector.jdbc.ColumnMapping;
import io.flowforge.connector.jdbc.JdbcColumn;
import io.flowforge.connector.jdbc.JdbcTypeMapping;
import io.flowforge.connector.jdbc.MySqlProtocolReaders;
import io.flowforge.connector.jdbc.StandardColumnMappings;
import io.flowforge.connector.jdbc.TypeTable;
import java.sql.Types;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * MySQL's and MariaDB's type mapping: the one table ({@link #TYPES}) from a column's type (as
 * MariaDB Connector/J or {@code information_schema} names it) to its Arrow type and reader, its
 * JDBC code and whether it can be a delta column. Pure: it needs no
 * connection. The same table, row for row, is in this module's README.md, and a test holds the
 * two together.
 */
public final class MySqlTypeMapping implements JdbcTypeMapping {

    /**
     * The type table, keyed by the first word of the type name in capitals ({@code BIGINT UNSIGNED}
     * is a {@code BIGINT}): the JDBC code MariaDB Connector/J reports (with {@code tinyInt1isBit=false}),
     * which the catalog gives its columns too, so catalog columns and result set columns look alike;
     * the watermark of a delta column; the Arrow mapping.
     */
    static final TypeTable TYPES = new TypeTable(MySqlDialect::baseType,
            // bit(1) is a flag; bit(n) keeps its ceil(n/8) big-endian bytes exactly as stored.
            row(Types.BIT, c -> c.precision() <= 1 ? bool(c) : fixedBinary(c, (c.precision() + 7) / 8), "BIT"),
            // BOOLEAN is tinyint(1), which holds -128..127: never narrowed to a boolean.
            row(Types.TINYINT, StandardColumnMappings::int16, "BOOLEAN"),
            row(Types.TINYINT, INTEGER, StandardColumnMappings::int16, "TINYINT"),
            row(Types.SMALLINT, INTEGER, c -> unsigned(c) ? int32(c) : int16(c), "SMALLINT"),
            row(Types.INTEGER, INTEGER, StandardColumnMappings::int32, "MEDIUMINT"),
            row(Types.INTEGER, INTEGER, c -> unsigned(c) ? int64(c) : int32(c), "INT", "INTEGER"),
            // 0..18446744073709551615 does not fit int64: decimal(20,0) holds every value exactly.
            row(Types.BIGINT, INTEGER, c -> unsigned(c) ? decimal(c, 20, 0) : int64(c), "BIGINT"),
            row(Types.DECIMAL, Watermark.Type.DECIMAL, StandardColumnMappings::decimalIfFits, "DECIMAL"),
            row(Types.REAL, StandardColumnMappings::float32, "FLOAT"),
            row(Types.DOUBLE, StandardColumnMappings::float64, "DOUBLE"),
            row(Types.DATE, StandardColumnMappings::int16, "YEAR"),
            row(Types.DATE, Watermark.Type.DATE,
                    c -> new ColumnMapping(field(c, new ArrowType.Date(DateUnit.DAY)), MySqlProtocolReaders.date()), "DATE"),
            row(Types.TIMESTAMP, TIMESTAMP, c -> new ColumnMapping(field(c, new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
                    MySqlProtocolReaders.timestamp()), "DATETIME"),
            // Stored as UTC and read in the UTC session the dialect opens: an instant. As a delta
            // column its values in that session are zoneless wall clocks, as datetime's are.
            row(Types.TIMESTAMP, TIMESTAMP, c -> new ColumnMapping(field(c, new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
                    MySqlProtocolReaders.timestamp()), "TIMESTAMP"),
            row(Types.TIME, c -> new ColumnMapping(field(c, new ArrowType.Time(TimeUnit.MICROSECOND, 64)),
                    MySqlReaders.timeOfDay()), "TIME"),
            row(Types.CHAR, STRING, StandardColumnMappings::utf8, "CHAR"),
            row(Types.VARCHAR, STRING, StandardColumnMappings::utf8, "VARCHAR"),
            row(Types.VARCHAR, StandardColumnMappings::utf8, "TINYTEXT", "TEXT", "MEDIUMTEXT"),
            row(Types.LONGVARCHAR, StandardColumnMappings::utf8, "LONGTEXT", "JSON"),
            row(Types.CHAR, StandardColumnMappings::utf8, "ENUM", "SET"),
            // MariaDB's own types: their canonical text (lower-case UUID, the shortest IPv6 form).
            // The driver reports uuid as OTHER (1111), so it must be matched by name.
            row(Types.OTHER, StandardColumnMappings::utf8, "UUID"),
            row(Types.CHAR, StandardColumnMappings::utf8, "INET4", "INET6"),
            row(Types.BINARY, StandardColumnMappings::binary, "BINARY"),
            row(Types.VARBINARY, StandardColumnMappings::binary, "VARBINARY", "TINYBLOB", "BLOB", "MEDIUMBLOB"),
            row(Types.LONGVARBINARY, StandardColumnMappings::binary, "LONGBLOB"));

    /** Every base type name this mapping supports (UNSIGNED variants included); README.md lists exactly these. */
    public static final Set<String> SUPPORTED_TYPE_NAMES = TYPES.supportedNames();

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
        return TYPES.map(c);
    }

    private static boolean unsigned(JdbcColumn c) {
        return c.typeName().toUpperCase(Locale.ROOT).contains("UNSIGNED");
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
            return JdbcTypeMapping.decimalBeyond("decimal(" + c.precision() + "," + c.scale() + ")", "CAST(col AS DECIMAL(38,s))");
        }
        if (SPATIAL.contains(base)) {
            return serverConversions
                    ? "spatial values are stored in an internal format (SRID + WKB); AS_STRING reads their WKT "
                            + "(ST_AsText, without the SRID), or select ST_AsBinary(col) AS col for WKB in a query"
                    : "a query's spatial values arrive in MariaDB's internal format (SRID + WKB); convert them in the "
                            + "query: ST_AsText(col) AS col for WKT, ST_AsBinary(col) AS col for WKB";
        }
        return JdbcTypeMapping.noExactType("MySQL", c);
    }
}

package io.flowforge.connector.postgresql;

import static io.flowforge.connector.Watermark.Type.DATE;
import static io.flowforge.connector.Watermark.Type.DECIMAL;
import static io.flowforge.connector.Watermark.Type.INTEGER;
import static io.flowforge.connector.Watermark.Type.STRING;
import static io.flowforge.connector.Watermark.Type.TIMESTAMP;
import static io.flowforge.connector.Watermark.Type.TIMESTAMP_TZ;
import static io.flowforge.connector.jdbc.StandardColumnMappings.binary;
import static io.flowforge.connector.jdbc.StandardColumnMappings.bool;
import static io.flowforge.connector.jdbc.StandardColumnMappings.date;
import static io.flowforge.connector.jdbc.StandardColumnMappings.decimal;
import static io.flowforge.connector.jdbc.StandardColumnMappings.field;
import static io.flowforge.connector.jdbc.StandardColumnMappings.float32;
import static io.flowforge.connector.jdbc.StandardColumnMappings.float64;
import static io.flowforge.connector.jdbc.StandardColumnMappings.int16;
import static io.flowforge.connector.jdbc.StandardColumnMappings.int32;
import static io.flowforge.connector.jdbc.StandardColumnMappings.int64;
import static io.flowforge.connector.jdbc.StandardColumnMappings.time;
import static io.flowforge.connector.jdbc.StandardColumnMappings.utf8;
import static io.flowforge.connector.jdbc.StandardColumnMappings.uuid;
import static io.flowforge.connector.jdbc.TypeTable.row;
import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.jdbc.TypeTable;
import java.sql.Types;
import java.util.function.Function;
import io.flowforge.connector.jdbc.ColumnMapping;
import io.flowforge.connector.jdbc.JdbcColumn;
import io.flowforge.connector.jdbc.JdbcTypeMapping;
import io.flowforge.connector.jdbc.StandardColumnMappings;
import io.flowforge.connector.jdbc.StandardColumnReaders;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * PostgreSQL's type mapping: the one table from a column's type (as pgjdbc or {@code pg_catalog}
 * names it) to its Arrow type and reader. Pure: it needs no connection. The same table, row for
 * row, is in this module's README.md, and a test holds the two together.
 */
public final class PostgreSqlTypeMapping implements JdbcTypeMapping {

    /** The type table of table reads: the JDBC codes and delta-column rules it holds are those of every mapping. */
    static final TypeTable TYPES = types(true, true);

    /** Every PostgreSQL type name this mapping supports by name; README.md lists exactly these. */
    public static final Set<String> SUPPORTED_TYPE_NAMES = TYPES.supportedNames();

    private final boolean serverConversions;
    private final boolean utf8Wire;
    private final TypeTable types;

    /** The mapping for table reads, which select {@code money} as {@code numeric}. */
    public PostgreSqlTypeMapping() {
        this(true, true);
    }

    private PostgreSqlTypeMapping(boolean serverConversions, boolean utf8Wire) {
        this.serverConversions = serverConversions;
        this.utf8Wire = utf8Wire;
        this.types = serverConversions && utf8Wire ? TYPES : types(serverConversions, utf8Wire);
    }

    /**
     * The mapping for a caller's own query: its SQL cannot be rewritten, so {@code money} (which
     * pgjdbc can only read as a locale-formatted text or an inexact double) is unsupported there.
     */
    public static PostgreSqlTypeMapping forQueryResults() {
        return new PostgreSqlTypeMapping(false, true);
    }

    /** {@link #forQueryResults()}, keeping how this mapping reads text. */
    @Override
    public JdbcTypeMapping forQueries() {
        return new PostgreSqlTypeMapping(false, utf8Wire);
    }

    /**
     * This mapping, with text read through getString instead of as the wire's bytes: for a
     * connection with pgjdbc's {@code allowEncodingChanges}, whose client encoding may not be UTF8.
     */
    public PostgreSqlTypeMapping withDecodedText() {
        return new PostgreSqlTypeMapping(serverConversions, false);
    }

    @Override
    public Optional<ColumnMapping> map(JdbcColumn c, ReadOptions options) {
        requireNonNull(c, "column is null");
        requireNonNull(options, "options is null");
        return types.map(c);
    }

    /**
     * The type table by pgjdbc's type names: the JDBC code pgjdbc reports for each in a query's
     * result (which the catalog gives its columns too, so both look alike to the mapping), the
     * watermark of a delta column, and the mapping with its binary COPY decoder. Names it does not
     * know read as text when pgjdbc reports text: enums (VARCHAR with the enum's name) and domains
     * over text. {@code serverConversions}: whether the select list may convert a column (table
     * reads); {@code utf8Wire}: whether text is the wire's UTF-8 bytes.
     */
    private static TypeTable types(boolean serverConversions, boolean utf8Wire) {
        Function<JdbcColumn, ColumnMapping> text = c -> copy(utf8Wire
                ? new ColumnMapping(utf8(c).field(), StandardColumnReaders.utf8FromDriverBytes()) : utf8(c), PgCopyDecoders.TEXT);
        return new TypeTable(JdbcColumn::typeName,
                row(Types.BIT, c -> copy(bool(c), PgCopyDecoders.BOOL), "bool"),
                row(Types.BIT, c -> c.precision() == 1 ? copy(bool(c), PgCopyDecoders.BIT) : null, "bit"), // bit(n>1) is a bit string
                row(Types.SMALLINT, INTEGER, c -> copy(int16(c), PgCopyDecoders.INT2), "int2", "smallserial"),
                row(Types.INTEGER, INTEGER, c -> copy(int32(c), PgCopyDecoders.INT4), "int4", "serial"),
                row(Types.BIGINT, INTEGER, c -> copy(int64(c), PgCopyDecoders.INT8), "int8", "bigserial"),
                row(Types.REAL, c -> copy(float32(c), PgCopyDecoders.FLOAT4), "float4"),
                row(Types.DOUBLE, c -> copy(float64(c), PgCopyDecoders.FLOAT8), "float8"),
                row(Types.NUMERIC, DECIMAL, c -> copy(numeric(c), PgCopyDecoders.NUMERIC), "numeric"),
                // int64 cents: 19 digits. The cast keeps every digit; a locale with more than two
                // fractional digits fails the read instead of rounding. COPY decodes the cast's numeric.
                row(Types.DOUBLE, c -> serverConversions ? new ColumnMapping(decimal(c, 19, 2).field(), decimal(c, 19, 2).reader(),
                        q -> q + "::numeric").withBulkDecoder(PgCopyDecoders.NUMERIC) : null, "money"),
                row(Types.DATE, DATE, c -> copy(new ColumnMapping(date(c).field(), PostgreSqlReaders.date()), PgCopyDecoders.DATE), "date"),
                row(Types.TIME, c -> copy(new ColumnMapping(time(c, TimeUnit.MICROSECOND).field(), PostgreSqlReaders.time()),
                        PgCopyDecoders.TIME), "time"),
                row(Types.TIMESTAMP, TIMESTAMP, c -> copy(new ColumnMapping(field(c, new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
                        PostgreSqlReaders.timestamp()), PgCopyDecoders.TIMESTAMP), "timestamp"),
                row(Types.TIMESTAMP, TIMESTAMP_TZ, c -> copy(new ColumnMapping(field(c, new ArrowType.Timestamp(TimeUnit.MICROSECOND,
                        "UTC")), PostgreSqlReaders.timestampTz()), PgCopyDecoders.TIMESTAMPTZ), "timestamptz"),
                row(Types.OTHER, c -> copy(new ColumnMapping(utf8(c).field(), PostgreSqlReaders.interval()), PgCopyDecoders.INTERVAL),
                        "interval"),
                row(Types.CHAR, STRING, text, "bpchar"),
                row(Types.VARCHAR, STRING, text, "varchar", "text"),
                row(Types.VARCHAR, text, "name"),
                row(Types.OTHER, c -> copy(utf8(c), PgCopyDecoders.TEXT), "json"),
                row(Types.SQLXML, c -> copy(utf8(c), PgCopyDecoders.TEXT), "xml"),
                row(Types.OTHER, c -> copy(utf8(c), PgCopyDecoders.JSONB), "jsonb"),
                row(Types.OTHER, StandardColumnMappings::utf8, "citext", "inet", "cidr", "macaddr", "macaddr8"),
                row(Types.BINARY, c -> copy(binary(c), PgCopyDecoders.BYTEA), "bytea"),
                row(Types.OTHER, c -> copy(uuid(c), PgCopyDecoders.UUID), "uuid"),
                TypeTable.unsupported(Types.BIGINT, "oid"),
                TypeTable.unsupported(Types.TIME, "timetz"));
    }

    /** The mapping with its binary COPY decoder (null stays null: the type does not fit). */
    private static ColumnMapping copy(ColumnMapping mapping, PgCopyDecoders.Binder decoder) {
        return mapping == null ? null : mapping.withBulkDecoder(decoder);
    }

    /**
     * {@code numeric(p,s)} as decimal128 exactly. PostgreSQL 15 allows a scale above the precision
     * ({@code numeric(3,5)} holds -0.00999..0.00999: every digit after the point, so decimal(5,5))
     * and a negative one ({@code numeric(5,-2)} holds multiples of 100 up to 9999900: integers of
     * 7 digits, so decimal(7,0)); Parquet needs 0 <= scale <= precision, so those are the types.
     */
    private static ColumnMapping numeric(JdbcColumn c) {
        ColumnMapping decimal = StandardColumnMappings.decimalIfFits(c, c.precision(), numericScale(c.scale()));
        return decimal == null ? null : new ColumnMapping(decimal.field(), PostgreSqlReaders.numeric());
    }

    /**
     * A numeric scale as PostgreSQL means it: it keeps the scale in 11 signed bits of the type
     * modifier, which pgjdbc reports unsigned (-2 as 2046). PostgreSQL's scales are -1000..1000.
     */
    static int numericScale(int reported) {
        return reported > 1000 ? ((reported & 0x7ff) ^ 0x400) - 0x400 : reported;
    }

    @Override
    public String unsupportedReason(JdbcColumn c) {
        String name = c.typeName().toLowerCase(Locale.ROOT);
        if (name.equals("numeric")) {
            int p = c.precision();
            int s = numericScale(c.scale());
            if (p == 0) {
                return "numeric without a declared precision holds up to 131072 digits, beyond decimal128's 38; "
                        + "declare numeric(p,s) with p <= 38, or cast it in a query (col::numeric(38,s))";
            }
            String type = "numeric(" + p + "," + s + ")";
            if (s < 0) {
                return type + " holds integers of up to " + (p - s) + " digits, beyond decimal128's 38; cast it in a "
                        + "query (col::numeric(38,0)) or read it with AS_STRING (exact text)";
            }
            return s > p
                    ? type + " holds " + s + " digits after the point, beyond decimal128's 38; cast it in a query "
                            + "(col::numeric(38,38)) or read it with AS_STRING (exact text)"
                    : JdbcTypeMapping.decimalBeyond(type, "col::numeric(38,s)");
        }
        if (name.equals("money")) {
            return "pgjdbc reads money only as locale-formatted text or an inexact double; select it as "
                    + "col::numeric(19,2) AS col in the query";
        }
        if (name.startsWith("_")) {
            return "PostgreSQL arrays have no Arrow mapping yet; AS_STRING reads the array literal "
                    + "(e.g. {1,NULL,3}), or convert it in a query (array_to_json(col)::text)";
        }
        if (name.equals("bit") || name.equals("varbit")) {
            return name + "(" + c.precision() + ") is a bit string, not a boolean; AS_STRING reads its digits (e.g. 10101)";
        }
        if (name.equals("timetz")) {
            return "Arrow has no time of day with an offset; AS_STRING reads it as text (e.g. 12:00:00+02)";
        }
        return JdbcTypeMapping.noExactType("PostgreSQL", c);
    }
}

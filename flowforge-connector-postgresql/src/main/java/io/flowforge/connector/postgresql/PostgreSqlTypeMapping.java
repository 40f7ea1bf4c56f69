package io.flowforge.connector.postgresql;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.jdbc.ColumnMapping;
import io.flowforge.connector.jdbc.JdbcColumn;
import io.flowforge.connector.jdbc.JdbcTypeMapping;
import io.flowforge.connector.jdbc.StandardColumnMappings;
import io.flowforge.connector.jdbc.StandardColumnReaders;
import java.sql.Types;
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

    /** Every PostgreSQL type name this mapping supports by name; README.md lists exactly these. */
    public static final Set<String> SUPPORTED_TYPE_NAMES = Set.of(
            "bool", "bit", "int2", "int4", "int8", "smallserial", "serial", "bigserial", "float4", "float8",
            "numeric", "money", "date", "time", "timestamp", "timestamptz", "interval",
            "bpchar", "varchar", "text", "name", "citext", "json", "jsonb", "xml", "inet", "cidr", "macaddr",
            "macaddr8", "bytea", "uuid");


    private final boolean serverConversions;
    private final boolean utf8Wire;

    /** The mapping for table reads, which select {@code money} as {@code numeric}. */
    public PostgreSqlTypeMapping() {
        this(true, true);
    }

    private PostgreSqlTypeMapping(boolean serverConversions, boolean utf8Wire) {
        this.serverConversions = serverConversions;
        this.utf8Wire = utf8Wire;
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
        String name = c.typeName().toLowerCase(Locale.ROOT);
        return Optional.ofNullable(switch (name) {
            case "bool" -> copy(StandardColumnMappings.bool(c), PgCopyDecoders.BOOL);
            case "bit" -> c.precision() == 1 ? copy(StandardColumnMappings.bool(c), PgCopyDecoders.BIT) : null; // bit(n>1) is a bit string
            case "int2", "smallserial" -> copy(StandardColumnMappings.int16(c), PgCopyDecoders.INT2);
            case "int4", "serial" -> copy(StandardColumnMappings.int32(c), PgCopyDecoders.INT4);
            case "int8", "bigserial" -> copy(StandardColumnMappings.int64(c), PgCopyDecoders.INT8);
            case "float4" -> copy(StandardColumnMappings.float32(c), PgCopyDecoders.FLOAT4);
            case "float8" -> copy(StandardColumnMappings.float64(c), PgCopyDecoders.FLOAT8);
            case "numeric" -> copy(numeric(c), PgCopyDecoders.NUMERIC);
            // int64 cents: 19 digits. The cast keeps every digit; a locale with more than two
            // fractional digits fails the read instead of rounding. COPY decodes the cast's numeric.
            case "money" -> serverConversions
                    ? new ColumnMapping(StandardColumnMappings.decimal(c, 19, 2).field(),
                            StandardColumnMappings.decimal(c, 19, 2).reader(), q -> q + "::numeric").withBulkDecoder(PgCopyDecoders.NUMERIC)
                    : null;
            case "date" -> copy(new ColumnMapping(StandardColumnMappings.date(c).field(), PostgreSqlReaders.date()), PgCopyDecoders.DATE);
            case "time" -> copy(new ColumnMapping(StandardColumnMappings.time(c, TimeUnit.MICROSECOND).field(),
                    PostgreSqlReaders.time()), PgCopyDecoders.TIME);
            case "timestamp" -> copy(new ColumnMapping(
                    StandardColumnMappings.field(c, new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
                    PostgreSqlReaders.timestamp()), PgCopyDecoders.TIMESTAMP);
            case "timestamptz" -> copy(new ColumnMapping(
                    StandardColumnMappings.field(c, new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
                    PostgreSqlReaders.timestampTz()), PgCopyDecoders.TIMESTAMPTZ);
            case "interval" -> copy(new ColumnMapping(StandardColumnMappings.utf8(c).field(), PostgreSqlReaders.interval()),
                    PgCopyDecoders.INTERVAL);
            case "bpchar", "varchar", "text", "name" -> copy(utf8Wire
                    ? new ColumnMapping(StandardColumnMappings.utf8(c).field(), StandardColumnReaders.utf8FromDriverBytes())
                    : StandardColumnMappings.utf8(c), PgCopyDecoders.TEXT);
            case "json", "xml" -> copy(StandardColumnMappings.utf8(c), PgCopyDecoders.TEXT);
            case "jsonb" -> copy(StandardColumnMappings.utf8(c), PgCopyDecoders.JSONB);
            case "citext", "inet", "cidr", "macaddr", "macaddr8" -> StandardColumnMappings.utf8(c);
            case "bytea" -> copy(StandardColumnMappings.binary(c), PgCopyDecoders.BYTEA);
            case "uuid" -> copy(StandardColumnMappings.uuid(c), PgCopyDecoders.UUID);
            default -> byJdbcType(c);
        });
    }

    /** The mapping with its binary COPY decoder (null stays null: the type does not fit). */
    private static ColumnMapping copy(ColumnMapping mapping, PgCopyDecoders.Binder decoder) {
        return mapping == null ? null : mapping.withBulkDecoder(decoder);
    }

    /**
     * Names the table does not know: enums (pgjdbc reports them as VARCHAR with the enum's name) and
     * domains over text read as text; nothing else is guessed from the code.
     */
    private static ColumnMapping byJdbcType(JdbcColumn c) {
        return switch (c.jdbcType()) {
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR -> StandardColumnMappings.utf8(c);
            default -> null;
        };
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
                    : type + " is beyond decimal128's 38 digits; cast it in a query (col::numeric(38,s)) or read it "
                            + "with AS_STRING (exact text)";
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
        return "no exact Arrow type for PostgreSQL type " + c.typeName() + " (JDBC type " + c.jdbcType()
                + "); read it with AS_STRING or SKIP, or convert it in a query";
    }
}

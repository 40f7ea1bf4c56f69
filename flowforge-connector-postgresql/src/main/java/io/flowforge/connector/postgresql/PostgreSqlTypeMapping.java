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
            case "bool" -> StandardColumnMappings.bool(c);
            case "bit" -> c.precision() == 1 ? StandardColumnMappings.bool(c) : null; // bit(n>1) is a bit string
            case "int2", "smallserial" -> StandardColumnMappings.int16(c);
            case "int4", "serial" -> StandardColumnMappings.int32(c);
            case "int8", "bigserial" -> StandardColumnMappings.int64(c);
            case "float4" -> StandardColumnMappings.float32(c);
            case "float8" -> StandardColumnMappings.float64(c);
            case "numeric" -> decimalFits(c)
                    ? new ColumnMapping(StandardColumnMappings.decimal(c, c.precision(), c.scale()).field(), PostgreSqlReaders.numeric())
                    : null;
            // int64 cents: 19 digits. The cast keeps every digit; a locale with more than two
            // fractional digits fails the read instead of rounding.
            case "money" -> serverConversions
                    ? new ColumnMapping(StandardColumnMappings.decimal(c, 19, 2).field(),
                            StandardColumnMappings.decimal(c, 19, 2).reader(), q -> q + "::numeric")
                    : null;
            case "date" -> new ColumnMapping(StandardColumnMappings.date(c).field(), PostgreSqlReaders.date());
            case "time" -> new ColumnMapping(StandardColumnMappings.time(c, TimeUnit.MICROSECOND).field(), PostgreSqlReaders.time());
            case "timestamp" -> new ColumnMapping(
                    StandardColumnMappings.field(c, new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
                    PostgreSqlReaders.timestamp());
            case "timestamptz" -> new ColumnMapping(
                    StandardColumnMappings.field(c, new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
                    PostgreSqlReaders.timestampTz());
            case "interval" -> new ColumnMapping(StandardColumnMappings.utf8(c).field(), PostgreSqlReaders.interval());
            case "bpchar", "varchar", "text", "name" -> utf8Wire
                    ? new ColumnMapping(StandardColumnMappings.utf8(c).field(), StandardColumnReaders.utf8FromDriverBytes())
                    : StandardColumnMappings.utf8(c);
            case "citext", "json", "jsonb", "xml", "inet", "cidr", "macaddr", "macaddr8" -> StandardColumnMappings.utf8(c);
            case "bytea" -> StandardColumnMappings.binary(c);
            case "uuid" -> StandardColumnMappings.uuid(c);
            default -> byJdbcType(c);
        });
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

    private static boolean decimalFits(JdbcColumn c) {
        return c.precision() >= 1 && c.precision() <= 38 && c.scale() >= 0 && c.scale() <= c.precision();
    }

    @Override
    public String unsupportedReason(JdbcColumn c) {
        String name = c.typeName().toLowerCase(Locale.ROOT);
        if (name.equals("numeric")) {
            return c.precision() == 0
                    ? "numeric without a declared precision holds up to 131072 digits, beyond decimal128's 38; "
                            + "declare numeric(p,s) with p <= 38, or cast it in a query (col::numeric(38,s))"
                    : "numeric(" + c.precision() + "," + c.scale() + ") is beyond decimal128's 38 digits (or has a "
                            + "negative scale); cast it in a query (col::numeric(38,s))";
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

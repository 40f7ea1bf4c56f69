package io.flowforge.connector.postgresql;

import io.flowforge.connector.TableId;
import io.flowforge.connector.TableInfo;
import io.flowforge.connector.jdbc.CatalogQueries;
import io.flowforge.connector.jdbc.JdbcColumn;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * PostgreSQL's catalog read through {@code pg_catalog}: tables and views with the planner's row
 * estimate, columns with their base type, precision and scale decoded from the type modifier, and
 * primary keys. Names are always bound as parameters.
 */
final class PostgreSqlCatalog {

    /**
     * Tables ({@code r}), partitioned tables ({@code p}), foreign tables ({@code f}), views
     * ({@code v}) and materialized views ({@code m}) outside the system schemas; partitions are left
     * out because their parent reads them. {@code reltuples} is the estimate ANALYZE and VACUUM
     * keep; it is -1 for a table never analyzed (PostgreSQL 14+), reported as unknown.
     */
    static final String LIST_TABLES_SQL = "SELECT n.nspname, c.relname, c.relkind, c.reltuples"
            + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm') AND NOT c.relispartition"
            + " AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'";

    /**
     * Columns in order with their base type (a domain resolves to the type it is built on, as the
     * server reports it in query results), the type modifier and nullability.
     */
    static final String COLUMNS_SQL = "SELECT a.attname,"
            + " CASE WHEN t.typtype = 'd' THEN bt.typname ELSE t.typname END AS type_name,"
            + " CASE WHEN t.typtype = 'd' THEN bt.typtype ELSE t.typtype END AS type_kind,"
            + " CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END AS type_modifier,"
            + " NOT (a.attnotnull OR t.typnotnull) AS nullable"
            + " FROM pg_catalog.pg_attribute a"
            + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
            + " LEFT JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype"
            + " WHERE n.nspname = COALESCE(?, current_schema()) AND c.relname = ?"
            + " AND c.relkind IN ('r', 'p', 'f', 'v', 'm') AND a.attnum > 0 AND NOT a.attisdropped"
            + " ORDER BY a.attnum";

    /** The primary key's columns in key order. */
    static final String PRIMARY_KEY_SQL = "SELECT a.attname"
            + " FROM pg_catalog.pg_index i"
            + " JOIN pg_catalog.pg_class c ON c.oid = i.indrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)"
            + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum"
            + " WHERE i.indisprimary AND n.nspname = COALESCE(?, current_schema()) AND c.relname = ?"
            + " ORDER BY k.position";

    // The JDBC code pgjdbc reports for each base type in query results, so catalog columns and
    // result set columns look alike to the type mapping.
    private static final Map<String, Integer> JDBC_TYPES = Map.ofEntries(
            Map.entry("bool", Types.BIT), Map.entry("bit", Types.BIT), Map.entry("int2", Types.SMALLINT),
            Map.entry("int4", Types.INTEGER), Map.entry("int8", Types.BIGINT), Map.entry("oid", Types.BIGINT),
            Map.entry("float4", Types.REAL), Map.entry("float8", Types.DOUBLE), Map.entry("money", Types.DOUBLE),
            Map.entry("numeric", Types.NUMERIC), Map.entry("bpchar", Types.CHAR), Map.entry("varchar", Types.VARCHAR),
            Map.entry("text", Types.VARCHAR), Map.entry("name", Types.VARCHAR), Map.entry("bytea", Types.BINARY),
            Map.entry("date", Types.DATE), Map.entry("time", Types.TIME), Map.entry("timetz", Types.TIME),
            Map.entry("timestamp", Types.TIMESTAMP), Map.entry("timestamptz", Types.TIMESTAMP),
            Map.entry("xml", Types.SQLXML));

    private PostgreSqlCatalog() {}

    static List<TableInfo> listTables(Connection connection) throws SQLException {
        return CatalogQueries.tables(connection, LIST_TABLES_SQL, (rs, i) -> {
            String kind = rs.getString("relkind");
            boolean view = kind.equals("v") || kind.equals("m");
            double estimate = rs.getDouble("reltuples");
            OptionalLong count = view || estimate < 0 ? OptionalLong.empty() : OptionalLong.of(Math.round(estimate));
            return new TableInfo(TableId.of(rs.getString("nspname"), rs.getString("relname")),
                    view ? TableInfo.Kind.VIEW : TableInfo.Kind.TABLE, count);
        });
    }

    static List<JdbcColumn> columns(Connection connection, TableId table) throws SQLException {
        return CatalogQueries.forTable(connection, COLUMNS_SQL, table, false, (rs, i) -> column(rs.getString("attname"),
                i, rs.getString("type_name"), rs.getString("type_kind"), rs.getInt("type_modifier"), rs.getBoolean("nullable")));
    }

    static List<String> primaryKey(Connection connection, TableId table) throws SQLException {
        return CatalogQueries.forTable(connection, PRIMARY_KEY_SQL, table, false, (rs, i) -> rs.getString(1));
    }

    /**
     * A catalog row as the JDBC column pgjdbc would report for it. The type modifier holds
     * numeric's precision and scale ({@code ((p << 16) | (s & 0x7ff)) + 4}, the scale in 11 signed
     * bits since PostgreSQL 15 allows -1000..1000), the fractional digits of time
     * types (-1: the default 6) and the length of character and bit types.
     */
    static JdbcColumn column(String name, int ordinal, String typeName, String typeKind, int modifier, boolean nullable) {
        int precision;
        int scale = 0;
        switch (typeName) {
            case "numeric" -> {
                precision = modifier < 4 ? 0 : ((modifier - 4) >> 16) & 0xffff;
                scale = modifier < 4 ? 0 : PostgreSqlTypeMapping.numericScale((modifier - 4) & 0xffff);
            }
            case "timestamp", "timestamptz", "time", "timetz", "interval" -> {
                scale = modifier < 0 ? 6 : modifier & 0xffff;
                precision = switch (typeName) {
                    case "timestamp" -> 26;
                    case "timestamptz" -> 35;
                    case "time" -> 15;
                    case "timetz" -> 21;
                    default -> 49;
                };
            }
            case "bpchar", "varchar" -> precision = modifier < 4 ? Integer.MAX_VALUE : modifier - 4;
            case "bit", "varbit" -> precision = modifier < 0 ? (typeName.equals("bit") ? 1 : Integer.MAX_VALUE) : modifier;
            case "bool" -> precision = 1;
            case "int2" -> precision = 5;
            case "int4" -> precision = 10;
            case "int8" -> precision = 19;
            case "date" -> precision = 13;
            default -> precision = Integer.MAX_VALUE;
        }
        int jdbcType;
        if (typeName.startsWith("_")) {
            jdbcType = Types.ARRAY;
        } else if ("e".equals(typeKind)) {
            jdbcType = Types.VARCHAR; // enums read as their label, as pgjdbc reports them
        } else {
            jdbcType = JDBC_TYPES.getOrDefault(typeName, Types.OTHER);
        }
        return new JdbcColumn(name, ordinal, jdbcType, typeName, precision, scale, nullable);
    }
}

package io.flowforge.connector.mysql;

import io.flowforge.connector.TableId;
import io.flowforge.connector.TableInfo;
import io.flowforge.connector.jdbc.CatalogQueries;
import io.flowforge.connector.jdbc.JdbcColumn;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * MySQL's and MariaDB's catalog read through {@code information_schema}. A schema is a database:
 * {@code TableId.schema} names it, and a table without one is looked up in the connection's
 * database. Names are always bound as parameters.
 */
final class MySqlCatalog {

    /**
     * Tables and views of the connection's database, or of every non-system database when the
     * connection names none. {@code TABLE_ROWS} is the storage engine's estimate (InnoDB samples
     * pages; {@code ANALYZE TABLE} refreshes it), exact only for MyISAM.
     */
    static final String LIST_TABLES_SQL = "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, TABLE_ROWS"
            + " FROM information_schema.TABLES"
            + " WHERE TABLE_TYPE IN ('BASE TABLE', 'VIEW', 'SYSTEM VERSIONED')"
            + " AND (TABLE_SCHEMA = DATABASE() OR (DATABASE() IS NULL"
            + " AND TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')))";

    /** Columns in order, with the full column type (for UNSIGNED and bit lengths) and fractional-second digits. */
    static final String COLUMNS_SQL = "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, NUMERIC_PRECISION, NUMERIC_SCALE,"
            + " DATETIME_PRECISION, CHARACTER_MAXIMUM_LENGTH, IS_NULLABLE"
            + " FROM information_schema.COLUMNS"
            + " WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?"
            + " ORDER BY ORDINAL_POSITION";

    /** The primary key's columns in key order. */
    static final String PRIMARY_KEY_SQL = "SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE"
            + " WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY'"
            + " ORDER BY ORDINAL_POSITION";

    // The JDBC code MariaDB Connector/J reports in query results (with tinyInt1isBit=false), so
    // catalog columns and result set columns look alike to the type mapping.
    private static final Map<String, Integer> JDBC_TYPES = Map.ofEntries(
            Map.entry("tinyint", Types.TINYINT), Map.entry("smallint", Types.SMALLINT),
            Map.entry("mediumint", Types.INTEGER), Map.entry("int", Types.INTEGER), Map.entry("bigint", Types.BIGINT),
            Map.entry("decimal", Types.DECIMAL), Map.entry("float", Types.REAL), Map.entry("double", Types.DOUBLE),
            Map.entry("bit", Types.BIT), Map.entry("date", Types.DATE), Map.entry("datetime", Types.TIMESTAMP),
            Map.entry("timestamp", Types.TIMESTAMP), Map.entry("time", Types.TIME), Map.entry("year", Types.DATE),
            Map.entry("char", Types.CHAR), Map.entry("varchar", Types.VARCHAR), Map.entry("tinytext", Types.VARCHAR),
            Map.entry("text", Types.VARCHAR), Map.entry("mediumtext", Types.VARCHAR), Map.entry("longtext", Types.LONGVARCHAR),
            Map.entry("enum", Types.CHAR), Map.entry("set", Types.CHAR), Map.entry("json", Types.LONGVARCHAR),
            Map.entry("binary", Types.BINARY), Map.entry("varbinary", Types.VARBINARY), Map.entry("tinyblob", Types.VARBINARY),
            Map.entry("blob", Types.VARBINARY), Map.entry("mediumblob", Types.VARBINARY), Map.entry("longblob", Types.LONGVARBINARY),
            Map.entry("uuid", Types.OTHER), Map.entry("inet4", Types.CHAR), Map.entry("inet6", Types.CHAR));

    private MySqlCatalog() {}

    static List<TableInfo> listTables(Connection connection) throws SQLException {
        return CatalogQueries.tables(connection, LIST_TABLES_SQL, (rs, i) -> {
            boolean view = "VIEW".equals(rs.getString("TABLE_TYPE"));
            long rows = rs.getLong("TABLE_ROWS");
            OptionalLong count = view || rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(rows);
            return new TableInfo(TableId.of(rs.getString("TABLE_SCHEMA"), rs.getString("TABLE_NAME")),
                    view ? TableInfo.Kind.VIEW : TableInfo.Kind.TABLE, count);
        });
    }

    static List<JdbcColumn> columns(Connection connection, TableId table) throws SQLException {
        return CatalogQueries.forTable(connection, COLUMNS_SQL, table, false, (rs, i) -> column(
                rs.getString("COLUMN_NAME"), i, rs.getString("DATA_TYPE"), rs.getString("COLUMN_TYPE"),
                rs.getLong("NUMERIC_PRECISION"), rs.getLong("NUMERIC_SCALE"), rs.getLong("DATETIME_PRECISION"),
                rs.getLong("CHARACTER_MAXIMUM_LENGTH"), "YES".equals(rs.getString("IS_NULLABLE"))));
    }

    static List<String> primaryKey(Connection connection, TableId table) throws SQLException {
        return CatalogQueries.forTable(connection, PRIMARY_KEY_SQL, table, false, (rs, i) -> rs.getString(1));
    }

    /**
     * A catalog row as the JDBC column the driver would report for it: the type name in capitals
     * with {@code UNSIGNED} when the column type says so ({@code BIGINT UNSIGNED}), the bit length
     * of {@code bit(n)} as its precision, and the fractional-second digits as the scale of
     * {@code datetime(p)}, {@code timestamp(p)} and {@code time(p)}.
     */
    static JdbcColumn column(String name, int ordinal, String dataType, String columnType, long numericPrecision,
            long numericScale, long datetimePrecision, long characterLength, boolean nullable) {
        String type = dataType.toLowerCase(Locale.ROOT);
        boolean unsigned = columnType != null && columnType.toLowerCase(Locale.ROOT).contains("unsigned");
        String typeName = type.toUpperCase(Locale.ROOT) + (unsigned ? " UNSIGNED" : "");
        int precision;
        int scale = 0;
        switch (type) {
            case "datetime", "timestamp" -> {
                scale = (int) datetimePrecision;
                precision = 19 + (scale > 0 ? scale + 1 : 0);
            }
            case "time" -> {
                scale = (int) datetimePrecision;
                precision = 10 + (scale > 0 ? scale + 1 : 0);
            }
            case "decimal" -> {
                precision = (int) numericPrecision;
                scale = (int) numericScale;
            }
            case "year" -> precision = 4;
            case "date" -> precision = 10;
            default -> precision = (int) Math.min(Integer.MAX_VALUE,
                    numericPrecision > 0 ? numericPrecision : Math.max(0, characterLength));
        }
        int jdbcType = JDBC_TYPES.getOrDefault(type, Types.OTHER);
        return new JdbcColumn(name, ordinal, jdbcType, typeName, precision, scale, nullable);
    }
}

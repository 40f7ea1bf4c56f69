package io.flowforge.connector.sqlserver;

import io.flowforge.connector.TableId;
import io.flowforge.connector.TableInfo;
import io.flowforge.connector.jdbc.JdbcCatalog;
import io.flowforge.connector.jdbc.JdbcColumn;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * SQL Server's catalog read through {@code sys.*}: tables and views with row estimates, columns
 * with their base types, and primary keys. Names are always bound as parameters.
 */
final class SqlServerCatalog {

    /**
     * User tables and views. Row counts come from {@code sys.partitions} (heap or clustered index,
     * index_id 0 or 1): the same per-partition counts as {@code sys.dm_db_partition_stats}, without
     * that view's VIEW DATABASE STATE permission, so a plain reader can list tables. Objects the
     * management tools create are left out: {@code dbo.sysdiagrams} (SSMS's database diagrams) is
     * not {@code is_ms_shipped}, but it carries the extended property
     * {@code microsoft_database_tools_support}, which is how SSMS itself hides it.
     */
    static final String LIST_TABLES_SQL = "SELECT s.name AS schema_name, o.name AS object_name, o.type AS object_type,"
            + " (SELECT SUM(p.rows) FROM sys.partitions p WHERE p.object_id = o.object_id AND p.index_id IN (0, 1)) AS row_count"
            + " FROM sys.objects o JOIN sys.schemas s ON s.schema_id = o.schema_id"
            + " WHERE o.type IN ('U', 'V') AND o.is_ms_shipped = 0"
            + " AND NOT EXISTS (SELECT 1 FROM sys.extended_properties ep WHERE ep.class = 1 AND ep.major_id = o.object_id"
            + " AND ep.minor_id = 0 AND ep.name = N'microsoft_database_tools_support')";

    /**
     * Columns with their base type: alias types (e.g. {@code sysname}) resolve through
     * {@code system_type_id}; CLR types (system_type_id 240: geography, geometry, hierarchyid and
     * user CLR types) keep their own name, since they share one system type.
     */
    static final String COLUMNS_SQL = "SELECT c.name, c.column_id,"
            + " CASE WHEN c.system_type_id = 240 THEN ut.name ELSE COALESCE(bt.name, ut.name) END AS type_name,"
            + " c.max_length, c.precision, c.scale, c.is_nullable, c.collation_name"
            + " FROM sys.columns c"
            + " JOIN sys.objects o ON o.object_id = c.object_id"
            + " JOIN sys.schemas s ON s.schema_id = o.schema_id"
            + " JOIN sys.types ut ON ut.user_type_id = c.user_type_id"
            + " LEFT JOIN sys.types bt ON bt.user_type_id = c.system_type_id"
            + " WHERE o.type IN ('U', 'V') AND s.name = COALESCE(?, SCHEMA_NAME()) AND o.name = ?"
            + " ORDER BY c.column_id";

    /** The primary key's columns in key order. */
    static final String PRIMARY_KEY_SQL = "SELECT c.name"
            + " FROM sys.indexes i"
            + " JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id"
            + " JOIN sys.columns c ON c.object_id = ic.object_id AND c.column_id = ic.column_id"
            + " JOIN sys.objects o ON o.object_id = i.object_id"
            + " JOIN sys.schemas s ON s.schema_id = o.schema_id"
            + " WHERE i.is_primary_key = 1 AND s.name = COALESCE(?, SCHEMA_NAME()) AND o.name = ?"
            + " ORDER BY ic.key_ordinal";

    // The JDBC code mssql-jdbc reports for each base type, so catalog columns and result set
    // columns look alike to the type mapping (docs/reference: sqlserver-types.md).
    private static final Map<String, Integer> JDBC_TYPES = Map.ofEntries(
            Map.entry("bit", Types.BIT), Map.entry("tinyint", Types.TINYINT), Map.entry("smallint", Types.SMALLINT),
            Map.entry("int", Types.INTEGER), Map.entry("bigint", Types.BIGINT), Map.entry("decimal", Types.DECIMAL),
            Map.entry("numeric", Types.NUMERIC), Map.entry("money", Types.DECIMAL), Map.entry("smallmoney", Types.DECIMAL),
            Map.entry("float", Types.DOUBLE), Map.entry("real", Types.REAL), Map.entry("date", Types.DATE),
            Map.entry("time", Types.TIME), Map.entry("datetime", Types.TIMESTAMP), Map.entry("datetime2", Types.TIMESTAMP),
            Map.entry("smalldatetime", Types.TIMESTAMP), Map.entry("datetimeoffset", microsoft.sql.Types.DATETIMEOFFSET),
            Map.entry("char", Types.CHAR), Map.entry("varchar", Types.VARCHAR), Map.entry("nchar", Types.NCHAR),
            Map.entry("nvarchar", Types.NVARCHAR), Map.entry("text", Types.LONGVARCHAR), Map.entry("ntext", Types.LONGNVARCHAR),
            Map.entry("xml", Types.LONGNVARCHAR), Map.entry("json", microsoft.sql.Types.JSON),
            Map.entry("binary", Types.BINARY), Map.entry("varbinary", Types.VARBINARY), Map.entry("image", Types.LONGVARBINARY),
            Map.entry("timestamp", Types.BINARY), Map.entry("uniqueidentifier", Types.CHAR),
            Map.entry("sql_variant", microsoft.sql.Types.SQL_VARIANT), Map.entry("geography", microsoft.sql.Types.GEOGRAPHY),
            Map.entry("geometry", microsoft.sql.Types.GEOMETRY), Map.entry("vector", microsoft.sql.Types.VECTOR));

    private SqlServerCatalog() {}

    /** The catalog as data, its names bound as nvarchar; views have no row count. */
    static final JdbcCatalog CATALOG = new JdbcCatalog(LIST_TABLES_SQL, null, (rs, i) -> {
        boolean view = "V".equals(rs.getString("object_type").trim());
        long rows = rs.getLong("row_count");
        return new TableInfo(TableId.of(rs.getString("schema_name"), rs.getString("object_name")),
                view ? TableInfo.Kind.VIEW : TableInfo.Kind.TABLE, rs.wasNull() || view ? OptionalLong.empty() : OptionalLong.of(rows));
    }, COLUMNS_SQL, (rs, i) -> column(rs.getString("name"), rs.getInt("column_id"), rs.getString("type_name"),
            rs.getInt("max_length"), rs.getInt("precision"), rs.getInt("scale"), rs.getBoolean("is_nullable"),
            rs.getString("collation_name")), PRIMARY_KEY_SQL, true);

    /** {@link #column(String, int, String, int, int, int, boolean, String)} without a collation. */
    static JdbcColumn column(String name, int ordinal, String typeName, int maxLength, int precision, int scale,
            boolean nullable) {
        return column(name, ordinal, typeName, maxLength, precision, scale, nullable, null);
    }

    /**
     * A catalog row as the JDBC column mssql-jdbc would report for it: lengths of n-types in
     * characters (max_length / 2), (max) and LOB types at the driver's 2147483647 / 1073741823, and
     * the driver's precisions where {@code sys.columns} counts differently (float 15 and real 7
     * decimal digits where the catalog has 53 and 24 bits; sql_variant 0 where the catalog has
     * none and max_length is 8016).
     */
    static JdbcColumn column(String name, int ordinal, String typeName, int maxLength, int precision, int scale,
            boolean nullable, String collation) {
        String type = typeName.toLowerCase(Locale.ROOT);
        boolean unicode = type.equals("nchar") || type.equals("nvarchar") || type.equals("ntext") || type.equals("xml")
                || type.equals("json");
        int reportedPrecision;
        if (type.equals("text") || type.equals("image") || (maxLength == -1 && !unicode)) {
            reportedPrecision = Integer.MAX_VALUE;
        } else if (unicode && (maxLength == -1 || type.equals("ntext") || type.equals("xml") || type.equals("json"))) {
            reportedPrecision = Integer.MAX_VALUE / 2;
        } else if (type.equals("uniqueidentifier")) {
            reportedPrecision = 36;
        } else if (type.equals("float")) {
            reportedPrecision = 15;
        } else if (type.equals("real")) {
            reportedPrecision = 7;
        } else if (type.equals("sql_variant")) {
            reportedPrecision = 0;
        } else if (precision > 0) {
            reportedPrecision = precision;
        } else {
            reportedPrecision = unicode ? maxLength / 2 : maxLength;
        }
        // CLR user-defined types come back from the driver as VARBINARY with their own name.
        int jdbcType = JDBC_TYPES.getOrDefault(type, Types.VARBINARY);
        return new JdbcColumn(name, ordinal, jdbcType, typeName, reportedPrecision, scale, nullable, collation);
    }
}

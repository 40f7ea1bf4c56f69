package io.flowforge.connector.jdbc;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.PublicEvolving;
import io.flowforge.connector.TableId;
import io.flowforge.connector.TableInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * A {@link JdbcCatalog} over the SQL standard's {@code information_schema} ({@code TABLES},
 * {@code COLUMNS}, {@code TABLE_CONSTRAINTS} and {@code KEY_COLUMN_USAGE}), which MySQL, MariaDB,
 * H2, SQL Server, Snowflake and others keep. The queries, their parameters and the row loops are
 * written here once; a database states only what is its own:
 * <ul>
 *   <li>the SQL expression of the connection's current schema ({@code DATABASE()},
 *   {@code CURRENT_SCHEMA}): a table without a schema is looked up there, and the listing shows
 *   that schema's tables (every non-system schema's when the expression is NULL);</li>
 *   <li>its system schemas, its table types beyond {@code BASE TABLE} and {@code VIEW}, and the
 *   column of {@code TABLES} holding a row estimate, if it keeps one;</li>
 *   <li>how a row of {@code COLUMNS} becomes the {@link JdbcColumn} its driver would report for a
 *   query's result (type name, JDBC code, precision), from the standard columns and any
 *   {@code extraColumns} of its own.</li>
 * </ul>
 */
@PublicEvolving
public final class InformationSchemaCatalog {

    private InformationSchemaCatalog() {}

    /**
     * A row of {@code information_schema.COLUMNS}: the standard's columns (0 for NULL numbers) and
     * the row itself for a database's own columns.
     */
    public record ColumnRow(String name, int ordinal, String dataType, long numericPrecision, long numericScale,
            long datetimePrecision, long characterLength, boolean nullable, ResultSet row) {

        /** The standard's precision: the numeric precision, else the character length (capped to an int), else 0. */
        public int precision() {
            return (int) Math.min(Integer.MAX_VALUE, numericPrecision > 0 ? numericPrecision : Math.max(0, characterLength));
        }

        /** The standard's scale: the fractional-second digits of a temporal type, else the numeric scale. */
        public int scale() {
            return (int) (datetimePrecision > 0 ? datetimePrecision : numericScale);
        }
    }

    /** Turns a {@link ColumnRow} into the column the database's driver reports. */
    @FunctionalInterface
    public interface ColumnDecoder {
        JdbcColumn decode(ColumnRow column) throws SQLException;
    }

    /**
     * The catalog.
     *
     * @param currentSchema SQL of the connection's schema, e.g. {@code DATABASE()}
     * @param systemSchemas schemas never listed when the connection has no current schema
     * @param moreTableTypes {@code TABLE_TYPE} values read as tables besides {@code BASE TABLE}
     * @param rowEstimateColumn the column of {@code TABLES} with the row estimate, or null
     * @param extraColumns columns of {@code COLUMNS} the decoder reads besides the standard ones
     */
    public static JdbcCatalog of(String currentSchema, List<String> systemSchemas, List<String> moreTableTypes,
            String rowEstimateColumn, List<String> extraColumns, ColumnDecoder decoder) {
        requireNonNull(currentSchema, "currentSchema is null");
        requireNonNull(decoder, "decoder is null");
        List<String> types = new ArrayList<>(List.of("BASE TABLE", "VIEW"));
        types.addAll(moreTableTypes);
        String tables = "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE"
                + (rowEstimateColumn == null ? "" : ", " + rowEstimateColumn + " AS ROW_ESTIMATE")
                + " FROM information_schema.TABLES WHERE TABLE_TYPE IN (" + literals(types) + ")";
        String listSql = tables + " AND (TABLE_SCHEMA = " + currentSchema + " OR (" + currentSchema + " IS NULL"
                + (systemSchemas.isEmpty() ? "" : " AND TABLE_SCHEMA NOT IN (" + literals(systemSchemas) + ")") + "))";
        String thisTable = "TABLE_SCHEMA = COALESCE(?, " + currentSchema + ") AND TABLE_NAME = ?";
        String columnsSql = "SELECT COLUMN_NAME, DATA_TYPE, NUMERIC_PRECISION, NUMERIC_SCALE,"
                + " DATETIME_PRECISION, CHARACTER_MAXIMUM_LENGTH, IS_NULLABLE"
                + extraColumns.stream().map(c -> ", " + c).collect(Collectors.joining())
                + " FROM information_schema.COLUMNS WHERE " + thisTable + " ORDER BY ORDINAL_POSITION";
        String primaryKeySql = "SELECT k.COLUMN_NAME FROM information_schema.TABLE_CONSTRAINTS t"
                + " JOIN information_schema.KEY_COLUMN_USAGE k ON k.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA"
                + " AND k.CONSTRAINT_NAME = t.CONSTRAINT_NAME AND k.TABLE_SCHEMA = t.TABLE_SCHEMA AND k.TABLE_NAME = t.TABLE_NAME"
                + " WHERE t.CONSTRAINT_TYPE = 'PRIMARY KEY' AND t.TABLE_SCHEMA = COALESCE(?, " + currentSchema + ")"
                + " AND t.TABLE_NAME = ?"
                + " ORDER BY k.ORDINAL_POSITION";
        return new JdbcCatalog(listSql, tables + " AND " + thisTable, (rs, i) -> table(rs, rowEstimateColumn != null), columnsSql,
                (rs, i) -> decoder.decode(new ColumnRow(rs.getString("COLUMN_NAME"), i, rs.getString("DATA_TYPE"),
                        rs.getLong("NUMERIC_PRECISION"), rs.getLong("NUMERIC_SCALE"), rs.getLong("DATETIME_PRECISION"),
                        rs.getLong("CHARACTER_MAXIMUM_LENGTH"), "YES".equals(rs.getString("IS_NULLABLE")), rs)),
                primaryKeySql, false);
    }

    /** A view, or a table with its row estimate where the database keeps one. */
    private static TableInfo table(ResultSet rs, boolean estimated) throws SQLException {
        boolean view = "VIEW".equals(rs.getString("TABLE_TYPE"));
        long rows = estimated && !view ? rs.getLong("ROW_ESTIMATE") : 0;
        boolean known = estimated && !view && !rs.wasNull();
        return new TableInfo(TableId.of(rs.getString("TABLE_SCHEMA"), rs.getString("TABLE_NAME")),
                view ? TableInfo.Kind.VIEW : TableInfo.Kind.TABLE, known ? OptionalLong.of(rows) : OptionalLong.empty());
    }

    private static String literals(List<String> values) {
        return values.stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(", "));
    }
}

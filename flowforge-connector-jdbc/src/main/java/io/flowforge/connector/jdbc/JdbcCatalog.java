package io.flowforge.connector.jdbc;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.PublicEvolving;
import io.flowforge.connector.TableId;
import io.flowforge.connector.TableInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A database's catalog described as data: its SQL (over {@code sys.*}, {@code pg_catalog},
 * {@code information_schema}...) and how one row becomes a table or a column. A dialect returns
 * one from {@link JdbcDialect#catalog()}; this class runs it: the statement, the binding of a
 * table's schema and name (parameters 1 and 2, always bound, never spliced), and the row loop.
 *
 * @param tablesSql user tables and views, no parameters; rows read by {@code tableRow}
 * @param tableSql one table's row, same columns as {@code tablesSql}, parameters schema and name;
 *        {@code null} to find the table in {@code tablesSql}'s rows
 * @param tableRow a row of {@code tablesSql} or {@code tableSql} as a table
 * @param columnsSql a table's columns in order, parameters schema and name
 * @param columnRow a row of {@code columnsSql} as a column ({@code position} is its 1-based ordinal)
 * @param primaryKeySql the primary key's column names (column 1) in key order, parameters schema and name
 * @param national whether the parameters are bound with {@code setNString} (catalogs naming things in nvarchar)
 */
@PublicEvolving
public record JdbcCatalog(String tablesSql, String tableSql, RowReader<TableInfo> tableRow, String columnsSql,
        RowReader<JdbcColumn> columnRow, String primaryKeySql, boolean national) {

    /** Turns the current row into a value; {@code position} is the row's 1-based position in the result. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet rs, int position) throws SQLException;
    }

    public JdbcCatalog {
        requireNonNull(tablesSql, "tablesSql is null");
        requireNonNull(tableRow, "tableRow is null");
        requireNonNull(columnsSql, "columnsSql is null");
        requireNonNull(columnRow, "columnRow is null");
        requireNonNull(primaryKeySql, "primaryKeySql is null");
    }

    /** Tables and views sorted by schema and name. */
    public List<TableInfo> listTables(Connection connection) throws SQLException {
        List<TableInfo> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(tablesSql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(tableRow.read(rs, out.size() + 1));
            }
        }
        out.sort(Comparator.comparing(TableInfo::id));
        return out;
    }

    /** One table's entry (its kind and row estimate), without listing the others when {@code tableSql} is given. */
    public Optional<TableInfo> table(Connection connection, TableId table) throws SQLException {
        if (tableSql == null) {
            return listTables(connection).stream().filter(t -> t.id().equals(table)).findFirst();
        }
        return forTable(connection, tableSql, table, tableRow).stream().findFirst();
    }

    /** The columns in order; empty if the table does not exist. */
    public List<JdbcColumn> columns(Connection connection, TableId table) throws SQLException {
        return forTable(connection, columnsSql, table, columnRow);
    }

    /** The primary key's column names in key order; empty if none. */
    public List<String> primaryKey(Connection connection, TableId table) throws SQLException {
        return forTable(connection, primaryKeySql, table, (rs, i) -> rs.getString(1));
    }

    private <T> List<T> forTable(Connection connection, String sql, TableId table, RowReader<T> row) throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            if (national) {
                ps.setNString(1, table.schema());
                ps.setNString(2, table.name());
            } else {
                ps.setString(1, table.schema());
                ps.setString(2, table.name());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs, out.size() + 1));
                }
            }
        }
        return out;
    }
}

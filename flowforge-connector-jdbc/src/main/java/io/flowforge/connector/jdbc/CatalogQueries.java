package io.flowforge.connector.jdbc;

import io.flowforge.connector.TableId;
import io.flowforge.connector.TableInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs a dialect's own catalog queries (sys.*, pg_catalog, information_schema): the statement,
 * the binding of the table's schema and name, and the row loop, so a dialect writes only its SQL
 * and how one row becomes a value.
 */
public final class CatalogQueries {

    private CatalogQueries() {}

    /** Turns the current row into a value; {@code position} is the row's 1-based position in the result. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet rs, int position) throws SQLException;
    }

    /** Runs a query without parameters and returns its rows as tables, sorted by schema and name. */
    public static List<TableInfo> tables(Connection connection, String sql, RowReader<TableInfo> row) throws SQLException {
        List<TableInfo> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row.read(rs, out.size() + 1));
            }
        }
        out.sort(Comparator.comparing(TableInfo::id));
        return out;
    }

    /**
     * Runs a query whose parameters 1 and 2 are the table's schema and name, bound as strings
     * ({@code setNString} when {@code national}, for catalogs that name things in nvarchar).
     */
    public static <T> List<T> forTable(Connection connection, String sql, TableId table, boolean national,
            RowReader<T> row) throws SQLException {
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

package io.flowforge.benchmark;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates the customers table at a size on the server, or reuses one of that size. */
final class TableSetup {
    private TableSetup() {}

    /** Ensures the table has exactly {@code rows} rows; returns the seconds spent creating it (0 if reused). */
    static double ensure(BenchTarget target, long rows) throws SQLException {
        String table = target.table();
        try (Connection c = target.connect(); Statement st = c.createStatement()) {
            Long existing = count(st, table);
            if (existing != null && existing == rows) {
                return 0;
            }
            if (existing != null) {
                st.execute("DROP TABLE " + table);
            }
            long start = System.nanoTime();
            st.execute(target.database().createTable(table));
            st.executeUpdate(target.database().fillTable(table, rows));
            if (!c.getAutoCommit()) {
                c.commit();
            }
            if (target.database() == BenchDatabase.POSTGRESQL) {
                // Sets hint bits and statistics now, so the first timed read does not pay for them.
                st.execute("VACUUM ANALYZE " + table);
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static Long count(Statement st, String table) throws SQLException {
        // Asks the catalog first: a failing SELECT makes some drivers log a warning.
        try (ResultSet tables = st.getConnection().getMetaData().getTables(st.getConnection().getCatalog(), null, table,
                null)) {
            if (!tables.next()) {
                return null;
            }
        }
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return null;
        }
    }
}

package io.flowforge.connector.jdbc;

import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.KeyRange;
import io.flowforge.connector.TableId;
import io.flowforge.connector.Watermark;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cuts the rows of a table (or of a window of it) into key ranges of about equal row counts: the
 * server returns the key's quantiles ({@link JdbcDialect#keyQuantilesQuery}: by default it numbers
 * the rows in key order with {@code NTILE(n)}, which PostgreSQL, MariaDB/MySQL 8, SQL Server and H2
 * all have, and returns the smallest key of each tile; PostgreSQL answers with its cheaper
 * {@code percentile_disc} aggregate); those keys are the ranges' bounds. Equal strides of the key's span would leave most ranges empty on a skewed key (Spark's
 * JDBC source leaves 37 of 50 partitions empty on such a table); quantiles do not. A key value
 * shared by two tiles becomes one bound, so a range is never empty by construction, but a heavy
 * single value stays in one range. The first range is open below and holds NULL keys, the last
 * is open above.
 */
final class KeyRangePlanner {

    /** The key types whose order the server and the bounds agree on. */
    static final Set<Watermark.Type> SPLITTABLE = EnumSet.of(Watermark.Type.INTEGER, Watermark.Type.DECIMAL,
            Watermark.Type.DATE, Watermark.Type.TIMESTAMP, Watermark.Type.TIMESTAMP_TZ);

    private KeyRangePlanner() {}

    static List<KeyRange> plan(Connection c, JdbcDialect dialect, TableId table, JdbcColumn key, String windowWhere,
            List<Watermark> params, List<JdbcColumn> paramColumns, int count) throws SQLException {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        Watermark.Type type = dialect.watermarkType(key).orElse(null);
        if (type == null || !SPLITTABLE.contains(type)) {
            throw new ConnectorException("Column '" + table + "." + key.name() + "' has type " + key.typeName()
                    + ": reads are split by an integer, decimal, date or timestamp column.");
        }
        if (count == 1) {
            return List.of(KeyRange.all(key.name(), type));
        }
        String k = dialect.quoteIdentifier(key.name());
        String where = k + " IS NOT NULL" + (windowWhere == null ? "" : " AND (" + windowWhere + ")");
        String sql = dialect.keyQuantilesQuery(k, dialect.quoteTable(table), where, count);
        List<Watermark> bounds = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                dialect.bindWatermark(ps, i + 1, params.get(i), paramColumns.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                boolean first = true;
                while (rs.next()) {
                    Watermark w = dialect.readWatermark(rs, 2, key);
                    // The first tile's minimum is no bound: the first range is open below.
                    if (!first && w != null && (bounds.isEmpty() || !bounds.get(bounds.size() - 1).equals(w))) {
                        bounds.add(w);
                    }
                    first = false;
                }
            }
        }
        List<KeyRange> ranges = new ArrayList<>(bounds.size() + 1);
        for (int i = 0; i <= bounds.size(); i++) {
            ranges.add(new KeyRange(key.name(), type, i == 0 ? Optional.empty() : Optional.of(bounds.get(i - 1)),
                    i == bounds.size() ? Optional.empty() : Optional.of(bounds.get(i)), i == 0));
        }
        return ranges;
    }

    /** The WHERE condition of a range, each bound placed by {@code values} (a bind parameter or a literal). */
    static String condition(JdbcDialect dialect, JdbcColumn key, KeyRange range, JdbcConnector.ValuePlacement values) {
        String k = dialect.quoteIdentifier(key.name());
        List<String> parts = new ArrayList<>();
        range.lower().ifPresent(l -> parts.add(k + " >= " + values.place(l, key)));
        range.upper().ifPresent(u -> parts.add(k + " < " + values.place(u, key)));
        String bounded = parts.isEmpty() ? (range.includesNulls() ? "1 = 1" : k + " IS NOT NULL") : String.join(" AND ", parts);
        if (range.includesNulls() && !parts.isEmpty()) {
            return "(" + bounded + " OR " + k + " IS NULL)";
        }
        return "(" + bounded + ")";
    }
}

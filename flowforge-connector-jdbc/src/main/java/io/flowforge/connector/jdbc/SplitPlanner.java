package io.flowforge.connector.jdbc;

import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.IncrementalWindow;
import io.flowforge.connector.TableId;
import io.flowforge.connector.TableSplit;
import io.flowforge.connector.Watermark;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cuts a table into key ranges of an integer NOT NULL column, from its current MIN and MAX, for
 * parallel reads: range i is {@code [min + i*span/n, min + (i+1)*span/n)}, the last one {@code [.., MAX]}.
 * The last range ends at MAX inclusive rather than at MAX + 1 exclusive, so no bound leaves the
 * column's type: 2^63 bound for a bigint at 9223372036854775807 is sent by mssql-jdbc as
 * {@code BigInteger.longValue()}, i.e. Long.MIN_VALUE, and the last split would read nothing.
 */
final class SplitPlanner {

    private SplitPlanner() {}

    static List<TableSplit> plan(Connection c, JdbcDialect dialect, TableId table, List<JdbcColumn> columns,
            Optional<String> column, int count) throws SQLException {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        JdbcColumn col;
        if (column.isPresent()) {
            col = JdbcConnector.deltaColumn(table, columns, column.get());
        } else {
            List<String> key = dialect.primaryKey(c, table);
            if (key.size() != 1) {
                throw new ConnectorException("Table '" + table + "' has no single-column primary key"
                        + (key.isEmpty() ? "" : " (its key is " + String.join(", ", key) + ")")
                        + ": name an integer NOT NULL column to split its reads by.");
            }
            col = JdbcConnector.deltaColumn(table, columns, key.get(0));
        }
        if (dialect.watermarkType(col).orElse(null) != Watermark.Type.INTEGER) {
            throw new ConnectorException("Column '" + table + "." + col.name() + "' has type " + col.typeName()
                    + ": reads are split by an integer column.");
        }
        if (col.nullable()) {
            throw new ConnectorException("Column '" + table + "." + col.name() + "' is nullable: rows holding NULL"
                    + " would be in no split. Split by an integer NOT NULL column.");
        }
        String q = dialect.quoteIdentifier(col.name());
        BigInteger min;
        BigInteger max;
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(" + q + "), MAX(" + q + ") FROM " + dialect.quoteTable(table));
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            Watermark lo = dialect.readWatermark(rs, 1, col);
            Watermark hi = dialect.readWatermark(rs, 2, col);
            if (lo == null || hi == null) {
                // An empty table: one split with an empty range.
                return List.of(new TableSplit(0, 1, new IncrementalWindow(table, col.name(), Watermark.Type.INTEGER,
                        Optional.of(Watermark.ofLong(0)), true, Optional.empty(), false)));
            }
            min = new BigInteger(lo.value());
            max = new BigInteger(hi.value());
        }
        BigInteger span = max.subtract(min).add(BigInteger.ONE);
        int n = span.compareTo(BigInteger.valueOf(count)) < 0 ? span.intValueExact() : count;
        List<TableSplit> splits = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean last = i == n - 1;
            BigInteger a = start(min, span, i, n);
            BigInteger b = last ? max : start(min, span, i + 1, n);
            splits.add(new TableSplit(i, n, new IncrementalWindow(table, col.name(), Watermark.Type.INTEGER,
                    Optional.of(Watermark.ofInteger(a)), true, Optional.of(Watermark.ofInteger(b)), last)));
        }
        return splits;
    }

    // min + floor(i * span / n): n ranges whose sizes differ by at most one, none empty when span >= n.
    private static BigInteger start(BigInteger min, BigInteger span, int i, int n) {
        return min.add(span.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(n)));
    }
}

package io.flowforge.connector.postgresql;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.testkit.LiveDatabases;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Times the PostgreSQL read paths on a generated bank customers table (int, 5 varchar, date, 2
 * numeric(15,2), boolean, 2 timestamps, ~10% NULLs), interleaved: the JDBC driver floor (typed
 * getters, values discarded), FlowForge's JDBC path and its binary COPY path, each into Arrow
 * batches. Prints each run and the median rows/s with the ratio to the floor; drops the table.
 * Settings: {@code -Drows=2000000 -Druns=3} ({@code -Donly=copy} for the COPY path alone) and the FLOWFORGE_PG_* settings of the live tests.
 */
public final class PgCopyReadBench {

    private PgCopyReadBench() {}

    public static void main(String[] args) throws Exception {
        long rows = Long.getLong("rows", 2_000_000L);
        int runs = Integer.getInteger("runs", 3);
        // -Donly=copy times the COPY path alone, e.g. under a profiler.
        boolean onlyCopy = "copy".equals(System.getProperty("only"));
        String url = LiveDatabases.setting("FLOWFORGE_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = LiveDatabases.setting("FLOWFORGE_PG_USER", "postgres");
        String password = LiveDatabases.setting("FLOWFORGE_PG_PASSWORD", "");
        String table = "ff_copy_bench_" + rows;
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        try (Connection c = DriverManager.getConnection(url, props); Statement s = c.createStatement()) {
            long start = System.nanoTime();
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, first_name varchar(50), last_name varchar(50),"
                    + " email varchar(100), city varchar(50), country varchar(50), birth_date date,"
                    + " balance numeric(15,2), credit_limit numeric(15,2), active boolean, created_at timestamp,"
                    + " updated_at timestamp)");
            s.execute("INSERT INTO " + table + " SELECT g::int, 'First' || (g % 5000),"
                    + " CASE WHEN g % 10 = 1 THEN NULL ELSE 'Lastname' || (g % 20000) END,"
                    + " 'customer' || g || '@example.com', CASE WHEN g % 10 = 2 THEN NULL ELSE 'City' || (g % 1000) END,"
                    + " (ARRAY['India','Germany','Brazil','Japan','Kenya'])[1 + g % 5],"
                    + " CASE WHEN g % 10 = 3 THEN NULL ELSE DATE '1940-01-01' + ((g * 7) % 25000)::int END,"
                    + " ((g * 7919) % 100000000) / 100.0, CASE WHEN g % 10 = 4 THEN NULL ELSE ((g * 31) % 5000000) / 100.0 END,"
                    + " CASE WHEN g % 10 = 5 THEN NULL ELSE g % 3 <> 0 END,"
                    + " TIMESTAMP '2015-01-01' + g * INTERVAL '7 seconds 13 microseconds',"
                    + " CASE WHEN g % 10 = 6 THEN NULL ELSE TIMESTAMP '2020-01-01' + g * INTERVAL '3 seconds 1 microsecond' END"
                    + " FROM generate_series(1, " + rows + ") AS s(n), LATERAL (SELECT n::bigint AS g) x");
            s.execute("VACUUM ANALYZE " + table);
            System.out.printf("created %s (%d rows) in %.1f s%n", table, rows, (System.nanoTime() - start) / 1e9);
        }
        ConnectionConfig.Builder base = ConnectionConfig.builder().jdbcUrl(url).username(user);
        if (!password.isEmpty()) {
            base.password(password);
        }
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        try {
            for (int run = 1; run <= runs; run++) {
                if (!onlyCopy) {
                    time(rates, "JDBC driver floor", run, rows, () -> driverFloor(url, props, table));
                    time(rates, "FlowForge JDBC path", run, rows, () -> flowForge(base, "jdbc", table));
                }
                time(rates, "FlowForge binary COPY", run, rows, () -> flowForge(base, "copy", table));
            }
        } finally {
            try (Connection c = DriverManager.getConnection(url, props); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
        }
        if (onlyCopy) {
            return;
        }
        double floor = median(rates.get("JDBC driver floor"));
        System.out.printf("%n| %-24s | %14s | %13s |%n", "read (" + rows + " rows)", "median rows/s", "× floor");
        System.out.println("|---|---:|---:|");
        rates.forEach((name, r) -> System.out.printf("| %-24s | %,14.0f | %13.2f |%n", name, median(r), median(r) / floor));
    }

    @FunctionalInterface
    private interface Read {
        long rows() throws Exception;
    }

    private static void time(Map<String, List<Double>> rates, String name, int run, long expected, Read read)
            throws Exception {
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long n = read.rows();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1e9;
        if (n != expected) {
            throw new IllegalStateException(name + " read " + n + " rows, expected " + expected);
        }
        rates.computeIfAbsent(name, k -> new ArrayList<>()).add(n / seconds);
        System.out.printf("run %d  %-24s %6.2f s  %,12.0f rows/s  (reading thread CPU %.2f s)%n", run, name, seconds,
                n / seconds, cpuSeconds);
    }

    private static long driverFloor(String url, Properties props, String table) throws SQLException {
        long n = 0;
        long sink = 0;
        try (Connection c = DriverManager.getConnection(url, props)) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT id, first_name, last_name, email, city, country,"
                    + " birth_date, balance, credit_limit, active, created_at, updated_at FROM " + table)) {
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink += rs.getInt(1);
                        for (int i = 2; i <= 6; i++) {
                            String s = rs.getString(i);
                            sink += s == null ? 0 : s.length();
                        }
                        LocalDate d = rs.getObject(7, LocalDate.class);
                        BigDecimal b1 = rs.getBigDecimal(8);
                        BigDecimal b2 = rs.getBigDecimal(9);
                        sink += rs.getBoolean(10) ? 1 : 0;
                        LocalDateTime t1 = rs.getObject(11, LocalDateTime.class);
                        LocalDateTime t2 = rs.getObject(12, LocalDateTime.class);
                        sink += (d == null ? 0 : 1) + (b1 == null ? 0 : 1) + (b2 == null ? 0 : 1) + (t1 == null ? 0 : 1)
                                + (t2 == null ? 0 : 1);
                        n++;
                    }
                }
            }
            c.rollback();
        }
        if (sink == 42) {
            System.out.print("");
        }
        return n;
    }

    private static long flowForge(ConnectionConfig.Builder base, String method, String table) throws Exception {
        ConnectionConfig config = base.property(PostgreSqlConnector.READ_METHOD_PROPERTY, method).build();
        long n = 0;
        try (DatabaseConnector connector = new PostgreSqlConnector(config); BufferAllocator allocator = new RootAllocator();
                ArrowReader reader = connector.readTable(TableId.of(null, table), ReadOptions.defaults(), allocator)) {
            if (!(reader instanceof PgBinaryCopyReader) == method.equals("copy")) {
                throw new IllegalStateException(method + " read through " + reader.getClass().getSimpleName());
            }
            while (reader.loadNextBatch()) {
                n += reader.getVectorSchemaRoot().getRowCount();
            }
        }
        return n;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int m = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
    }
}

package io.flowforge.spark.bench;

import io.flowforge.ingest.BronzeIngestion;
import io.flowforge.ingest.IngestionResult;
import io.flowforge.ingest.JobConfig;
import io.flowforge.ingest.JobConfigParser;
import io.flowforge.spark.FlowForgeSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.sql.SparkSession;

/**
 * A program, not a test: FlowForge on Spark local[2] against Spark's own
 * {@code spark.read.jdbc(...).write.parquet(...)} with the same partition count, side by side in
 * one run, and FlowForge's thread-pool engine at parallelism 1, 2 and 4; then the columns whose
 * Parquet types differ between the two outputs, as DuckDB reads them.
 *
 * <p>Run it with {@code flowforge-spark/spark-benchmark.sh [rows] [partitions] [rounds]} from the
 * repository root (defaults 2,000,000 rows, 4 partitions, 3 measured rounds): it builds the
 * module, runs this class with the {@code --add-opens} flags Spark needs under
 * {@code flock /tmp/bench.lock}, and prints {@code uptime} before and after. After a warm-up round,
 * every round runs all contenders once in turn; the last lines are each contender's median time,
 * its ratio to Spark's JDBC source's median, and the median of its per-round ratios (each pairing
 * runs made moments apart, so the better figure when the machine's load changes between rounds).
 *
 * <p> * It lives in flowforge-spark's test sources so that Spark stays out of flowforge-benchmark's
 * class path and shaded jar. It creates {@code ff_spark_bench.t} on the PostgreSQL of
 * FLOWFORGE_PG_URL (default 127.0.0.1:5432/test) and drops it at the end.
 */
public final class SparkBenchmark {

    private SparkBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        double loadAtStart = load();
        String url = System.getenv().getOrDefault("FLOWFORGE_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = System.getenv().getOrDefault("FLOWFORGE_PG_USER", "postgres");
        Path out = Files.createTempDirectory("ff-spark-bench");
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS ff_spark_bench CASCADE");
            s.execute("CREATE SCHEMA ff_spark_bench");
            // A bank-style table: integer key, money, timestamps at microseconds and with zone, a date, text, a flag, a uuid.
            s.execute("CREATE TABLE ff_spark_bench.t (id BIGINT PRIMARY KEY, account VARCHAR(20) NOT NULL, amount NUMERIC(14,2) NOT NULL,"
                    + " rate NUMERIC(9,6), booked TIMESTAMP(6) NOT NULL, settled TIMESTAMPTZ, value_date DATE, active BOOLEAN,"
                    + " ref UUID, note TEXT)");
            s.execute("INSERT INTO ff_spark_bench.t SELECT g, 'ACC' || lpad((g % 100000)::text, 8, '0'), (g % 1000000) / 100.0,"
                    + " (g % 9973) / 1000000.0, TIMESTAMP '2020-01-01' + g * INTERVAL '1 second' + (g % 1000) * INTERVAL '1 microsecond',"
                    + " TIMESTAMPTZ '2020-01-01 00:00:00+00' + g * INTERVAL '2 second', DATE '2020-01-01' + (g % 2000), g % 3 = 0,"
                    + " md5(g::text)::uuid, CASE WHEN g % 5 = 0 THEN NULL ELSE 'payment reference ' || g END"
                    + " FROM generate_series(1, " + rows + ") g");
            s.execute("ANALYZE ff_spark_bench.t");
        }
        System.out.printf(Locale.ROOT, "table ff_spark_bench.t: %,d rows; %d partitions/splits; %d cores%n", rows, partitions,
                Runtime.getRuntime().availableProcessors());
        SparkSession spark = SparkSession.builder().master("local[2]").appName("flowforge-bench")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        List<Double> sparkJdbc = new ArrayList<>();
        List<Double> onSpark = new ArrayList<>();
        List<Double> onSparkJdbc = new ArrayList<>();
        Map<Integer, List<Double>> threads = new TreeMap<>();
        try {
            Properties props = new Properties();
            props.setProperty("user", user);
            props.setProperty("password", "");
            props.setProperty("driver", "org.postgresql.Driver");
            props.setProperty("fetchsize", "10000");
            // One warm-up round, then the measured rounds, each running every contender once in turn,
            // so a change in the machine's load hits all of them alike.
            for (int round = 0; round <= rounds; round++) {
                String tag = round == 0 ? "warm-up " : "round " + round + " ";
                Path sparkOut = out.resolve("spark-jdbc-" + round);
                long t0 = System.nanoTime();
                spark.read().jdbc(url, "ff_spark_bench.t", "id", 1, rows + 1L, partitions, props).write().parquet(sparkOut.toString());
                double sj = (System.nanoTime() - t0) / 1e9;
                long t1 = System.nanoTime();
                IngestionResult r = FlowForgeSpark.ingest(spark, job(url, user, out.resolve("ff-spark-" + round), partitions, 1));
                double ff = (System.nanoTime() - t1) / 1e9;
                check(r, rows);
                System.out.printf(Locale.ROOT, "%sspark.read.jdbc -> parquet (%d partitions): %7.2f s%n", tag, partitions, sj);
                System.out.printf(Locale.ROOT, "%sFlowForge on Spark (%d splits)          : %7.2f s  ratio %.2fx  (load %.1f)%n", tag,
                        partitions, ff, sj / ff, load());
                if (round > 0) {
                    sparkJdbc.add(sj);
                    onSpark.add(ff);
                    // The same on Spark with the split reads through pgjdbc's result set instead of binary COPY.
                    long t2 = System.nanoTime();
                    IngestionResult rj = FlowForgeSpark.ingest(spark, job(url, user, out.resolve("ff-spark-jdbc-" + round),
                            partitions, 1, "jdbc"));
                    double ffj = (System.nanoTime() - t2) / 1e9;
                    check(rj, rows);
                    onSparkJdbc.add(ffj);
                    System.out.printf(Locale.ROOT, "%sFlowForge on Spark, JDBC range reads    : %7.2f s  ratio %.2fx%n", tag, ffj,
                            sj / ffj);
                }
                for (int p : new int[] {1, 2, 4}) {
                    // The thread pool needs no JIT warm-up of its own: the Spark runs above warmed the same code.
                    if (round == 0) {
                        continue;
                    }
                    long t = System.nanoTime();
                    IngestionResult tr = BronzeIngestion.ingestFromDatabase(job(url, user, out.resolve("ff-threads-" + p + "-" + round), p, p));
                    double secs = (System.nanoTime() - t) / 1e9;
                    check(tr, rows);
                    threads.computeIfAbsent(p, k -> new ArrayList<>()).add(secs);
                    System.out.printf(Locale.ROOT, "%sFlowForge thread pool, parallelism %d   : %7.2f s%n", tag, p, secs);
                }
            }
            System.out.printf(Locale.ROOT, "%nmedians of %d rounds, %,d rows, load average %.1f at the start, %.1f now%n", rounds, rows,
                    loadAtStart, load());
            System.out.printf(Locale.ROOT, "  %-56s %8s %14s %16s%n", "", "seconds", "x Spark JDBC", "per-round ratio");
            Map<String, List<Double>> rows4 = new LinkedHashMap<>();
            rows4.put("spark.read.jdbc(...).write.parquet(...)", sparkJdbc);
            rows4.put("FlowForge on Spark local[2], " + partitions + " splits", onSpark);
            rows4.put("FlowForge on Spark, split reads through JDBC (readMethod)", onSparkJdbc);
            threads.forEach((p, l) -> rows4.put("FlowForge thread pool, parallelism " + p
                    + (p == 1 ? " (1 split)" : ", " + p + " splits"), l));
            double sj = median(sparkJdbc);
            rows4.forEach((name, l) -> {
                List<Double> ratios = new ArrayList<>();
                for (int i = 0; i < l.size(); i++) {
                    ratios.add(sparkJdbc.get(i) / l.get(i));
                }
                // Each round's ratio pairs runs made moments apart; its median resists load that changes between rounds.
                System.out.printf(Locale.ROOT, "  %-56s %8.2f %13.2fx %15.2fx%n", name, median(l), sj / median(l), median(ratios));
            });
            compareTypes(out.resolve("spark-jdbc-1"), out.resolve("ff-spark-1"));
        } finally {
            spark.stop();
            try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS ff_spark_bench CASCADE");
            }
        }
    }

    private static void check(IngestionResult r, int rows) {
        if (r.recordsProcessed() != rows) {
            throw new IllegalStateException("landed " + r.recordsProcessed() + " rows of " + rows);
        }
    }

    private static double median(List<Double> values) {
        List<Double> s = values.stream().sorted().toList();
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }

    /** The machine's one-minute load average. */
    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static JobConfig job(String url, String user, Path lake, int splits, int parallelism) {
        return job(url, user, lake, splits, parallelism, "copy");
    }

    /** A full load of the table; {@code readMethod} copy (binary COPY, the default) or jdbc. */
    private static JobConfig job(String url, String user, Path lake, int splits, int parallelism, String readMethod) {
        return JobConfigParser.parse("""
                {"job_id": "bench", "source_config": {"type": "postgresql", "connection": {"jdbcUrl": "%s", "username": "%s",
                   "properties": {"flowforge.readMethod": "%s"}},
                   "databaseConfig": {"tableName": "ff_spark_bench.t", "splits": %d, "parallelism": %d, "reconcileCounts": false}},
                 "destination_config": {"bronzeConfig": {"tableName": "t"}, "storage": {"type": "local", "path": "%s"}}}
                """.formatted(url, user, readMethod, splits, parallelism, lake));
    }

    /** The Parquet column types of both outputs as DuckDB reads them, and the columns where they differ. */
    private static void compareTypes(Path sparkOut, Path ffLake) throws Exception {
        Map<String, String> sparkTypes = types("'" + sparkOut + "/*.parquet'");
        Map<String, String> ffTypes = types("'" + ffLake + "/bronze/t/*/*.parquet'");
        System.out.println("column types (DuckDB): source column | Spark JDBC output | FlowForge output");
        for (Map.Entry<String, String> e : sparkTypes.entrySet()) {
            String ff = ffTypes.get(e.getKey());
            System.out.printf(Locale.ROOT, "  %-11s %-26s %-26s %s%n", e.getKey(), e.getValue(), ff,
                    e.getValue().equals(ff) ? "" : "<- differs");
        }
    }

    private static Map<String, String> types(String glob) throws Exception {
        Map<String, String> types = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + glob + ")")) {
            while (r.next()) {
                types.put(r.getString(1), r.getString(2));
            }
        }
        return types;
    }
}

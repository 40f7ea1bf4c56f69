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
import java.util.LinkedHashMap;
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
 * <p>Run (from the repository root, after {@code ./mvnw -B -o install -DskipTests -pl flowforge-spark -am}):
 * <pre>
 * ./mvnw -B -o -q dependency:build-classpath -pl flowforge-spark -Dmdep.outputFile=/tmp/ffcp.txt -Dmdep.includeScope=test
 * java $SPARK_OPENS -cp flowforge-spark/target/test-classes:flowforge-spark/target/classes:$(cat /tmp/ffcp.txt) \
 *     io.flowforge.spark.bench.SparkBenchmark [rows] [partitions]
 * </pre>
 * It lives in flowforge-spark's test sources so that Spark stays out of flowforge-benchmark's
 * class path and shaded jar. It creates {@code ff_spark_bench.t} on the PostgreSQL of
 * FLOWFORGE_PG_URL (default 127.0.0.1:5432/test) and drops it at the end.
 */
public final class SparkBenchmark {

    private SparkBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 4;
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
        Map<String, Double> secs = new LinkedHashMap<>();
        try {
            Properties props = new Properties();
            props.setProperty("user", user);
            props.setProperty("password", "");
            props.setProperty("driver", "org.postgresql.Driver");
            props.setProperty("fetchsize", "10000");
            // One warm-up of each, then the measured runs.
            for (int round = 0; round < 2; round++) {
                String tag = round == 0 ? "warm-up " : "";
                Path sparkOut = out.resolve("spark-jdbc-" + round);
                long t0 = System.nanoTime();
                spark.read().jdbc(url, "ff_spark_bench.t", "id", 1, rows + 1L, partitions, props).write().parquet(sparkOut.toString());
                double sj = (System.nanoTime() - t0) / 1e9;
                long t1 = System.nanoTime();
                IngestionResult r = FlowForgeSpark.ingest(spark, job(url, user, out.resolve("ff-spark-" + round), partitions, 1));
                double ff = (System.nanoTime() - t1) / 1e9;
                System.out.printf(Locale.ROOT, "%sspark.read.jdbc -> parquet      : %7.2f s%n", tag, sj);
                System.out.printf(Locale.ROOT, "%sFlowForge on Spark (%d splits)  : %7.2f s  (%,d rows)  ratio %.2fx%n", tag,
                        partitions, ff, r.recordsProcessed(), sj / ff);
                if (round == 1) {
                    secs.put("spark-jdbc", sj);
                    secs.put("flowforge-spark", ff);
                }
            }
            for (int p : new int[] {1, 2, 4}) {
                long t = System.nanoTime();
                IngestionResult r = BronzeIngestion.ingestFromDatabase(job(url, user, out.resolve("ff-threads-" + p), p, p));
                double s = (System.nanoTime() - t) / 1e9;
                System.out.printf(Locale.ROOT, "FlowForge thread pool, parallelism %d: %7.2f s  (%,d rows)%n", p, s, r.recordsProcessed());
            }
            compareTypes(out.resolve("spark-jdbc-1"), out.resolve("ff-spark-1"));
        } finally {
            spark.stop();
            try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS ff_spark_bench CASCADE");
            }
        }
    }

    private static JobConfig job(String url, String user, Path lake, int splits, int parallelism) {
        return JobConfigParser.parse("""
                {"job_id": "bench", "source_config": {"type": "postgresql", "connection": {"jdbcUrl": "%s", "username": "%s"},
                   "databaseConfig": {"tableName": "ff_spark_bench.t", "splits": %d, "parallelism": %d, "reconcileCounts": false}},
                 "destination_config": {"bronzeConfig": {"tableName": "t"}, "storage": {"type": "local", "path": "%s"}}}
                """.formatted(url, user, splits, parallelism, lake));
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

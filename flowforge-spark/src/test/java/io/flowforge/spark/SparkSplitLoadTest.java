package io.flowforge.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowforge.connector.testkit.LiveDatabases;
import io.flowforge.ingest.IngestionResult;
import io.flowforge.ingest.JobConfig;
import io.flowforge.ingest.JobConfigParser;
import io.flowforge.ingest.load.SplitTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FlowForge load on Spark in local mode (two cores, a task may fail twice) against the live
 * PostgreSQL and MariaDB: the same assertions as the thread-pool engine's tests on a smaller
 * matrix. Every row version lands once (DuckDB over the parts the manifests list), retried and
 * duplicated attempts leave one part per split, a failed driver run is repaired by the next, and
 * the inline password reaches neither the event log nor the plans.
 */
class SparkSplitLoadTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String PASSWORD = "ff-spark-secret-7f3a";

    static SparkSession spark;
    static Path eventLog;

    @TempDir
    Path dir;

    private String db;
    private String schema;
    private String table;

    @BeforeAll
    static void start() throws Exception {
        eventLog = Files.createTempDirectory("ff-spark-events");
        spark = SparkSession.builder().master("local[2,2]").appName("flowforge-test")
                .config("spark.ui.enabled", "false")
                .config("spark.eventLog.enabled", "true")
                .config("spark.eventLog.dir", eventLog.toUri().toString())
                .config("spark.eventLog.compress", "false")
                .getOrCreate();
    }

    @AfterAll
    static void stop() throws Exception {
        if (spark != null) {
            spark.stop();
            // The job's password was inline: no event, plan or task description may hold it.
            try (Stream<Path> s = Files.walk(eventLog)) {
                List<Path> logs = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).toList();
                StringBuilder all = new StringBuilder();
                for (Path p : logs) {
                    all.append(Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1));
                }
                assertThat(all).contains("SparkListenerTaskEnd").doesNotContain(PASSWORD);
            }
        }
    }

    @AfterEach
    void drop() throws Exception {
        if (schema != null) {
            execute(db.equals("mysql") ? "DROP DATABASE IF EXISTS " + schema : "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private String url() {
        return db.equals("mysql") ? LiveDatabases.setting("FLOWFORGE_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/test")
                : LiveDatabases.setting("FLOWFORGE_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    }

    private String user() {
        return db.equals("mysql") ? LiveDatabases.setting("FLOWFORGE_MYSQL_USER", "root")
                : LiveDatabases.setting("FLOWFORGE_PG_USER", "postgres");
    }

    private Connection connect() throws Exception {
        // The servers here trust local connections; the test's password only has to travel.
        return DriverManager.getConnection(url(), user(), "");
    }

    private void execute(String... sql) throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    private void create(String type, int rows) throws Exception {
        db = type;
        try (Connection c = connect()) {
            LiveDatabases.requireReachable(type, url(), c.isValid(5) ? Optional.empty() : Optional.of("not valid"));
        } catch (java.sql.SQLException e) {
            LiveDatabases.requireReachable(type, url(), Optional.of(String.valueOf(e.getMessage())));
        }
        schema = "ff_spark_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        table = schema + ".orders";
        boolean maria = db.equals("mysql");
        execute(maria ? "CREATE DATABASE " + schema : "CREATE SCHEMA " + schema, "CREATE TABLE " + table
                + " (id BIGINT NOT NULL, version BIGINT NOT NULL, amount DECIMAL(12,2) NOT NULL, note VARCHAR(40), created "
                + (maria ? "DATETIME(6)" : "TIMESTAMP(6)") + ", PRIMARY KEY (id))");
        String gen = maria ? "SELECT seq AS g FROM seq_1_to_" + rows : "SELECT g FROM generate_series(1, " + rows + ") g";
        String ts = maria ? "TIMESTAMP '2024-01-01 00:00:00' + INTERVAL g SECOND" : "TIMESTAMP '2024-01-01 00:00:00' + g * INTERVAL '1 second'";
        execute("INSERT INTO " + table + " (id, version, amount, note, created) SELECT CASE WHEN g <= " + rows * 9 / 10
                + " THEN g ELSE g * 1000 END, 1, g / 100.0, CONCAT('n', g), CASE WHEN MOD(g, 97) = 0 THEN NULL ELSE " + ts
                + " END FROM (" + gen + ") s");
    }

    private void change(int k, int every, int added) throws Exception {
        boolean maria = db.equals("mysql");
        execute("UPDATE " + table + " SET version = " + k + ", note = CONCAT(note, '-v" + k + "') WHERE MOD(id, " + every + ") = 0",
                "INSERT INTO " + table + " (id, version, amount, note, created) SELECT " + k + " * 1000000000000 + g, " + k
                        + ", 1.5, 'new', NULL FROM (" + (maria ? "SELECT seq AS g FROM seq_1_to_" + added
                        : "SELECT g FROM generate_series(1, " + added + ") g") + ") s");
    }

    private long sourceCount(String where) throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE " + where)) {
            r.next();
            return r.getLong(1);
        }
    }

    private JobConfig job(int splits) {
        String u = db.equals("mysql") ? url().replaceFirst("/[^/?]*(\\?|$)", "/" + schema + "$1") : url();
        return JobConfigParser.parse("""
                {"job_id": "spark", "source_config": {"type": "%s",
                   "connection": {"jdbcUrl": "%s", "username": "%s"%s},
                   "databaseConfig": {"tableName": "%s", "isIncremental": true, "deltaColumn": "version",
                                      "upperBound": "MAX_INCLUSIVE", "openTransactionWaitSeconds": 300, "splits": %d}},
                 "destination_config": {"bronzeConfig": {"tableName": "bronze_orders"},
                   "storage": {"type": "local", "path": "%s"}}}
                """.formatted(db.equals("mysql") ? "mysql" : "postgresql", u, user(), db.equals("mysql") ? "" : ", \"password\": \"" + PASSWORD + "\"", table, splits, dir.resolve("lake")));
    }

    private Path lake() {
        return dir.resolve("lake");
    }

    private List<JsonNode> manifests() throws Exception {
        Path bronze = lake().resolve("bronze/bronze_orders");
        if (!Files.isDirectory(bronze)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(bronze)) {
            List<JsonNode> out = new ArrayList<>();
            for (Path p : s.filter(p -> p.getFileName().toString().equals("_manifest.json")).sorted().toList()) {
                out.add(JSON.readTree(p.toFile()));
            }
            return out;
        }
    }

    private List<String> listedParts() throws Exception {
        List<String> files = new ArrayList<>();
        for (JsonNode m : manifests()) {
            m.get("parts").forEach(p -> files.add(lake().resolve(p.get("key").asText()).toString()));
        }
        return files;
    }

    private List<Path> allParts() throws Exception {
        try (Stream<Path> s = Files.walk(lake().resolve("bronze/bronze_orders"))) {
            return s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
        }
    }

    private void assertEveryVersionOnce(long expected) throws Exception {
        String list = listedParts().stream().map(f -> "'" + f + "'").collect(Collectors.joining(", "));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT (id, version)), typeof(ANY_VALUE(amount)),"
                        + " typeof(ANY_VALUE(created)), COUNT(*) FILTER (WHERE _batch_id IS NULL) FROM read_parquet([" + list + "])")) {
            r.next();
            assertThat(r.getLong(1)).as("rows landed").isEqualTo(expected);
            assertThat(r.getLong(2)).as("distinct row versions").isEqualTo(expected);
            assertThat(r.getString(3)).isEqualTo("DECIMAL(12,2)");
            assertThat(r.getString(4)).isEqualTo("TIMESTAMP");
            assertThat(r.getLong(5)).isZero();
        }
    }

    static int splitOf(String descriptor) {
        try {
            return JSON.readTree(descriptor).get("split").asInt();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void postgresqlFullLoadAndThreeIncrementalRunsOfAMillionRowsOnSpark() throws Exception {
        create("postgresql", 1_000_000);
        IngestionResult first = FlowForgeSpark.ingest(spark, job(6));
        assertThat(first.recordsProcessed()).as(first.message()).isEqualTo(1_000_000);
        assertThat(manifests().get(0).get("parts")).hasSize(6);
        for (JsonNode p : manifests().get(0).get("parts")) {
            assertThat(p.get("attempt").asText()).startsWith("s0t");
            assertThat(p.get("rows").asLong()).isBetween(120_000L, 220_000L);
        }
        long expected = 1_000_000;
        for (int k = 2; k <= 4; k++) {
            change(k, 7 + k, 5_000);
            long changed = sourceCount("version = " + k);
            assertThat(FlowForgeSpark.ingest(spark, job(6)).recordsProcessed()).as("run " + k).isEqualTo(changed);
            expected += changed;
        }
        assertThat(allParts()).hasSize(listedParts().size());
        assertEveryVersionOnce(expected);
    }

    @Test
    void mariadbTaskFailingOnceIsRetriedBySparkAndDuplicatesLeaveOnePartPerSplit() throws Exception {
        create("mysql", 60_000);
        // Split 1's first attempt writes its part and then fails; every other split runs twice (a speculative copy).
        SparkEngine flaky = new SparkEngine(spark, (d, attempt) -> {
            int split = splitOf(d);
            String r = SplitTask.execute(d, attempt);
            if (split == 1 && TaskContext.get().attemptNumber() == 0) {
                throw new IllegalStateException("executor lost after writing its part");
            }
            if (split != 1) {
                r = SplitTask.execute(d, attempt + "-dup");
            }
            return r;
        });
        IngestionResult r = FlowForgeSpark.ingest(spark, job(4), flaky);
        assertThat(r.recordsProcessed()).isEqualTo(60_000);
        assertThat(allParts()).hasSize(4);
        assertThat(manifests().get(0).get("parts").get(1).get("attempt").asText()).contains("a1-");
        assertEveryVersionOnce(60_000);
    }

    @Test
    void aFailedDriverRunIsRepairedByTheNextRun() throws Exception {
        create("postgresql", 60_000);
        // Splits 0 and 1 write their parts; 2 and 3 fail on every attempt, so the Spark job and the run fail.
        SparkEngine failing = new SparkEngine(spark, (d, attempt) -> {
            if (splitOf(d) >= 2) {
                throw new IllegalStateException("lost");
            }
            return SplitTask.execute(d, attempt);
        });
        assertThatThrownBy(() -> FlowForgeSpark.ingest(spark, job(4), failing)).hasMessageContaining("lost");
        assertThat(manifests()).isEmpty();
        List<Path> before = allParts();
        assertThat(before).hasSize(2);
        IngestionResult r = FlowForgeSpark.ingest(spark, job(4));
        assertThat(allParts()).containsAll(before);
        assertThat(r.recovered()).isPresent();
        assertThat(r.recordsProcessed()).isEqualTo(60_000);
        assertThat(allParts()).hasSize(4);
        assertEveryVersionOnce(60_000);
    }
}

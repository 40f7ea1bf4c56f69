package io.flowforge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowforge.bronze.DuckDb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Split loads on the thread-pool engine in processes of their own, against the live PostgreSQL:
 * a process killed with SIGKILL after some parts are written, repaired by the next run; two
 * processes of one job started at the same instant; a load in a New York JVM split by a timestamp
 * column across the DST gap and overlap. Every row read back by DuckDB over the parts the
 * manifests list, exactly once and with its values.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a child JVM's start and a 200k-300k row load, on a loaded 2-core machine
class SplitLoadProcessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LiveDb DB = LiveDb.POSTGRESQL;

    @TempDir
    Path dir;

    private String schema;
    private String table;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void createSchema() throws Exception {
        DB.requireReachable();
        schema = "ff_splitproc_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        table = schema + ".orders";
        DB.execute(DB.createSchema(schema));
    }

    @AfterEach
    void dropSchema() throws Exception {
        for (Process p : started) {
            p.destroyForcibly(); // a child left hanging by a failed assertion
        }
        if (schema != null) {
            DB.execute(DB.dropSchema(schema));
        }
    }

    private void createOrders(int rows) throws Exception {
        DB.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, version BIGINT NOT NULL, amount NUMERIC(12,2) NOT NULL,"
                + " note VARCHAR(40))",
                "INSERT INTO " + table + " SELECT CASE WHEN g <= " + rows * 9 / 10 + " THEN g ELSE g * 1000 END, 1, g / 100.0,"
                        + " 'n' || g FROM generate_series(1, " + rows + ") g");
    }

    private Path jobFile(String databaseConfig) throws IOException {
        return Files.writeString(dir.resolve("job.json"), """
                {"job_id": "splitproc", "source_config": {"type": "postgresql", "connection": %s,
                   "databaseConfig": %s},
                 "destination_config": {"bronzeConfig": {"tableName": "bronze_orders"},
                   "storage": {"type": "local", "path": "%s"}}}
                """.formatted(DB.connectionJson(schema), databaseConfig, lake()));
    }

    private Path ordersJob() throws IOException {
        return jobFile("{\"tableName\": \"" + table + "\", \"isIncremental\": true, \"deltaColumn\": \"version\","
                + " \"upperBound\": \"MAX_INCLUSIVE\", \"openTransactionWaitSeconds\": 60, \"splits\": 4, \"parallelism\": 2}");
    }

    private Path lake() {
        return dir.resolve("lake");
    }

    private Path bronze() {
        return lake().resolve("bronze/bronze_orders");
    }

    private Process start(Path output, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx256m"));
        int i = 0;
        while (i < args.length && args[i].startsWith("-D")) {
            cmd.add(args[i++]);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SplitChild.class.getName()));
        cmd.addAll(List.of(args).subList(i, args.length));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        started.add(p);
        return p;
    }

    /** Exit code and last output line of a finished child. */
    private static String outcome(Process p, Path output) throws Exception {
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("the child finished within 180 s").isTrue();
        String out = Files.readString(output, StandardCharsets.UTF_8).strip();
        return p.exitValue() + " " + (out.isEmpty() ? "" : out.substring(out.lastIndexOf('\n') + 1));
    }

    private List<JsonNode> manifests() throws Exception {
        if (!Files.isDirectory(bronze())) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(bronze())) {
            List<JsonNode> out = new ArrayList<>();
            for (Path p : s.filter(p -> p.getFileName().toString().equals("_manifest.json")).sorted().toList()) {
                out.add(JSON.readTree(p.toFile()));
            }
            return out;
        }
    }

    /** The parts the manifests list, as DuckDB's list of files. */
    private String trustedParts() throws Exception {
        List<String> files = new ArrayList<>();
        for (JsonNode m : manifests()) {
            m.get("parts").forEach(p -> files.add("'" + lake().resolve(p.get("key").asText()) + "'"));
        }
        assertThat(files).isNotEmpty();
        return "read_parquet([" + String.join(", ", files) + "])";
    }

    private List<Path> allParts() throws Exception {
        if (!Files.isDirectory(bronze())) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(bronze())) {
            return s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
        }
    }

    private List<String> source(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DB.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                rows.add(r.getString(1));
            }
        }
        return rows;
    }

    /** Every (id, version) of the source landed exactly once, and nothing else. */
    private void assertEveryVersionOnce(long expectedVersions) throws Exception {
        String parts = trustedParts();
        assertThat(DuckDb.rows("SELECT id || ':' || version || ' x' || count(*) FROM " + parts
                + " GROUP BY id, version HAVING count(*) > 1")).as("row versions landed twice").isEmpty();
        assertThat(DuckDb.rows("SELECT count(*) FROM " + parts)).containsExactly(Long.toString(expectedVersions));
        // The latest version of every source row is among them.
        java.util.Set<String> landed = new java.util.HashSet<>(DuckDb.rows("SELECT DISTINCT id || ':' || version FROM " + parts));
        assertThat(source("SELECT id || ':' || version FROM " + table).stream().filter(v -> !landed.contains(v)).limit(10))
                .as("source rows whose latest version did not land").isEmpty();
        assertThat(allParts()).as("parts no manifest lists").hasSize((int) manifests().stream()
                .mapToLong(m -> m.get("parts").size()).sum());
    }

    @Test
    void aProcessKilledAfterSomePartsIsRepairedByTheNextRun() throws Exception {
        createOrders(200_000);
        Path job = ordersJob();
        Path output = dir.resolve("killed.log");
        // Splits 0 and 1 finish; split 2 writes its part and result but never reports; split 3 never starts.
        Process child = start(output, job.toString(), "-", "2", "5");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(output).contains("hung 2") || !Files.readString(output).contains("hung 3")) {
            assertThat(child.isAlive()).as("the child runs: " + Files.readString(output)).isTrue();
            assertThat(System.nanoTime()).as("splits 0-2 written within 120 s").isLessThan(deadline);
            Thread.sleep(100);
        }
        List<Path> before = allParts();
        assertThat(before).hasSize(3);
        child.destroyForcibly(); // SIGKILL
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(137);
        assertThat(manifests()).isEmpty();

        // The next run, once the dead process's 5 s lease has expired, finishes the batch with the three parts.
        IngestionResult repaired = null;
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (repaired == null) {
            try {
                repaired = BronzeIngestion.ingestFromDatabase(JobConfigParser.parse(job));
            } catch (LeaseHeldException held) {
                assertThat(System.nanoTime()).as("the killed run's lease expired within 60 s").isLessThan(deadline);
                Thread.sleep(500);
            }
        }
        assertThat(repaired.recovered()).isPresent();
        assertThat(repaired.recovered().get().rows()).isEqualTo(200_000);
        assertThat(manifests()).hasSize(1);
        List<String> listed = manifests().get(0).get("parts").findValuesAsText("key");
        assertThat(listed).hasSize(4).containsAll(before.stream().map(p -> lake().relativize(p).toString()).toList());
        assertEveryVersionOnce(200_000);

        DB.execute("UPDATE " + table + " SET version = 2, note = note || '-v2' WHERE id % 9 = 0",
                "INSERT INTO " + table + " SELECT 1000000000000 + g, 2, 1.5, 'new' FROM generate_series(1, 1000) g");
        long changed = Long.parseLong(source("SELECT count(*) FROM " + table + " WHERE version = 2").get(0));
        assertThat(BronzeIngestion.ingestFromDatabase(JobConfigParser.parse(job)).recordsProcessed()).isEqualTo(changed);
        assertEveryVersionOnce(200_000 + changed);
    }

    @Test
    void twoProcessesOfOneSplitJobStartedTogetherRunItOnce() throws Exception {
        createOrders(300_000);
        Path job = ordersJob();
        Path go = dir.resolve("go");
        List<Process> children = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            outputs.add(dir.resolve("child-" + i + ".log"));
            children.add(start(outputs.get(i), job.toString(), go.toString(), "-1", "60"));
        }
        Thread.sleep(3_000); // both JVMs up and waiting for the go file
        Files.writeString(go, "go");
        long[] exitedAt = new long[2];
        for (int i = 0; i < 2; i++) {
            int n = i;
            children.get(i).onExit().thenRun(() -> exitedAt[n] = System.nanoTime());
        }
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            outcomes.add(outcome(children.get(i), outputs.get(i)));
        }
        // One run lands the table; the other finds the lease held and exits at once, touching nothing.
        assertThat(outcomes).as("outcomes").containsExactlyInAnyOrder("0 success 300000", "3 already_running");
        int loser = outcomes.get(0).startsWith("3") ? 0 : 1;
        Thread.sleep(200); // the exit callbacks
        assertThat(exitedAt[loser]).as("the run without the lease exits before the other finishes").isLessThan(exitedAt[1 - loser]);
        assertThat(manifests()).hasSize(1);
        assertThat(manifests().get(0).get("parts")).hasSize(4);
        assertEveryVersionOnce(300_000);
    }

    /**
     * A load in a JVM on New York time, split by a wall-clock timestamp column whose planned bounds
     * fall inside the spring-forward gap (02:00-03:00 on 2024-03-10 does not exist there) and, on
     * the incremental run, inside the fall-back overlap (01:00-02:00 on 2024-11-03 happens twice):
     * every row lands once with its timestamps unchanged to the microsecond.
     */
    @Test
    void aNewYorkJvmSplitsByATimestampAcrossTheDstGapAndOverlap() throws Exception {
        DB.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, ts TIMESTAMP(6), tz TIMESTAMPTZ, note TEXT)",
                "INSERT INTO " + table + " SELECT g, CASE WHEN g % 37 = 0 THEN NULL ELSE TIMESTAMP '2024-03-10 00:00:00'"
                        + " + g * INTERVAL '1 minute 0.000007 second' END, TIMESTAMPTZ '2024-03-10 06:00:00+00' + g * INTERVAL"
                        + " '1 minute', 'm' || g FROM generate_series(1, 240) g");
        Path job = jobFile("{\"tableName\": \"" + table + "\", \"isIncremental\": true, \"deltaColumn\": \"ts\","
                + " \"upperBound\": \"MAX_INCLUSIVE\", \"openTransactionWaitSeconds\": 60, \"splits\": 6, \"parallelism\": 2,"
                + " \"splitColumn\": \"ts\"}");
        String newYork = "-Duser.timezone=America/New_York";
        Path first = dir.resolve("first.log");
        assertThat(outcome(start(first, newYork, job.toString(), "-", "-1", "60"), first)).isEqualTo("0 success 240");
        DB.execute("INSERT INTO " + table + " SELECT 1000 + g, TIMESTAMP '2024-11-03 00:00:00' + g * INTERVAL"
                + " '1 minute 0.000003 second', TIMESTAMPTZ '2024-11-03 04:00:00+00' + g * INTERVAL '1 minute', 'n' || g"
                + " FROM generate_series(1, 180) g");
        Path second = dir.resolve("second.log");
        assertThat(outcome(start(second, newYork, job.toString(), "-", "-1", "60"), second)).isEqualTo("0 success 180");

        List<JsonNode> manifests = manifests();
        assertThat(manifests).hasSize(2);
        List<String> bounds = manifests.stream().flatMap(m -> m.get("parts").findValuesAsText("key_upper").stream())
                .filter(b -> b != null && !b.equals("null")).toList();
        assertThat(bounds).as("a split bound inside the spring-forward gap").anyMatch(b -> b.startsWith("2024-03-10T02:"));
        assertThat(bounds).as("a split bound inside the fall-back overlap").anyMatch(b -> b.startsWith("2024-11-03T01:"));
        String parts = trustedParts();
        List<String> landed = DuckDb.rows("SELECT id || ':' || coalesce(epoch_us(ts)::varchar, 'null') || ':' || epoch_us(tz)"
                + " || ':' || note FROM " + parts + " ORDER BY id");
        List<String> expected = source("SELECT id || ':' || coalesce(((extract(epoch FROM ts) * 1000000)::bigint)::text, 'null')"
                + " || ':' || (extract(epoch FROM tz) * 1000000)::bigint || ':' || note FROM " + table + " ORDER BY id");
        assertThat(landed).hasSize(420).isEqualTo(expected);
        assertThat(landed).contains("151:1710037860001057:1710059460000000:m151"); // 2024-03-10 02:31:00.001057, in the gap
        assertThat(allParts()).hasSize(manifests.stream().mapToInt(m -> m.get("parts").size()).sum());
    }
}

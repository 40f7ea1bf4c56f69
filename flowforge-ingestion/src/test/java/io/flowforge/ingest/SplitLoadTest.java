package io.flowforge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowforge.bronze.store.LocalObjectStore;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.IncrementalWindow;
import io.flowforge.connector.KeyRange;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.arrow.RowCountReport;
import java.io.IOException;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import io.flowforge.ingest.load.LoadEngine;
import io.flowforge.ingest.load.SplitTask;
import io.flowforge.ingest.load.ThreadPoolEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Split loads on the thread-pool engine against the live PostgreSQL and MariaDB: a skewed table
 * cut by the server's quantiles into parts, committed by a manifest; failed, duplicated and
 * interrupted tasks; every row version landed exactly once, read back by DuckDB over the parts
 * the manifests list.
 */
class SplitLoadTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private LiveDb db;
    private String schema;
    private String table;

    @AfterEach
    void drop() throws Exception {
        if (db != null) {
            db.execute(db.dropSchema(schema));
        }
    }

    /**
     * {@code rows} rows with a skewed key (most ids dense, a tail spread a thousand apart), an
     * integer version as the delta column, and a nullable timestamp with some NULLs.
     */
    private void create(LiveDb live, int rows) throws Exception {
        live.requireReachable();
        db = live;
        schema = "ff_spark_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        table = schema + ".orders";
        db.execute(db.createSchema(schema), "CREATE TABLE " + table + " (id BIGINT NOT NULL, version BIGINT NOT NULL,"
                + " amount DECIMAL(12,2) NOT NULL, note VARCHAR(40), created " + db.timestamp() + ", PRIMARY KEY (id))");
        int dense = rows * 9 / 10;
        String gen = db == LiveDb.MARIADB ? "SELECT seq AS g FROM seq_1_to_" + rows : "SELECT g FROM generate_series(1, " + rows + ") g";
        String ts = db == LiveDb.MARIADB ? "TIMESTAMP '2024-01-01 00:00:00' + INTERVAL g SECOND"
                : "TIMESTAMP '2024-01-01 00:00:00' + g * INTERVAL '1 second'";
        db.execute("INSERT INTO " + table + " (id, version, amount, note, created) SELECT CASE WHEN g <= " + dense
                + " THEN g ELSE g * 1000 END, 1, g / 100.0, CONCAT('n', g), CASE WHEN MOD(g, 97) = 0 THEN NULL ELSE " + ts
                + " END FROM (" + gen + ") s");
    }

    /** Run k: rows with ids divisible by {@code every} get version k, and {@code added} new rows beyond the key's maximum. */
    private void change(int k, int every, int added) throws Exception {
        db.execute("UPDATE " + table + " SET version = " + k + ", note = CONCAT(note, '-v" + k + "') WHERE MOD(id, " + every + ") = 0",
                "INSERT INTO " + table + " (id, version, amount, note, created) SELECT " + k + " * 1000000000000 + g, " + k
                        + ", 1.5, 'new', NULL FROM (" + (db == LiveDb.MARIADB ? "SELECT seq AS g FROM seq_1_to_" + added
                        : "SELECT g FROM generate_series(1, " + added + ") g") + ") s");
    }

    private JobConfig job(int splits, int parallelism, String splitColumn) {
        return JobConfigParser.parse("""
                {"job_id": "split", "source_config": {"type": "%s", "connection": %s,
                   "databaseConfig": {"tableName": "%s", "isIncremental": true, "deltaColumn": "version",
                                      "upperBound": "MAX_INCLUSIVE", "openTransactionWaitSeconds": 300, "splits": %d, "parallelism": %d%s}},
                 "destination_config": {"bronzeConfig": {"tableName": "bronze_orders"},
                   "storage": {"type": "local", "path": "%s"}}}
                """.formatted(db.type, db.connectionJson(schema), table, splits, parallelism,
                splitColumn == null ? "" : ", \"splitColumn\": \"" + splitColumn + "\"", dir.resolve("lake")));
    }

    private Path lake() {
        return dir.resolve("lake");
    }

    /** Every manifest of the bronze table. */
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

    /** The files a reader trusts: the parts the manifests list, and single-object batches. */
    private List<String> trustedFiles() throws Exception {
        List<String> files = new ArrayList<>();
        for (JsonNode m : manifests()) {
            m.get("parts").forEach(p -> files.add(lake().resolve(p.get("key").asText()).toString()));
        }
        try (Stream<Path> s = Files.list(lake().resolve("bronze/bronze_orders"))) {
            s.filter(p -> p.toString().endsWith(".parquet")).forEach(p -> files.add(p.toString()));
        }
        return files;
    }

    /** Every .parquet file under the bronze table, listed or not. */
    private List<Path> allParts() throws Exception {
        try (Stream<Path> s = Files.walk(lake().resolve("bronze/bronze_orders"))) {
            return s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
        }
    }

    /** (rows, distinct (id, version)) landed, and the source's row versions expected, compared in DuckDB. */
    private void assertEveryVersionOnce(long expectedVersions) throws Exception {
        String list = trustedFiles().stream().map(f -> "'" + f + "'").collect(Collectors.joining(", "));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT (id, version)), COUNT(*) FILTER (WHERE created IS NULL),"
                        + " typeof(ANY_VALUE(amount)), typeof(ANY_VALUE(created)) FROM read_parquet([" + list + "])")) {
            r.next();
            assertThat(r.getLong(1)).as("rows landed").isEqualTo(expectedVersions);
            assertThat(r.getLong(2)).as("distinct row versions landed").isEqualTo(expectedVersions);
            assertThat(r.getLong(3)).as("rows with a NULL timestamp").isGreaterThan(0);
            assertThat(r.getString(4)).isEqualTo("DECIMAL(12,2)");
            assertThat(r.getString(5)).isEqualTo("TIMESTAMP");
        }
    }

    private long sourceCount(String where) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE " + where)) {
            r.next();
            return r.getLong(1);
        }
    }

    @ParameterizedTest
    @EnumSource(LiveDb.class)
    void aFullLoadAndThreeIncrementalRunsLandEveryRowVersionOnceInSkewAwareParts(LiveDb live) throws Exception {
        create(live, 1_000_000);
        // PostgreSQL splits by the integer primary key; MariaDB by a nullable timestamp (NULLs go to the first split).
        String splitColumn = live == LiveDb.MARIADB ? "created" : null;
        IngestionResult first = BronzeIngestion.ingestFromDatabase(job(6, 3, splitColumn));
        assertThat(first.recordsProcessed()).isEqualTo(1_000_000);
        assertThat(first.bronzeFilePath().orElseThrow()).endsWith("/" + first.batchId() + "/_manifest.json");
        JsonNode m = manifests().get(0);
        assertThat(m.get("parts")).hasSize(6);
        for (JsonNode p : m.get("parts")) {
            // Quantile ranges: every part holds about a sixth of the rows, skewed ids or not.
            assertThat(p.get("rows").asLong()).as("rows of part " + p.get("split")).isBetween(120_000L, 220_000L);
            assertThat(p.get("sha256").asText()).hasSize(64);
        }
        assertThat(m.get("parts").get(0).get("key_lower").isNull()).isTrue();
        // Each part was counted in its own read's snapshot and matched.
        assertThat(first.reconciliation()).get().satisfies(rc -> {
            assertThat(rc.status()).isEqualTo(Reconciliation.MATCHED);
            assertThat(rc.sourceRows()).hasValue(1_000_000);
        });
        assertThat(m.get("parts").findValuesAsText("source_rows")).isEqualTo(m.get("parts").findValuesAsText("rows"));
        assertThat(m.get("parts").get(5).get("key_upper").isNull()).isTrue();
        long expected = 1_000_000;
        for (int k = 2; k <= 4; k++) {
            change(k, 7 + k, 5_000);
            long changed = sourceCount("version = " + k);
            IngestionResult r = BronzeIngestion.ingestFromDatabase(job(6, 3, splitColumn));
            assertThat(r.recordsProcessed()).as("run " + k).isEqualTo(changed);
            expected += changed;
        }
        assertThat(manifests()).hasSize(4);
        assertThat(allParts()).hasSize(trustedFiles().size());
        assertEveryVersionOnce(expected);
    }

    /** Runs the job's splits with {@code engine} in place of the thread pool. */
    private IngestionResult runWith(JobConfig job, LoadEngine engine) {
        try (LocalObjectStore store = new LocalObjectStore(lake());
                DatabaseConnector connector = Connectors.open(job.source().type(), job.source().connection());
                RootAllocator allocator = new RootAllocator()) {
            return new BronzeIngestion(store).withEngine(engine).run(job, connector, allocator);
        }
    }

    @Test
    void aTaskThatFailsAfterWritingItsPartIsRetriedAndOnePartPerSplitRemains() throws Exception {
        create(LiveDb.POSTGRESQL, 40_000);
        AtomicInteger failures = new AtomicInteger();
        Map<Integer, Boolean> failed = new ConcurrentHashMap<>();
        LoadEngine engine = new ThreadPoolEngine(2, 3, (d, attempt) -> {
            String result = SplitTask.execute(d, attempt);
            int split = readSplit(d);
            if (split == 1 && failed.putIfAbsent(split, true) == null) {
                failures.incrementAndGet();
                throw new IllegalStateException("executor lost after writing its part");
            }
            return result;
        });
        IngestionResult r = runWith(job(4, 2, null), engine);
        assertThat(failures.get()).isEqualTo(1);
        assertThat(r.recordsProcessed()).isEqualTo(40_000);
        assertThat(allParts()).hasSize(4);
        assertEveryVersionOnce(40_000);
    }

    @Test
    void speculativeDuplicatesBothWritingLeaveExactlyOnePartPerSplit() throws Exception {
        create(LiveDb.POSTGRESQL, 40_000);
        LoadEngine speculative = new LoadEngine() {
            @Override
            public String name() {
                return "speculative";
            }

            @Override
            public List<String> run(List<String> tasks) {
                List<String> out = new ArrayList<>();
                for (String t : tasks) {
                    SplitTask.execute(t, SplitTask.newAttempt(0));
                    out.add(SplitTask.execute(t, SplitTask.newAttempt(1)));
                }
                return out;
            }
        };
        IngestionResult r = runWith(job(4, 1, null), speculative);
        assertThat(r.recordsProcessed()).isEqualTo(40_000);
        assertThat(allParts()).hasSize(4);
        // The attempts the engine reported are the ones kept.
        assertThat(manifests().get(0).get("parts").findValuesAsText("attempt")).allMatch(a -> a.startsWith("a1-"));
        assertEveryVersionOnce(40_000);
    }

    @Test
    void aDriverKilledAfterSomePartsIsRepairedByTheNextRunReusingThem() throws Exception {
        create(LiveDb.POSTGRESQL, 40_000);
        List<String> written = new ArrayList<>();
        LoadEngine dies = new LoadEngine() {
            @Override
            public String name() {
                return "dies";
            }

            @Override
            public List<String> run(List<String> tasks) {
                for (int i = 0; i < 2; i++) {
                    written.add(SplitResultKey.of(SplitTask.execute(tasks.get(i), SplitTask.newAttempt(0))));
                }
                throw new IllegalStateException("driver killed");
            }
        };
        try {
            runWith(job(4, 2, null), dies);
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessageContaining("driver killed");
        }
        assertThat(manifests()).isEmpty();
        assertThat(allParts()).hasSize(2);

        IngestionResult r = BronzeIngestion.ingestFromDatabase(job(4, 2, null));
        assertThat(r.recovered()).isPresent();
        assertThat(r.recovered().get().rows()).isEqualTo(40_000);
        assertThat(r.recordsProcessed()).isEqualTo(40_000);
        change(2, 10, 1_000);
        long changed = sourceCount("version = 2");
        assertThat(BronzeIngestion.ingestFromDatabase(job(4, 2, null)).recordsProcessed()).isEqualTo(changed);
        // The parts written before the kill are the ones the first batch's manifest lists.
        List<String> listed = manifests().stream().flatMap(m -> m.get("parts").findValuesAsText("key").stream()).toList();
        assertThat(listed).containsAll(written);
        assertThat(allParts()).hasSize(trustedFiles().size());
        assertEveryVersionOnce(40_000 + changed);
    }

    /**
     * A task whose reader loses a batch but still reports its range's count fails before its part
     * is committed (every attempt), so the load commits nothing; the next run writes that split
     * again and reuses the others.
     */
    @Test
    void aPartWhoseRowsDifferFromItsRangesCountIsNeverCommitted() throws Exception {
        create(LiveDb.POSTGRESQL, 40_000);
        LoadEngine lossy = new ThreadPoolEngine(2, 2, (d, attempt) -> SplitTask.execute(d, attempt, System::getenv,
                (type, config) -> new ForwardingConnector(Connectors.open(type, config)) {
                    @Override
                    public ArrowReader readRange(TableId t, Optional<IncrementalWindow> w, KeyRange r, ReadOptions o,
                            BufferAllocator a) {
                        ArrowReader read = super.readRange(t, w, r, o, a);
                        return r.includesNulls() ? new SkippingFirstBatch(a, read) : read;
                    }
                }));
        assertThatThrownBy(() -> runWith(job(4, 2, null), lossy))
                .hasStackTraceContaining("Counts differ for Split 0 of 4 of batch")
                .hasStackTraceContaining("were read; nothing was committed");
        assertThat(manifests()).isEmpty();
        assertThat(allParts()).as("the parts of splits 1-3").hasSize(3);

        IngestionResult next = BronzeIngestion.ingestFromDatabase(job(4, 2, null));
        assertThat(next.recordsProcessed()).isEqualTo(40_000);
        assertThat(next.reconciliation().orElseThrow().status()).isEqualTo(Reconciliation.MATCHED);
        assertEveryVersionOnce(40_000);
    }

    /** A reader that loses its first batch but reports its source's count. */
    private static final class SkippingFirstBatch extends ArrowReader implements RowCountReport {
        private final ArrowReader d;
        private boolean skipped;

        SkippingFirstBatch(BufferAllocator a, ArrowReader d) {
            super(a);
            this.d = d;
        }

        @Override
        public RowCount sourceRowCount() {
            return RowCountReport.of(d);
        }

        @Override
        public VectorSchemaRoot getVectorSchemaRoot() throws IOException {
            return d.getVectorSchemaRoot();
        }

        @Override
        public boolean loadNextBatch() throws IOException {
            if (!skipped) {
                skipped = true;
                if (!d.loadNextBatch()) {
                    return false;
                }
            }
            return d.loadNextBatch();
        }

        @Override
        public long bytesRead() {
            return 0;
        }

        @Override
        protected void closeReadSource() throws IOException {
            d.close();
        }

        @Override
        protected Schema readSchema() throws IOException {
            return d.getVectorSchemaRoot().getSchema();
        }
    }

    private static int readSplit(String descriptor) {
        try {
            return JSON.readTree(descriptor).get("split").asInt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The part key in a result. */
    static final class SplitResultKey {
        static String of(String resultJson) {
            try {
                return JSON.readTree(resultJson).get("key").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

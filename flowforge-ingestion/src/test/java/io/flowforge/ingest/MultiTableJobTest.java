package io.flowforge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.bronze.DuckDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A whole schema landed by one job against the live PostgreSQL and MariaDB: 30 tables picked by a
 * pattern minus an exclude, one table named with its own overrides, run one at a time and four at
 * a time (the same rows either way, every table reconciled), and a table dropped while the run is
 * under way (the run is partial, the others commit, and the next run lands it once it is back).
 * Every bronze file is read back with DuckDB.
 */
class MultiTableJobTest {

    @TempDir Path dir;
    private LiveDb db;
    private String schema;

    @AfterEach
    void drop() throws Exception {
        if (schema != null) {
            db.execute(db.dropSchema(schema));
        }
    }

    private void createSchema(LiveDb live) throws Exception {
        live.requireReachable();
        db = live;
        schema = "ff_mt_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        List<String> sql = new ArrayList<>(List.of(db.createSchema(schema)));
        for (int i = 1; i <= 31; i++) {
            String t = schema + ".t_" + String.format("%02d", i);
            sql.add("CREATE TABLE " + t + " (id INT PRIMARY KEY, v VARCHAR(20), modified_at " + db.timestamp() + " NOT NULL)");
            sql.add(insert(t, 1, i * 7));
        }
        sql.add("CREATE TABLE " + schema + ".tmp_scratch (id INT PRIMARY KEY)");   // not matched by t_* ('_' is literal)
        sql.add("CREATE TABLE " + schema + ".special (id INT PRIMARY KEY, v VARCHAR(20), modified_at " + db.timestamp() + " NOT NULL)");
        sql.add(insert(schema + ".special", 1, 5));
        sql.add("CREATE VIEW " + schema + ".t_view AS SELECT id FROM " + schema + ".t_01");   // patterns take tables only
        db.execute(sql.toArray(String[]::new));
    }

    private String insert(String table, int from, int to) {
        return db == LiveDb.MARIADB
                ? "INSERT INTO " + table + " SELECT seq, CONCAT('v', seq), NOW(6) FROM seq_" + from + "_to_" + to
                : "INSERT INTO " + table + " SELECT g, 'v' || g, clock_timestamp() FROM generate_series(" + from + ", " + to + ") g";
    }

    private MultiTableJob job(int parallel, Path lake) {
        return (MultiTableJob) JobConfigParser.parseJob("""
                {"job_id": "whole_schema", "source_config": {"type": "%s", "connection": %s,
                   "databaseConfig": {"tables": ["%s.t_*", {"name": "%s.special", "bronzeTableName": "bronze_sp",
                                                  "deltaColumn": "id", "upperBound": "max_inclusive"}],
                                      "exclude": ["%s.t_3*"], "maxParallelTables": %d,
                                      "isIncremental": true, "deltaColumn": "modified_at", "lagSeconds": 0}},
                 "destination_config": {"bronzeConfig": {"tableName": "bronze_{table}"},
                   "storage": {"type": "local", "path": "%s"}}}
                """.formatted(db.type, db.connectionJson(schema), schema, schema, schema, parallel, lake));
    }

    private List<String> landed(Path lake) throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(lake.resolve("bronze"))) {
            for (Path d : dirs.sorted().toList()) {
                out.add(d.getFileName() + " " + DuckDb.rows("SELECT count(*) || '/' || count(DISTINCT id) || ' ' || sum(id)"
                        + " FROM read_parquet('" + d + "/*.parquet')").get(0));
            }
        }
        return out;
    }

    /** Runs until a run reads nothing new (at most four runs): what one run holds back, the next lands. */
    private static List<JobRunResult> runUntilNothingNew(MultiTableJob job) {
        List<JobRunResult> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            JobRunResult r = JobRunner.run(job);
            runs.add(r);
            boolean heldBack = r.tables().stream().anyMatch(t -> t.result().flatMap(IngestionResult::upperBound)
                    .map(b -> b.guard().startsWith("held back") || !b.observations().isEmpty()).orElse(false));
            if (!heldBack) {
                break;   // nothing was held back: this run landed everything there was
            }
        }
        return runs;
    }

    @ParameterizedTest
    @EnumSource(LiveDb.class)
    void aSchemaLandsTheSameOneTableAtATimeAndFourAtATimeEveryTableReconciled(LiveDb live) throws Exception {
        createSchema(live);
        List<JobRunResult> serialRuns = runUntilNothingNew(job(1, dir.resolve("serial")));
        List<JobRunResult> parallelRuns = runUntilNothingNew(job(4, dir.resolve("parallel")));
        JobRunResult serial = serialRuns.get(0);

        for (List<JobRunResult> runs : List.of(serialRuns, parallelRuns)) {
            for (JobRunResult r : runs) {
                assertThat(r.status()).as(r.toMap().toString()).isEqualTo("success");
                assertThat(r.tables()).hasSize(30);   // t_01..t_29 and special; t_30, t_31, tmp_scratch, t_view left out
                assertThat(r.tables()).filteredOn(t -> t.rows() > 0).allSatisfy(t -> assertThat(
                        t.result().orElseThrow().reconciliation().orElseThrow().status()).as(t.sourceTable()).isEqualTo("matched"));
            }
            // Normally one run lands everything; a transaction open elsewhere on the server holds bounds back to a later run.
            assertThat(runs.stream().mapToLong(JobRunResult::recordsProcessed).sum()).isEqualTo(7L * (29 * 30 / 2) + 5);
        }
        List<String> serialFiles = landed(dir.resolve("serial"));
        assertThat(serialFiles).hasSize(30).contains("bronze_sp 5/5 15", "bronze_t_01 7/7 28", "bronze_t_29 203/203 20706")
                .noneMatch(s -> s.startsWith("bronze_t_30") || s.startsWith("bronze_t_31") || s.startsWith("bronze_tmp"));
        assertThat(landed(dir.resolve("parallel"))).isEqualTo(serialFiles);
        assertThat(Files.readString(Path.of(java.net.URI.create(serial.runLog().orElseThrow()))))
                .contains("\"status\" : \"success\"").contains("\"tables_total\" : 30");
    }

    @ParameterizedTest
    @EnumSource(LiveDb.class)
    void aTableDroppedDuringTheRunFailsAloneAndLandsOnTheNextRunOnceItIsBack(LiveDb live) throws Exception {
        createSchema(live);
        Path lake = dir.resolve("lake");
        AtomicBoolean dropped = new AtomicBoolean();
        IngestionControl control = IngestionControl.create().onProgress(p -> {
            // While the first table is read, another session drops a table the run has yet to reach.
            if (p.sourceTable().endsWith("t_01") && dropped.compareAndSet(false, true)) {
                try {
                    db.execute("DROP TABLE " + schema + ".t_05");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        JobRunResult first;
        try (var store = new io.flowforge.bronze.store.LocalObjectStore(lake);
                var allocator = new org.apache.arrow.memory.RootAllocator()) {
            first = new JobRunner(store).run(job(1, lake), control, allocator);
        }
        assertThat(first.status()).isEqualTo("partial");
        assertThat(first.tables()).filteredOn(TableResult::failed).singleElement().satisfies(t -> {
            assertThat(t.sourceTable()).isEqualTo(schema + ".t_05");
            assertThat(t.error()).hasValueSatisfying(e -> assertThat(e).contains("t_05").contains("not found"));
        });
        assertThat(first.tables()).filteredOn(t -> !t.failed()).hasSize(29);
        assertThat(Files.exists(lake.resolve("bronze/bronze_t_05"))).isFalse();

        db.execute("CREATE TABLE " + schema + ".t_05 (id INT PRIMARY KEY, v VARCHAR(20), modified_at " + db.timestamp()
                + " NOT NULL)", insert(schema + ".t_05", 1, 35));
        List<JobRunResult> next = runUntilNothingNew(job(4, lake));
        assertThat(next).allSatisfy(r -> assertThat(r.status()).as(r.tables().stream().filter(TableResult::failed)
                .map(t -> t.sourceTable() + ": " + t.error().orElse("")).toList().toString()).isEqualTo("success"));
        // Every table exactly once: t_05 from the later runs, the others not read again.
        List<String> all = landed(lake);
        assertThat(all).hasSize(30).contains("bronze_t_05 35/35 630", "bronze_t_06 42/42 903", "bronze_t_29 203/203 20706");
        assertThat(all).allSatisfy(line -> {
            String[] counts = line.split(" ")[1].split("/");
            assertThat(counts[0]).as(line).isEqualTo(counts[1]);
        });
    }
}

package io.flowforge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.bronze.DuckDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each kind of schema change applied between two incremental runs against the live PostgreSQL and
 * MariaDB, under each policy: what lands (rows, the file's columns and types as DuckDB reads them,
 * the schema version in the history and in the Parquet footer, the result), or the error that
 * names the change before anything is read; the files of several versions read together by DuckDB
 * with union_by_name give every row, NULL where a column did not exist.
 */
class SchemaDriftTest {

    @TempDir Path dir;
    private LiveDb db;
    private String schema;
    private String table;

    @AfterEach
    void drop() throws Exception {
        if (schema != null) {
            db.execute(db.dropSchema(schema));
        }
    }

    private void create(LiveDb live) throws Exception {
        live.requireReachable();
        db = live;
        schema = "ff_sd_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        table = schema + ".acct";
        db.execute(db.createSchema(schema), "CREATE TABLE " + table + " (id INT NOT NULL, amount DECIMAL(15,2) NOT NULL,"
                + " note VARCHAR(50) NOT NULL, n INT NOT NULL, modified_at " + db.timestamp() + " NOT NULL, PRIMARY KEY (id))");
        insert(1, 3);
    }

    private void insert(int from, int to) throws Exception {
        for (int i = from; i <= to; i++) {
            db.execute("INSERT INTO " + table + " (id, amount, note, n, modified_at) VALUES (" + i + ", " + i + ".25, 'note " + i
                    + "', " + i * 10 + ", " + (db == LiveDb.MARIADB ? "NOW(6)" : "clock_timestamp()") + ")");
        }
    }

    private JobConfig job(String policy) {
        return JobConfigParser.parse("""
                {"job_id": "drift", "source_config": {"type": "%s", "connection": %s,
                   "databaseConfig": {"tableName": "%s", "isIncremental": true, "deltaColumn": "modified_at",
                                      "lagSeconds": 0%s}},
                 "destination_config": {"bronzeConfig": {"tableName": "bronze_acct"},
                   "storage": {"type": "local", "path": "%s"}}}
                """.formatted(db.type, db.connectionJson(schema), table, policy, dir.resolve("lake")));
    }

    /** A run, again while a transaction elsewhere on the server holds the bound back (a shared server). */
    private IngestionResult run(String policy) {
        IngestionResult r = BronzeIngestion.ingestFromDatabase(job(policy));
        for (int i = 0; i < 3 && r.upperBound().map(b -> b.guard().startsWith("held back")).orElse(false); i++) {
            IngestionResult again = BronzeIngestion.ingestFromDatabase(job(policy));
            if (again.recordsProcessed() == 0) {
                break;
            }
            r = again;
        }
        return r;
    }

    private String alter(String pg, String maria) {
        return "ALTER TABLE " + table + " " + (db == LiveDb.MARIADB ? maria : pg);
    }

    private String files() {
        return "read_parquet('" + dir.resolve("lake/bronze/bronze_acct") + "/*.parquet', union_by_name = true)";
    }

    private List<String> historyVersions() throws Exception {
        Path h = dir.resolve("lake/_flowforge/schemas/drift").resolve(table);
        try (Stream<Path> s = Files.list(h)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest
    @EnumSource(LiveDb.class)
    void addedColumnsAndWideningsEvolveAndEveryVersionReadsTogether(LiveDb live) throws Exception {
        create(live);
        IngestionResult first = run("");
        assertThat(first.recordsProcessed()).isEqualTo(3);
        assertThat(first.schema().orElseThrow().version()).isEqualTo(1);

        db.execute(alter("ADD COLUMN extra VARCHAR(10)", "ADD COLUMN extra VARCHAR(10)"),
                alter("ALTER COLUMN n TYPE BIGINT", "MODIFY n BIGINT NOT NULL"),
                alter("ALTER COLUMN amount TYPE DECIMAL(18,2)", "MODIFY amount DECIMAL(18,2) NOT NULL"),
                alter("ALTER COLUMN note TYPE VARCHAR(200)", "MODIFY note VARCHAR(200) NOT NULL"));
        insert(4, 5);
        db.execute("UPDATE " + table + " SET extra = 'x5', n = 9000000000 WHERE id = 5");
        IngestionResult second = run("");

        assertThat(second.recordsProcessed()).isEqualTo(2);
        SchemaReport s = second.schema().orElseThrow();
        assertThat(s.version()).isEqualTo(2);
        assertThat(s.changes()).extracting(SchemaChange::kind, SchemaChange::column).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(SchemaChange.Kind.ADDED, "extra"),
                org.assertj.core.groups.Tuple.tuple(SchemaChange.Kind.WIDENED, "n"),
                org.assertj.core.groups.Tuple.tuple(SchemaChange.Kind.WIDENED, "amount"),
                org.assertj.core.groups.Tuple.tuple(SchemaChange.Kind.SOURCE_TYPE_CHANGED, "note"));
        assertThat(historyVersions()).containsExactly("000001.json", "000002.json");
        Path newFile = Path.of(java.net.URI.create(second.bronzeFilePath().orElseThrow()));
        assertThat(DuckDb.rows("SELECT value FROM parquet_kv_metadata('" + newFile + "') WHERE key = 'flowforge.schema_version'"))
                .containsExactly("2");
        // Both versions read together: widened types unify, the added column is NULL for older rows.
        assertThat(DuckDb.rows("SELECT id || '|' || amount || '|' || n || '|' || coalesce(extra, 'NULL') FROM " + files()
                + " ORDER BY id")).containsExactly("1|1.25|10|NULL", "2|2.25|20|NULL", "3|3.25|30|NULL", "4|4.25|40|NULL",
                "5|5.25|9000000000|x5");
        assertThat(DuckDb.rows("SELECT column_type FROM (DESCRIBE SELECT * FROM " + files() + ") WHERE column_name IN ('n', 'amount')"
                + " ORDER BY column_name")).containsExactly("DECIMAL(18,2)", "BIGINT");
    }

    @ParameterizedTest
    @EnumSource(LiveDb.class)
    void aDroppedColumnIsReportedAndNullInNewerFiles(LiveDb live) throws Exception {
        create(live);
        run("");
        db.execute(alter("DROP COLUMN note", "DROP COLUMN note"));
        insert4WithoutNote();
        IngestionResult second = run("");
        assertThat(second.schema().orElseThrow().changes()).extracting(SchemaChange::describe)
                .anySatisfy(d -> assertThat(d).startsWith("dropped: note (was "));
        assertThat(DuckDb.rows("SELECT id || '|' || coalesce(note, 'NULL') FROM " + files() + " ORDER BY id"))
                .containsExactly("1|note 1", "2|note 2", "3|note 3", "4|NULL");
    }

    private void insert4WithoutNote() throws Exception {
        db.execute("INSERT INTO " + table + " (id, amount, n, modified_at) VALUES (4, 4.25, 40, "
                + (db == LiveDb.MARIADB ? "NOW(6)" : "clock_timestamp()") + ")");
    }

    @ParameterizedTest
    @EnumSource(LiveDb.class)
    void aNarrowedTypeOrAChangedKeyFailsNamingEveryChangeBeforeAnythingIsRead(LiveDb live) throws Exception {
        create(live);
        run("");
        String stateBefore = Files.readString(dir.resolve("lake/_flowforge/state/drift/" + table + ".json"));
        db.execute(alter("ALTER COLUMN amount TYPE DECIMAL(10,2)", "MODIFY amount DECIMAL(10,2) NOT NULL"),
                db == LiveDb.MARIADB ? "ALTER TABLE " + table + " DROP PRIMARY KEY, ADD PRIMARY KEY (id, n)"
                        : "ALTER TABLE " + table + " DROP CONSTRAINT acct_pkey, ADD PRIMARY KEY (id, n)");
        insert(4, 4);
        assertThatThrownBy(() -> run(""))
                .isInstanceOf(SchemaGate.SchemaChangeException.class)
                .hasMessageContaining("The schema of " + table + " changed since job 'drift' last landed it (schema version 1, "
                        + "_flowforge/schemas/drift/" + table + "/000001.json), and the job's policy refuses it; nothing was read:")
                .hasMessageContaining("- narrowed or incompatible: amount ")
                .hasMessageContaining("- key changed: (primary key) [id] -> [id, n] (breaking)");
        assertThat(Files.readString(dir.resolve("lake/_flowforge/state/drift/" + table + ".json"))).isEqualTo(stateBefore);
        assertThat(historyVersions()).containsExactly("000001.json");

        // By policy, a breaking change starts the table over under a new version; the older file stays.
        IngestionResult reload = run(", \"schemaChanges\": {\"onBreakingChange\": \"reload\"}");
        assertThat(reload.schema().orElseThrow().version()).isEqualTo(2);
        assertThat(reload.schema().orElseThrow().notes()).containsExactly("breaking change: the table starts over under schema version 2");
        assertThat(reload.recordsProcessed()).isEqualTo(4);
        assertThat(reload.watermarkBefore()).isEmpty();
        assertThat(DuckDb.rows("SELECT count(*) || '/' || count(DISTINCT filename) FROM read_parquet('"
                + dir.resolve("lake/bronze/bronze_acct") + "/*.parquet', union_by_name = true, filename = true)"))
                .containsExactly("7/2");
    }

    @ParameterizedTest
    @EnumSource(LiveDb.class)
    void freezeRefusesAnyChangeAndDiscardLandsTheOldColumns(LiveDb live) throws Exception {
        create(live);
        run("");
        db.execute(alter("ADD COLUMN extra VARCHAR(10)", "ADD COLUMN extra VARCHAR(10)"),
                alter("ALTER COLUMN note DROP NOT NULL", "MODIFY note VARCHAR(50) NULL"));
        insert(4, 4);
        assertThatThrownBy(() -> run(", \"schemaChanges\": {\"columns\": \"freeze\"}"))
                .hasMessageContaining("- added: extra ").hasMessageContaining("(columns: freeze)")
                .hasMessageContaining("- nullability changed: note NOT NULL -> NULL (columns: freeze)");

        IngestionResult discard = run(", \"schemaChanges\": {\"columns\": \"discard\"}");
        assertThat(discard.recordsProcessed()).isEqualTo(1);
        assertThat(discard.schema().orElseThrow().notes()).containsExactly("columns: discard left out extra");
        Path file = Path.of(java.net.URI.create(discard.bronzeFilePath().orElseThrow()));
        assertThat(DuckDb.rows("SELECT string_agg(column_name, ',' ORDER BY column_name) FROM (DESCRIBE SELECT * FROM read_parquet('"
                + file + "')) WHERE NOT starts_with(column_name, '_')")).containsExactly("amount,id,modified_at,n,note");
    }
}

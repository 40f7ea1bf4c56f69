package io.flowforge.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flowforge.connector.testkit.LiveDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as a person at a terminal and as a script see it: child JVMs on a pseudo-terminal
 * ({@code script}) and on pipes. The bar appears only on the terminal (or when asked for), the
 * JSON on standard output is the golden one either way, errors are one line on a terminal, and
 * the exit codes are the same.
 */
class TerminalCliTest {

    private static final String PASSWORD = "tty-Secret-3";
    private static final String ESC = "\u001b[";
    private static final Pattern TIMINGS = Pattern.compile("\"([a-z_]+_ms|rows_per_second|file_size_bytes)\" : \\d+");

    @TempDir Path dir;
    private Path job;

    @BeforeEach
    void fileDatabase() throws Exception {
        assumeTrue(Terminal.scriptAvailable(), "util-linux script is not installed");
        // A file database the child JVMs can open (an in-memory one lives only in this JVM).
        // The same settings as EmbeddedBfsi's in-memory database, so the golden files hold.
        String url = "jdbc:h2:file:" + dir.resolve("bfsi") + ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;"
                + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;INIT=CREATE SCHEMA IF NOT EXISTS dbo\\;SET SCHEMA dbo";
        try (Connection c = DriverManager.getConnection(url, "sa", PASSWORD); Statement s = c.createStatement()) {
            s.execute("RUNSCRIPT FROM 'classpath:/sql/BFSI_Test.sql'");
        }
        job = Files.writeString(dir.resolve("job.json"), """
                {"job_id": "golden_job", "batch_id": "b1",
                 "source_config": {"type": "jdbc",
                   "connection": {"jdbcUrl": "%s", "username": "sa", "password": "%s"},
                   "databaseConfig": {"tableName": "dbo.customers"}},
                 "destination_config": {"bronzeConfig": {"tableName": "bronze_customers", "storageFormat": "parquet"},
                   "storage": {"type": "local", "path": "%s"}}}
                """.formatted(url.replace("\\", "\\\\"), PASSWORD, dir.resolve("lake")));
    }

    private String stable(String json) {
        return TIMINGS.matcher(json.replace(dir.toString(), "$DIR")).replaceAll(r -> "\"" + r.group(1) + "\" : 0");
    }

    private void freshLake() throws Exception {
        try (var files = Files.walk(dir.resolve("lake"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void onATerminalTheBarIsDrawnOnStandardErrorAndStandardOutputIsTodaysJson() throws Exception {
        Terminal.Run run = Terminal.onTerminal(dir, true, Map.of(), "ingest", job.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains(ESC).contains("✔ dbo.customers  500 rows in 0:0")
                .contains("0.0 MB → bronze_customers").doesNotContain("ProgressReader");
        Golden.assertSame("ingest-single.json", stable(run.out()));
    }

    @Test
    void withoutATerminalThereIsNoBarOnlyTodaysLogLinesAndJson() throws Exception {
        Terminal.Run run = Terminal.withPipes(dir, Map.of(), "ingest", job.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain(ESC).doesNotContain("✔ dbo.customers")
                .contains("INFO io.flowforge.bronze.BronzeWriter - wrote 500 rows in 1 batches");
        Golden.assertSame("ingest-single.json", stable(run.out()));
    }

    @Test
    void progressLogNoneAndQuietOnATerminal() throws Exception {
        Terminal.Run log = Terminal.onTerminal(dir, true, Map.of(), "ingest", job.toString(), "--progress=log");
        assertThat(log.exit()).isZero();
        assertThat(log.err()).doesNotContain(ESC).doesNotContain("✔ dbo.customers").contains("wrote 500 rows");
        freshLake();

        Terminal.Run none = Terminal.onTerminal(dir, true, Map.of(), "ingest", job.toString(), "--progress", "none");
        assertThat(none.exit()).isZero();
        assertThat(none.err()).doesNotContain(ESC).doesNotContain("✔ dbo.customers").contains("wrote 500 rows");
        freshLake();

        Terminal.Run quiet = Terminal.onTerminal(dir, true, Map.of(), "--quiet", "ingest", job.toString());
        assertThat(quiet.exit()).isZero();
        assertThat(quiet.err()).doesNotContain(ESC).doesNotContain("INFO");
        assertThat(quiet.out()).contains("\"records_processed\" : 500");
        freshLake();

        Terminal.Run quietAfter = Terminal.withPipes(dir, Map.of(), "ingest", job.toString(), "-q");
        assertThat(quietAfter.exit()).isZero();
        assertThat(quietAfter.err()).doesNotContain("INFO");
    }

    @Test
    void progressBarIsDrawnWithoutATerminalWhenAskedFor() throws Exception {
        Terminal.Run run = Terminal.withPipes(dir, Map.of(), "ingest", job.toString(), "--progress=bar");
        assertThat(run.exit()).isZero();
        assertThat(run.err()).contains(ESC).contains("✔ dbo.customers  500 rows");
        Golden.assertSame("ingest-single.json", stable(run.out()));
    }

    @Test
    void catalogCommandsPrintTablesOnATerminalAndJsonOtherwise() throws Exception {
        Terminal.Run tables = Terminal.onTerminal(dir, false, Map.of(), "tables", "--job", job.toString());
        assertThat(tables.exit()).isZero();
        assertThat(tables.out()).contains("SCHEMA  NAME       KIND   ROWS (ESTIMATE)\n").contains("2 tables\n")
                .doesNotContain("\"schema\"");
        Terminal.Run json = Terminal.withPipes(dir, Map.of(), "tables", "--job", job.toString());
        Golden.assertSame("tables.json", json.out());
        Terminal.Run schema = Terminal.onTerminal(dir, false, Map.of(), "schema", "--job", job.toString(), "dbo.accounts");
        assertThat(schema.out()).contains("dbo.accounts: 5 columns, primary key (account_id)")
                .contains("5  balance       DECIMAL(15,2)          decimal128(15, 2)  no");
        Golden.assertSame("schema-accounts.json",
                Terminal.withPipes(dir, Map.of(), "schema", "--job", job.toString(), "dbo.accounts").out());
    }

    @Test
    void errorsOnATerminalAreOneLineWithWhatToDoAndVerboseShowsTheRest() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"job_id\": \"x\", \"source_config\": {\"type\": \"jdbc\","
                + " \"connection\": {}, \"databaseConfig\": {\"tabel\": \"t\"}}}");

        Terminal.Run tty = Terminal.onTerminal(dir, false, Map.of(), "ingest", bad.toString());
        assertThat(tty.exit()).isEqualTo(2);
        assertThat(tty.err()).isEqualTo("flowforge: The job file has 3 problems: source_config.databaseConfig.tabel: unknown"
                + " key (expected one of tableName, schemaName, query, isIncremental, deltaColumn, upperBound, lagSeconds,"
                + " openTransactionWaitSeconds, batchSize, unsupportedTypes, temporalPrecision, reconcileCounts,"
                + " schemaChanges, reload, parallelism, splits, splitColumn) (and 2 more). Fix it and run again (nothing was"
                + " touched); --verbose shows everything.\n");

        Terminal.Run verbose = Terminal.onTerminal(dir, false, Map.of(), "ingest", bad.toString(), "--verbose");
        assertThat(verbose.exit()).isEqualTo(2);
        assertThat(verbose.err()).contains("- destination_config: required").contains("at io.flowforge.ingest.JobConfigParser");

        Terminal.Run unknown = Terminal.onTerminal(dir, false, Map.of(), "ingset", bad.toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("flowforge: Unmatched arguments from index 0: 'ingset'")
                .contains("See 'flowforge --help'.").contains("Did you mean: flowforge ingest").doesNotContain("Usage:");
    }

    /** A table big enough to be read for a few seconds: the live bar, its percent of the estimate, rate and MB. */
    @Test
    void aLargerPostgreSqlTableShowsTheLiveBar() throws Exception {
        String url = LiveDatabases.setting("FLOWFORGE_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = LiveDatabases.setting("FLOWFORGE_PG_USER", "postgres");
        Optional<String> problem;
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            problem = Optional.empty();
        } catch (SQLException e) {
            problem = Optional.of(String.valueOf(e.getMessage()));
        }
        LiveDatabases.requireReachable("PostgreSQL", url, problem);
        String schema = "ff_tty_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            s.execute("CREATE TABLE " + schema + ".big (id bigint PRIMARY KEY, note text, at timestamp(6))");
            s.execute("INSERT INTO " + schema + ".big SELECT g, md5(g::text), timestamp '2024-01-01' + g * interval '1 second'"
                    + " FROM generate_series(1, 400000) g");
            s.execute("ANALYZE " + schema + ".big");
        }
        try {
            Path pgJob = Files.writeString(dir.resolve("pg.json"), """
                    {"job_id": "tty_pg", "source_config": {"type": "postgresql",
                       "connection": {"jdbcUrl": "%s", "username": "%s"}, "databaseConfig": {"tableName": "%s.big"}},
                     "destination_config": {"bronzeConfig": {"tableName": "bronze_big"}, "storage": {"type": "local", "path": "%s"}}}
                    """.formatted(url, user, schema, dir.resolve("pglake")));
            Terminal.Run run = Terminal.onTerminal(dir, true, Map.of(), "ingest", pgJob.toString());
            assertThat(run.exit()).as(run.err()).isZero();
            // A frame of the bar: table, bar, percent of the estimate, rows of ~400,000, rows/s, MB, elapsed.
            assertThat(run.err()).containsPattern(schema + "\\.big +▕[█▉▊▋▌▍▎▏ ]*▏ +\\d+%  [\\d,]+ / ~400,000 rows  [\\d,]+ rows/s"
                    + "  \\d+\\.\\d MB  0:0\\d");
            assertThat(run.err()).contains("✔ " + schema + ".big  400,000 rows in");
            assertThat(run.out()).contains("\"records_processed\" : 400000");
        } finally {
            try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}

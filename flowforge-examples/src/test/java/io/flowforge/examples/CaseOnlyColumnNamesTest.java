package io.flowforge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.bronze.DuckDb;
import io.flowforge.connector.testkit.LiveDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A PostgreSQL table whose columns {@code "A"} and {@code "a"} differ only in case: PostgreSQL
 * keeps both, but DuckDB would rename one and Spark refuse the file, so the ingestion is refused
 * naming both columns and the fix; the aliasing query it suggests lands both, as DuckDB reads them.
 */
class CaseOnlyColumnNamesTest {

    private static final String URL = LiveDatabases.setting("FLOWFORGE_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = LiveDatabases.setting("FLOWFORGE_PG_USER", "postgres");
    private static final String PASSWORD = LiveDatabases.setting("FLOWFORGE_PG_PASSWORD", "");

    @TempDir Path dir;
    private final String schema = "ff_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void createTable() throws SQLException {
        Optional<String> problem;
        try (Connection c = connect()) {
            problem = Optional.empty();
        } catch (SQLException e) {
            problem = Optional.of(String.valueOf(e.getMessage()));
        }
        LiveDatabases.requireReachable("PostgreSQL", URL, problem);
        execute("CREATE SCHEMA " + schema);
        execute("CREATE TABLE " + schema + ".pairs (id int, \"A\" text, \"a\" text)");
        execute("INSERT INTO " + schema + ".pairs VALUES (1, 'upper', 'lower')");
    }

    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException unreachable) {
            // The test was skipped.
        }
    }

    @Test
    void columnsDifferingOnlyInCaseAreRefusedAndTheAliasLandsBoth() throws Exception {
        assertThat(ingest("\"tableName\": \"" + schema + ".pairs\"", "b1")).as(err.toString()).isEqualTo(1);
        assertThat(out.toString()).contains("\"status\" : \"failed\"")
                .contains("source columns 'A' and 'a' of " + schema + ".pairs differ only in case, which query engines reading"
                        + " bronze do not tell apart (DuckDB renames one, Spark refuses the file); alias one of them in a"
                        + " source query, e.g. \\\"a\\\" AS a_2");
        assertThat(Files.exists(dir.resolve("lake/bronze/pairs/b1.parquet"))).isFalse();

        String query = "SELECT id, \\\"A\\\", \\\"a\\\" AS a_2 FROM " + schema + ".pairs";
        assertThat(ingest("\"query\": \"" + query + "\"", "b2")).as(err.toString()).isZero();
        List<Map<String, Object>> rows = DuckDb.query(dir.resolve("lake/bronze/pairs/b2.parquet"),
                "SELECT id, \"A\", a_2 FROM read_parquet($f)");
        assertThat(rows).containsExactly(Map.of("id", 1, "A", "upper", "a_2", "lower"));
    }

    private int ingest(String source, String batch) throws Exception {
        Path job = dir.resolve(batch + ".json");
        Files.writeString(job, """
                {"job_id": "pairs", "batch_id": "%s",
                 "source_config": {"type": "postgresql", "connection": {"jdbcUrl": "%s", "username": "%s"%s},
                   "databaseConfig": {%s}},
                 "destination_config": {"bronzeConfig": {"tableName": "pairs"}, "storage": {"type": "local", "path": "%s"}}}
                """.formatted(batch, URL, USER, PASSWORD.isEmpty() ? "" : ", \"password\": \"" + PASSWORD + "\"", source,
                dir.resolve("lake")));
        CommandLine cl = FlowForgeCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute("ingest", job.toString());
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

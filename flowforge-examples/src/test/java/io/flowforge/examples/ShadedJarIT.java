package io.flowforge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowforge.bronze.DuckDb;
import io.flowforge.connector.testkit.LiveDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded {@code flowforge.jar} itself, as a new user runs it, against the live PostgreSQL and
 * MariaDB: every connector is inside ({@code --version}, {@code tables}), and a workflow file with
 * a multi-table PostgreSQL job and a MariaDB job lands every table, read back with DuckDB, with its
 * run logs in the lake.
 */
class ShadedJarIT {

    private static final String PG_URL = LiveDatabases.setting("FLOWFORGE_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = LiveDatabases.setting("FLOWFORGE_PG_USER", "postgres");
    private static final String MY_URL = LiveDatabases.setting("FLOWFORGE_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/test");
    private static final String MY_USER = LiveDatabases.setting("FLOWFORGE_MYSQL_USER", "root");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;
    private String schema;

    record Run(int exit, String out, String err) {}

    private static Run flowforge(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("flowforge.jar", "target/flowforge.jar")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), out.get(), err.get());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void require(String name, String url, String user) {
        Optional<String> problem;
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            problem = Optional.empty();
        } catch (SQLException e) {
            problem = Optional.of(String.valueOf(e.getMessage()));
        }
        LiveDatabases.requireReachable(name, url, problem);
    }

    private static void sql(String url, String user, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            for (String q : statements) {
                s.execute(q);
            }
        }
    }

    @BeforeEach
    void createSources() throws Exception {
        require("PostgreSQL", PG_URL, PG_USER);
        require("MariaDB", MY_URL, MY_USER);
        schema = "ff_jar_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        List<String> pg = new ArrayList<>(List.of("CREATE SCHEMA " + schema));
        for (String t : List.of("customers", "accounts", "payments")) {
            pg.add("CREATE TABLE " + schema + "." + t + " (id INT PRIMARY KEY, note TEXT, modified_at TIMESTAMP NOT NULL)");
            pg.add("INSERT INTO " + schema + "." + t + " SELECT g, 'n' || g, clock_timestamp() FROM generate_series(1, "
                    + (t.length() * 10) + ") g");
        }
        sql(PG_URL, PG_USER, pg.toArray(String[]::new));
        sql(MY_URL, MY_USER, "CREATE DATABASE " + schema, "CREATE TABLE " + schema + ".branches (id INT PRIMARY KEY, city VARCHAR(20))",
                "INSERT INTO " + schema + ".branches SELECT seq, CONCAT('city', seq) FROM seq_1_to_12");
    }

    @AfterEach
    void dropSources() throws Exception {
        if (schema != null) {
            sql(PG_URL, PG_USER, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            sql(MY_URL, MY_USER, "DROP DATABASE IF EXISTS " + schema);
        }
    }

    @Test
    void everyConnectorIsInTheJarAndAWorkflowLandsTwoDatabases() throws Exception {
        Run version = flowforge("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).contains("jdbc ").contains("mysql       org.mariadb.jdbc.Driver 3.")
                .contains("postgresql  org.postgresql.Driver 42.").contains("sql-server  com.microsoft.sqlserver.jdbc.SQLServerDriver 13.");

        Run tables = flowforge("tables", "--type", "postgresql", "--jdbc-url", PG_URL, "--user", PG_USER);
        assertThat(tables.exit()).as(tables.err()).isZero();
        assertThat(tables.out()).contains("\"schema\" : \"" + schema + "\"");
        Run mariaTables = flowforge("tables", "--type", "mysql", "--jdbc-url", MY_URL.replace("/test", "/" + schema), "--user", MY_USER);
        assertThat(mariaTables.exit()).as(mariaTables.err()).isZero();
        assertThat(mariaTables.out()).contains("\"name\" : \"branches\"");

        Path lake = dir.resolve("lake");
        Path workflow = Files.writeString(dir.resolve("workflow.json"), """
                {"workflow_id": "nightly", "batch_id": "b20261201",
                 "jobs": [
                  {"type": "database", "job_id": "pg_schema",
                   "source_config": {"type": "postgresql", "connection": {"jdbcUrl": "%s", "username": "%s"},
                     "databaseConfig": {"tables": ["%s.*"], "maxParallelTables": 2}},
                   "destination_config": {"storage": {"type": "local", "path": "%s"}}},
                  {"type": "database", "job_id": "maria_branches",
                   "source_config": {"type": "mysql", "connection": {"jdbcUrl": "%s", "username": "%s"},
                     "databaseConfig": {"tableName": "%s.branches"}},
                   "destination_config": {"bronzeConfig": {"tableName": "bronze_branches"},
                     "storage": {"type": "local", "path": "%s"}}}]}
                """.formatted(PG_URL, PG_USER, schema, lake, MY_URL.replace("/test", "/" + schema), MY_USER, schema, lake));

        Run run = flowforge("run", workflow.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.path("status").asText()).isEqualTo("success");
        assertThat(result.path("batch_id").asText()).isEqualTo("b20261201");
        assertThat(result.path("records_processed").asLong()).isEqualTo(90 + 80 + 80 + 12);
        assertThat(result.path("jobs").get(0).path("tables_total").asInt()).isEqualTo(3);
        for (String t : List.of("customers 90", "accounts 80", "payments 80", "branches 12")) {
            String[] p = t.split(" ");
            assertThat(DuckDb.rows("SELECT count(*) FROM read_parquet('" + lake.resolve("bronze/bronze_" + p[0])
                    + "/b20261201.parquet')")).containsExactly(p[1]);
        }
        assertThat(Files.readString(lake.resolve("_flowforge/runs/nightly/b20261201.json"))).contains("\"jobs_total\" : 2");
        assertThat(Files.readString(lake.resolve("_flowforge/runs/pg_schema/b20261201.json"))).contains("\"tables_total\" : 3");

        // The same batch again: the jobs refuse to overwrite it, the workflow says so, and exits 1.
        Run again = flowforge("run", workflow.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("already exists");
    }
}

package io.flowforge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowforge.bronze.DuckDb;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The API against the live PostgreSQL. It trusts every connection (a wrong password still
 * connects), so bad credentials are a role that does not exist.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgreSqlApiTest {

    private static final String PASSWORD = "Pg-S3cret-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String SCHEMA = "ff_srv_" + UUID.randomUUID().toString().substring(0, 8);
    private static final LiveSource DB = LiveSource.postgres();
    private static TestServer server;
    private static String serverVersion;
    private static String sourceId;

    @BeforeAll
    static void setUp() throws Exception {
        try (Connection c = DB.connectOrSkip(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + SCHEMA);
            s.execute("CREATE TABLE " + SCHEMA + ".customers (id int PRIMARY KEY, name text NOT NULL, amount numeric(12,2),"
                    + " updated_at timestamp NOT NULL)");
            s.execute("INSERT INTO " + SCHEMA + ".customers SELECT g, 'customer ' || g, g * 1.25,"
                    + " timestamp '2024-01-01' + g * interval '1 minute' FROM generate_series(1, 1000) g");
            s.execute("CREATE TABLE " + SCHEMA + ".big (id bigint PRIMARY KEY, payload text NOT NULL)");
            s.execute("INSERT INTO " + SCHEMA + ".big SELECT g, repeat('x', 100) FROM generate_series(1, 400000) g");
            s.execute("ANALYZE " + SCHEMA + ".big");
            try (ResultSet rs = s.executeQuery("SHOW server_version")) {
                rs.next();
                serverVersion = rs.getString(1);
            }
        }
        server = TestServer.start(ServerOptions.defaults().withDemoSource(false));
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (server != null) {
            server.close();
        }
        try (Connection c = DB.admin(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    private static Map<String, Object> job(String jobId, Map<String, Object> databaseConfig) {
        return Map.of("job_id", jobId,
                "source_config", Map.of("source_id", sourceId, "databaseConfig", databaseConfig),
                "destination_config", Map.of("bronzeConfig", Map.of("tableName", jobId)));
    }

    @Test
    @Order(1)
    void goodCredentialsNameTheServerVersionAndLatency() {
        JsonNode r = server.post("/api/test-connection/database", DB.sourceConfig(DB.database(), DB.adminUser(), PASSWORD)).json();
        assertThat(r.path("success").asBoolean()).as(r.toString()).isTrue();
        assertThat(r.path("server").asText()).isEqualTo("PostgreSQL");
        assertThat(r.path("version").asText()).isEqualTo(serverVersion);
        assertThat(r.path("latency_ms").asLong()).isBetween(0L, 15_000L);
        assertThat(r.path("message").asText()).matches("Connected to PostgreSQL " + java.util.regex.Pattern.quote(serverVersion)
                + " in \\d+ ms");
    }

    @Test
    @Order(2)
    void aRoleThatDoesNotExistIsAFailedTestWithTheServersReason() {
        String role = "nobody_" + SCHEMA.substring(7);
        TestServer.Reply reply = server.post("/api/test-connection/database", DB.sourceConfig(DB.database(), role, PASSWORD));
        assertThat(reply.status()).isEqualTo(200);
        JsonNode r = reply.json();
        assertThat(r.path("success").asBoolean()).isFalse();
        assertThat(r.path("server").isNull()).isTrue();
        assertThat(r.path("message").asText()).isEqualTo("Could not connect to jdbc:postgresql://" + DB.host() + ":" + DB.port()
                + "/" + DB.database() + " as user '" + role + "': FATAL: role \"" + role + "\" does not exist");
    }

    @Test
    @Order(3)
    void aSavedSourceListsTablesAndDescribesOne() {
        Map<String, Object> body = new LinkedHashMap<>(DB.sourceConfig(DB.database(), DB.adminUser(), PASSWORD));
        body.put("name", "pg test");
        TestServer.Reply saved = server.post("/api/sources", body);
        assertThat(saved.status()).isEqualTo(201);
        sourceId = saved.json().path("id").asText();
        assertThat(sourceId).matches("src-[0-9a-f]{10}");
        assertThat(saved.json().path("connection").path("password_set").asBoolean()).isTrue();

        List<String> tables = new ArrayList<>();
        server.get("/api/database/tables?source_id=" + sourceId).json().path("tables")
                .forEach(t -> tables.add(t.path("qualified_name").asText()));
        assertThat(tables).contains(SCHEMA + ".big", SCHEMA + ".customers");

        JsonNode schema = server.get("/api/database/schema?source_id=" + sourceId + "&table=" + SCHEMA + ".customers").json();
        List<String> columns = new ArrayList<>();
        schema.path("columns").forEach(c -> columns.add(c.path("name").asText() + " " + c.path("source_type").asText() + " "
                + c.path("arrow_type").asText() + (c.path("nullable").asBoolean() ? " null" : "") + (c.path("key").asBoolean() ? " key" : "")));
        assertThat(columns).containsExactly("id int4 int32 key", "name text utf8", "amount numeric decimal128(12,2) null",
                "updated_at timestamp timestamp[us]");
    }

    @Test
    @Order(4)
    void aMissingTableIs404() {
        TestServer.Reply r = server.get("/api/database/schema?source_id=" + sourceId + "&table=" + SCHEMA + ".nope");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().path("error").path("message").asText()).isEqualTo("Table '" + SCHEMA + ".nope' was not found in "
                + "database '" + DB.database() + "'. Check the schema and the name's spelling; listTables() shows the tables that exist.");
    }

    @Test
    @Order(5)
    void loadsFromTheSavedSourceThenOnlyTheNewRows() throws Exception {
        // lagSeconds 0: rows are stamped by the database inside their transactions, which the
        // open-transaction guard covers; the 60 s default would hold the new rows back.
        JsonNode first = server.awaitRun(server.post("/api/jobs", job("pg_customers", Map.of("tableName", SCHEMA + ".customers",
                "isIncremental", true, "deltaColumn", "updated_at", "lagSeconds", 0))).json().path("id").asText(), Duration.ofSeconds(60));
        assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("success");
        assertThat(first.path("result").path("records_processed").asLong()).isEqualTo(1000);
        Path file = Path.of(URI.create(first.path("result").path("bronze_file_path").asText()));
        assertThat(DuckDb.rows("SELECT COUNT(*), SUM(amount), MAX(updated_at) FROM read_parquet('" + file + "')"))
                .containsExactly("1000|625625.00|2024-01-01 16:40:00.0");
        assertThat(first.path("result").path("watermark_after").path("type").asText()).isEqualTo("TIMESTAMP");

        try (Connection c = DB.admin(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO " + SCHEMA + ".customers SELECT g, 'late ' || g, 1, clock_timestamp()::timestamp"
                    + " FROM generate_series(1001, 1005) g");
        }
        JsonNode second = server.awaitRun(server.post("/api/jobs", job("pg_customers", Map.of("tableName", SCHEMA + ".customers",
                "isIncremental", true, "deltaColumn", "updated_at", "lagSeconds", 0))).json().path("id").asText(), Duration.ofSeconds(60));
        assertThat(second.path("result").path("records_processed").asLong()).as(second.toString()).isEqualTo(5);
        Path file2 = Path.of(URI.create(second.path("result").path("bronze_file_path").asText()));
        assertThat(DuckDb.rows("SELECT MIN(id), MAX(id) FROM read_parquet('" + file2 + "')")).containsExactly("1001|1005");
    }

    @Test
    @Order(6)
    void aLongLoadReportsProgressAndStopsWhenCancelled() throws Exception {
        String id = server.post("/api/jobs", job("pg_big", Map.of("tableName", SCHEMA + ".big", "batchSize", 500)))
                .json().path("id").asText();
        JsonNode running;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        do {
            running = server.get("/api/jobs/" + id).json();
        } while (running.path("progress").path("rows").asLong() == 0 && running.path("status").asText().equals("running")
                || running.path("status").asText().equals("queued") && System.nanoTime() < deadline);
        assertThat(running.path("status").asText()).as(running.toString()).isEqualTo("running");
        JsonNode progress = running.path("progress");
        assertThat(progress.path("expected_rows").asLong()).isEqualTo(400_000);
        assertThat(progress.path("percent").asDouble()).isBetween(0.0, 100.0);
        assertThat(server.post("/api/jobs/" + id + "/cancel", "").status()).isEqualTo(202);
        JsonNode done = server.awaitRun(id, Duration.ofSeconds(60));
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("cancelled");
        assertThat(done.path("result").path("bronze_file_path").isNull()).isTrue();
        assertThat(Files.exists(server.lake.resolve("bronze/pg_big"))
                && Files.list(server.lake.resolve("bronze/pg_big")).anyMatch(p -> p.toString().endsWith(".parquet"))).isFalse();
    }

    @Test
    @Order(7)
    void malformedAndOversizedBodiesNeverEchoThePassword() {
        TestServer.Reply broken = server.post("/api/sources", "{\"type\": \"postgresql\", \"connection\": {\"password\": \""
                + PASSWORD + "\", ");
        assertThat(broken.status()).isEqualTo(400);
        TestServer.Reply typo = server.post("/api/sources", "{\"type\": \"postgresql\", \"connection\": {\"pasword\": \""
                + PASSWORD + "\"}}");
        assertThat(typo.json().path("error").path("problems").toString())
                .isEqualTo("[\"source_config.connection.pasword: unknown key (did you mean password?)\"]");
        TestServer.Reply big = server.post("/api/sources", "{\"type\": \"postgresql\", \"connection\": {\"password\": \""
                + PASSWORD + "\", \"host\": \"" + "h".repeat(100_000) + "\"}}");
        assertThat(big.status()).isEqualTo(413);
    }

    @Test
    @Order(100)
    void noResponseEverHeldThePassword() {
        assertThat(server.replies).hasSizeGreaterThan(10);
        assertThat(server.allReplies()).doesNotContain(PASSWORD);
    }
}

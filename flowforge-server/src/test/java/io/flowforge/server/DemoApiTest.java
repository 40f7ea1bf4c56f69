package io.flowforge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowforge.bronze.DuckDb;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API over HTTP on the demo source (BFSI_Test on an embedded H2): what a new user sees first. */
class DemoApiTest {

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthNamesTheConnectorsAndTheDemoSource() {
        JsonNode health = server.get("/api/health").json();
        assertThat(health.path("status").asText()).isEqualTo("ok");
        assertThat(health.path("connectors").toString()).isEqualTo("[\"jdbc\",\"mysql\",\"postgresql\",\"sql-server\"]");
        assertThat(health.path("demo_source").asText()).isEqualTo("demo");
        assertThat(health.path("store_root").asText()).isEqualTo(server.lake.toUri().toString());
    }

    @Test
    void theDemoSourceIsSavedWithoutShowingItsPassword() {
        TestServer.Reply reply = server.get("/api/sources/demo");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode c = reply.json().path("connection");
        assertThat(reply.json().path("name").asText()).isEqualTo("BFSI_Test (embedded H2 demo)");
        assertThat(c.path("password_set").asBoolean()).isTrue();
        assertThat(c.has("password")).isFalse();
        assertThat(c.path("username").asText()).isEqualTo("sa");
        assertThat(c.path("jdbc_url").asText()).startsWith("jdbc:h2:mem:BFSI_Test_");
    }

    @Test
    void listsTablesAndDescribesCustomers() {
        JsonNode tables = server.get("/api/database/tables?source_id=demo").json().path("tables");
        List<String> names = new ArrayList<>();
        tables.forEach(t -> names.add(t.path("qualified_name").asText()));
        assertThat(names).containsExactly("dbo.accounts", "dbo.customers");

        JsonNode schema = server.get("/api/database/schema?source_id=demo&table=dbo.customers").json();
        assertThat(schema.path("primary_key").toString()).isEqualTo("[\"customer_id\"]");
        List<String> columns = new ArrayList<>();
        schema.path("columns").forEach(c -> columns.add(c.path("name").asText() + " " + c.path("arrow_type").asText()
                + (c.path("nullable").asBoolean() ? " null" : " not null") + (c.path("key").asBoolean() ? " key" : "")));
        assertThat(columns).containsExactly(
                "customer_id int32 not null key",
                "first_name utf8 not null",
                "last_name utf8 not null",
                "email utf8 null",
                "phone utf8 null",
                "date_of_birth date32 not null",
                "credit_limit decimal128(15,2) not null",
                "account_balance decimal128(15,2) not null",
                "is_active bool not null",
                "created_at timestamp[us] not null",
                "modified_date timestamp[us] null");
    }

    @Test
    void aMissingTableIs404WithTheConnectorsMessage() {
        TestServer.Reply r = server.get("/api/database/schema?source_id=demo&table=dbo.customer");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("table_not_found");
        assertThat(r.json().path("error").path("message").asText()).matches("Table 'dbo.customer' was not found in "
                + "database 'BFSI_Test_[0-9a-f]{12}'\\. Check the schema and the name's spelling; "
                + "listTables\\(\\) shows the tables that exist\\.");
    }

    @Test
    void aLoadOnTheDemoSourceLandsAll500Customers() throws Exception {
        TestServer.Reply submitted = server.post("/api/jobs", Map.of(
                "job_id", "demo_customers",
                "source_config", Map.of("source_id", "demo", "databaseConfig", Map.of("tableName", "dbo.customers")),
                "destination_config", Map.of("bronzeConfig", Map.of("tableName", "bronze_customers"))));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String id = submitted.json().path("id").asText();
        assertThat(submitted.header("Location")).isEqualTo("/api/jobs/" + id);
        JsonNode run = server.awaitRun(id, Duration.ofSeconds(60));
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("success");
        JsonNode result = run.path("result");
        assertThat(result.path("records_processed").asLong()).isEqualTo(500);
        Path file = Path.of(URI.create(result.path("bronze_file_path").asText()));
        assertThat(file).startsWith(server.lake.resolve("bronze/bronze_customers"));
        assertThat(DuckDb.rows("SELECT COUNT(*), COUNT(DISTINCT customer_id), SUM(credit_limit) FROM read_parquet('"
                + file + "')")).containsExactly("500|500|5250000.00");
        assertThat(run.path("progress").path("rows").asLong()).isEqualTo(500);

        JsonNode recent = server.get("/api/jobs?limit=5").json().path("runs");
        List<String> ids = new ArrayList<>();
        recent.forEach(r -> ids.add(r.path("id").asText()));
        assertThat(ids).contains(id);
    }
}

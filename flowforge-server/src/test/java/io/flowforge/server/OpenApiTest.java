package io.flowforge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI description against the implementation: the same routes, and every response seen by
 * a walk through the API (successes and errors) matches the schema documented for its status.
 */
class OpenApiTest {

    private static TestServer server;
    private static JsonNode doc;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        doc = server.get("/api/openapi.json").json();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void documentsExactlyTheRoutesTheServerServes() {
        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            path.getValue().fieldNames().forEachRemaining(m -> {
                if (!m.equals("parameters")) {
                    documented.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            });
        }
        Set<String> served = new TreeSet<>(server.server.api().routes().stream().filter(r -> r.contains(" /api/")).toList());
        assertThat(documented).isEqualTo(served);
        assertThat(doc.path("openapi").asText()).isEqualTo("3.0.3");
    }

    @Test
    void everyResponseMatchesItsDocumentedSchema() throws Exception {
        SchemaCheck check = new SchemaCheck(doc);
        Set<String> exercised = new TreeSet<>();
        String sourceId = server.post("/api/sources", Map.of("name", "second demo", "type", "jdbc", "connection",
                Map.of("jdbcUrl", "jdbc:h2:mem:openapi_nowhere;IFEXISTS=TRUE", "username", "sa"))).json().path("id").asText();
        String job = "{\"job_id\": \"openapi\", \"source_config\": {\"source_id\": \"demo\", \"databaseConfig\": "
                + "{\"tableName\": \"dbo.accounts\"}}, \"destination_config\": {\"bronzeConfig\": {\"tableName\": \"b\"}}}";
        String runId = server.post("/api/jobs", job).json().path("id").asText();
        server.awaitRun(runId, Duration.ofSeconds(60));

        record Call(String method, String template, String path, String body) {}
        List<Call> calls = List.of(
                new Call("GET", "/api/health", "/api/health", null),
                new Call("GET", "/api/openapi.json", "/api/openapi.json", null),
                new Call("POST", "/api/test-connection/database", "/api/test-connection/database", "{\"source_id\": \"demo\"}"),
                new Call("POST", "/api/test-connection/database", "/api/test-connection/database", "{\"source_id\": \"" + sourceId + "\"}"),
                new Call("POST", "/api/test-connection/database", "/api/test-connection/database", "{\"source_id\": \"nope\"}"),
                new Call("POST", "/api/test-connection/database", "/api/test-connection/database", "{\"type\": 1}"),
                new Call("POST", "/api/test-connection/database", "/api/test-connection/database", "{" + " ".repeat(70_000) + "}"),
                new Call("GET", "/api/sources", "/api/sources", null),
                new Call("POST", "/api/sources", "/api/sources", "{\"type\": \"jdbc\", \"connection\": {\"jdbcUrl\": \"jdbc:h2:mem:x\"}}"),
                new Call("POST", "/api/sources", "/api/sources", "not json"),
                new Call("GET", "/api/sources/{id}", "/api/sources/demo", null),
                new Call("GET", "/api/sources/{id}", "/api/sources/nope", null),
                new Call("DELETE", "/api/sources/{id}", "/api/sources/" + sourceId, null),
                new Call("DELETE", "/api/sources/{id}", "/api/sources/" + sourceId, null),
                new Call("GET", "/api/database/tables", "/api/database/tables?source_id=demo", null),
                new Call("GET", "/api/database/tables", "/api/database/tables", null),
                new Call("GET", "/api/database/tables", "/api/database/tables?source_id=nope", null),
                new Call("GET", "/api/database/schema", "/api/database/schema?source_id=demo&table=dbo.customers", null),
                new Call("GET", "/api/database/schema", "/api/database/schema?source_id=demo&table=dbo.nope", null),
                new Call("GET", "/api/database/schema", "/api/database/schema?source_id=demo&table=a.b.c", null),
                new Call("POST", "/api/jobs", "/api/jobs", job),
                new Call("POST", "/api/jobs", "/api/jobs", "{\"job_id\": \"x\"}"),
                new Call("GET", "/api/jobs", "/api/jobs?limit=3", null),
                new Call("GET", "/api/jobs", "/api/jobs?limit=x", null),
                new Call("GET", "/api/jobs/{id}", "/api/jobs/" + runId, null),
                new Call("GET", "/api/jobs/{id}", "/api/jobs/nope", null),
                new Call("POST", "/api/jobs/{id}/cancel", "/api/jobs/" + runId + "/cancel", null),
                new Call("POST", "/api/jobs/{id}/cancel", "/api/jobs/nope/cancel", null));
        for (Call call : calls) {
            TestServer.Reply r = switch (call.method()) {
                case "GET" -> server.get(call.path());
                case "DELETE" -> server.delete(call.path());
                default -> server.post(call.path(), call.body() == null ? "" : call.body());
            };
            JsonNode response = doc.path("paths").path(call.template()).path(call.method().toLowerCase(Locale.ROOT))
                    .path("responses").path(String.valueOf(r.status()));
            assertThat(response.isMissingNode()).as(call + " answered " + r.status() + ", which is not documented: " + r.body())
                    .isFalse();
            JsonNode schema = response.path("content").path("application/json").path("schema");
            if (schema.isMissingNode()) {
                assertThat(r.body()).as(call + " documents no body").isEmpty();
            } else {
                assertThat(check.problems(schema, r.json())).as(call + " -> " + r.body()).isEmpty();
            }
            exercised.add(call.method() + " " + call.template() + " " + r.status());
        }
        assertThat(exercised).contains("GET /api/health 200", "POST /api/test-connection/database 200",
                "POST /api/test-connection/database 400", "POST /api/test-connection/database 404",
                "POST /api/test-connection/database 413", "GET /api/sources 200", "POST /api/sources 201",
                "GET /api/sources/{id} 404", "DELETE /api/sources/{id} 204", "GET /api/database/tables 200",
                "GET /api/database/schema 200", "GET /api/database/schema 404", "POST /api/jobs 202", "POST /api/jobs 400",
                "GET /api/jobs 200", "GET /api/jobs/{id} 200", "POST /api/jobs/{id}/cancel 409");
    }

    @Test
    void theSchemaCheckItselfCatchesAMismatch() {
        SchemaCheck check = new SchemaCheck(doc);
        JsonNode run = doc.path("components").path("schemas").path("ConnectionTest");
        assertThat(check.problems(run, TestServer.JSON.valueToTree(Map.of("success", "yes"))))
                .contains("$.success: expected boolean, was STRING", "$: missing required message");
    }
}

package io.flowforge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every input is checked, with the job parser's messages, and every error has one JSON shape. */
class RequestValidationTest {

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(ServerOptions.defaults().withAllowedSecretEnv(Set.of("FLOWFORGE_ALLOWED_TEST_VAR")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> problems(TestServer.Reply r) {
        List<String> out = new ArrayList<>();
        r.json().path("error").path("problems").forEach(p -> out.add(p.asText()));
        return out;
    }

    private static String message(TestServer.Reply r) {
        return r.json().path("error").path("message").asText();
    }

    @Test
    void malformedJsonIs400WithWhereItBroke() {
        TestServer.Reply r = server.post("/api/test-connection/database", "{\"type\": \"postgresql\", ");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("invalid_json");
        assertThat(message(r)).isEqualTo("The request body is not valid JSON: Unexpected end-of-input "
                + "within/between Object entries (line 1, column 24)");
        assertThat(r.json().path("error").path("status").asInt()).isEqualTo(400);
        assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");

        TestServer.Reply array = server.post("/api/jobs", "[1, 2]");
        assertThat(array.status()).isEqualTo(400);
        assertThat(message(array)).isEqualTo("The request body must be a JSON object "
                + "(a job in the plan's shape: job_id, source_config, destination_config)");
    }

    @Test
    void aSourceConfigIsCheckedWithTheJobParsersMessages() {
        TestServer.Reply r = server.post("/api/test-connection/database",
                "{\"type\": \"postgresql\", \"connection\": {\"host\": \"127.0.0.1\", \"port\": 70000, \"pasword\": \"x\"}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("invalid_request");
        assertThat(problems(r)).containsExactly(
                "source_config.connection.pasword: unknown key (did you mean password?)",
                "source_config.connection.port: expected a whole number from 1 to 65535");
        assertThat(message(r)).isEqualTo("The request has 2 problems:\n"
                + "- source_config.connection.pasword: unknown key (did you mean password?)\n"
                + "- source_config.connection.port: expected a whole number from 1 to 65535");
    }

    @Test
    void anUnknownConnectorTypeNamesTheAvailableOnes() {
        TestServer.Reply r = server.post("/api/test-connection/database", "{\"type\": \"oracle\", \"connection\": {}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(problems(r)).containsExactly(
                "source_config: No connector for identifier 'oracle'. Available connectors: jdbc, mysql, postgresql, sql-server.");
    }

    @Test
    void aJobIsCheckedWithTheJobParsersMessagesAndTheServersOwnRules() {
        TestServer.Reply r = server.post("/api/jobs", "{\"job_id\": \"../escape\", \"source_config\": {\"source_id\": \"demo\","
                + " \"databaseConfig\": {\"tableName\": \"dbo.customers\", \"isIncremental\": true}},"
                + " \"destination_config\": {\"bronzeConfig\": {\"tableName\": \"bronze customers\"}}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(problems(r)).containsExactly(
                "job_id: job id '../escape' cannot be used in the object path: use letters, digits, '_', '-', '.', '='"
                        + " (not starting with '.' or '-', no '..', at most 255 characters)",
                "source_config.databaseConfig.deltaColumn: required when isIncremental is true",
                "destination_config.bronzeConfig.tableName: bronze table name 'bronze customers' cannot be used in the object"
                        + " path: use letters, digits, '_', '-', '.', '=' (not starting with '.' or '-', no '..', at most 255 characters)");

        TestServer.Reply escape = server.post("/api/jobs", "{\"job_id\": \"../escape\", \"source_config\": {\"source_id\": \"demo\","
                + " \"databaseConfig\": {\"tableName\": \"dbo.customers\"}}, \"destination_config\": {\"bronzeConfig\":"
                + " {\"tableName\": \"b\"}, \"storage\": {\"type\": \"local\", \"path\": \"../../etc\"}}}");
        assertThat(escape.status()).isEqualTo(400);
        assertThat(problems(escape)).containsExactly(
                "job_id: job id '../escape' cannot be used in the object path: use letters, digits, '_', '-', '.', '='"
                        + " (not starting with '.' or '-', no '..', at most 255 characters)");
        TestServer.Reply outside = server.post("/api/jobs", "{\"job_id\": \"ok\", \"source_config\": {\"source_id\": \"demo\","
                + " \"databaseConfig\": {\"tableName\": \"dbo.customers\"}}, \"destination_config\": {\"bronzeConfig\":"
                + " {\"tableName\": \"b\"}, \"storage\": {\"type\": \"local\", \"path\": \"../../etc\"}}}");
        assertThat(outside.status()).isEqualTo(400);
        assertThat(problems(outside)).containsExactly(
                "destination_config.storage.path: '../../etc' is outside the server's store root "
                        + server.lake.toAbsolutePath().normalize() + "; give a folder inside it (a relative path is taken from there)");
    }

    @Test
    void aSavedSourceAndAnInlineConnectionTogetherAreRefused() {
        TestServer.Reply r = server.post("/api/jobs", "{\"job_id\": \"j\", \"source_config\": {\"source_id\": \"demo\","
                + " \"type\": \"jdbc\", \"databaseConfig\": {\"tableName\": \"t\"}}, \"destination_config\": {}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(problems(r)).containsExactly(
                "source_config.source_id: give either source_id or type and connection, not both");
        TestServer.Reply missing = server.post("/api/jobs", "{\"job_id\": \"j\", \"source_config\": {\"source_id\": \"src-nope\","
                + " \"databaseConfig\": {\"tableName\": \"t\"}}, \"destination_config\": {\"bronzeConfig\": {\"tableName\": \"b\"}}}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("source_not_found");
        assertThat(message(missing)).isEqualTo("No saved source has id 'src-nope'; GET /api/sources lists them, "
                + "POST /api/sources saves one.");
    }

    @Test
    void environmentSecretsAreGivenOnlyWhenTheServerAllowsThem() {
        TestServer.Reply r = server.post("/api/test-connection/database", "{\"type\": \"postgresql\", \"connection\":"
                + " {\"host\": \"127.0.0.1\", \"database\": \"test\", \"username\": \"postgres\", \"passwordEnv\": \"HOME\"}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(problems(r)).containsExactly("source_config.connection.passwordEnv: the server does not give environment "
                + "variable 'HOME' to clients; send the secret itself, or start the server with --allow-env HOME");
        TestServer.Reply allowed = server.post("/api/test-connection/database", "{\"type\": \"postgresql\", \"connection\":"
                + " {\"host\": \"127.0.0.1\", \"passwordEnv\": \"FLOWFORGE_ALLOWED_TEST_VAR\"}}");
        assertThat(problems(allowed)).as("allowed, so the parser's own check applies")
                .containsExactly("source_config.connection.passwordEnv: environment variable FLOWFORGE_ALLOWED_TEST_VAR is not set");
    }

    @Test
    void oversizedBodiesAre413EvenWhenStreamed() {
        String big = "{\"type\": \"jdbc\", \"connection\": {\"jdbcUrl\": \"" + "x".repeat(70_000) + "\"}}";
        TestServer.Reply r = server.post("/api/test-connection/database", big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.code()).isEqualTo("body_too_large");
        assertThat(message(r)).isEqualTo("The request body is larger than this server accepts (65536 bytes)");
        // Without a Content-Length (chunked), the limit still holds.
        TestServer.Reply chunked = server.send(HttpRequest.newBuilder(server.uri("/api/jobs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes()))),
                "POST", "/api/jobs");
        assertThat(chunked.status()).isEqualTo(413);
        // The server still answers afterwards.
        assertThat(server.get("/api/health").status()).isEqualTo(200);
    }

    @Test
    void bodiesMustBeJson() {
        TestServer.Reply r = server.send(HttpRequest.newBuilder(server.uri("/api/sources")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")), "POST", "/api/sources");
        assertThat(r.status()).isEqualTo(415);
        assertThat(message(r)).isEqualTo("Send the body as application/json (Content-Type was 'text/plain')");
    }

    @Test
    void secretsInAQueryStringAreRefused() {
        TestServer.Reply r = server.get("/api/database/tables?source_id=demo&password=hunter2");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("secret_in_query");
        assertThat(message(r)).isEqualTo("Secrets are never accepted in a query string ('password'): URLs end up in logs and "
                + "browser history. Save the source with POST /api/sources and refer to it by source_id.");
        // One rule for secret names (UrlSecrets.isSecretKey), so the words the saved-source mask knew
        // and this guard did not (token, credential, an api key) are refused too.
        for (String name : List.of("token", "accessToken", "credentials", "apiKey", "pass", "PWD")) {
            TestServer.Reply other = server.get("/api/database/tables?source_id=demo&" + name + "=hunter2");
            assertThat(other.status()).as(name).isEqualTo(400);
            assertThat(other.code()).as(name).isEqualTo("secret_in_query");
        }
        assertThat(server.get("/api/database/tables?source_id=demo&limit=5").code()).isNotEqualTo("secret_in_query");
        TestServer.Reply noSource = server.get("/api/database/tables");
        assertThat(noSource.status()).isEqualTo(400);
        assertThat(message(noSource)).isEqualTo("source_id: required (the id of a saved source: POST /api/sources saves one)");
    }

    @Test
    void unknownPathsAndMethodsHaveTheirStatus() {
        TestServer.Reply r = server.get("/api/nothing");
        assertThat(r.status()).isEqualTo(404);
        assertThat(message(r)).isEqualTo("Nothing is served at /api/nothing; GET /api/openapi.json describes the API");
        TestServer.Reply m = server.delete("/api/jobs");
        assertThat(m.status()).isEqualTo(405);
        assertThat(m.header("Allow")).isEqualTo("POST, GET");
        TestServer.Reply run = server.get("/api/jobs/run-000000000000");
        assertThat(run.status()).isEqualTo(404);
        assertThat(run.code()).isEqualTo("run_not_found");
        TestServer.Reply limit = server.get("/api/jobs?limit=0");
        assertThat(message(limit)).isEqualTo("limit: expected a whole number from 1 to 200, was '0'");
    }

    @Test
    void aForeignHostHeaderIsRefusedOnALoopbackServer() {
        // What a page on another site would send after rebinding its name to 127.0.0.1.
        TestServer.Reply r = server.send(HttpRequest.newBuilder(server.uri("/api/sources")).GET(), "GET", "/api/sources");
        assertThat(r.status()).isEqualTo(200);
        JsonNode refused = rawGet("evil.example:" + server.server.port());
        assertThat(refused.path("error").path("code").asText()).isEqualTo("forbidden_host");
        assertThat(rawGet("localhost:" + server.server.port()).has("sources")).isTrue();
    }

    private static JsonNode rawGet(String host) {
        // java.net.http refuses to set Host, so this speaks HTTP/1.1 over a socket.
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.server.port())) {
            s.getOutputStream().write(("GET /api/sources HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return TestServer.JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}

package io.flowforge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The ways in: mounted in another service's HTTP server, started from Java, and {@code flowforge serve}. */
class EmbeddingTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static HttpResponse<String> get(String uri, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void mountsBelowAPathOnAnotherServicesHttpServer() throws Exception {
        HttpServer host = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        try (FlowForgeApi api = FlowForgeApi.create(ServerOptions.defaults().withStoreRoot(Files.createTempDirectory("lake")))) {
            host.createContext("/flowforge/", api.httpHandler("/flowforge"));
            host.createContext("/", exchange -> {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            host.start();
            String base = "http://127.0.0.1:" + host.getAddress().getPort() + "/flowforge/";
            HttpResponse<String> health = get(base + "api/health", null);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"demo_source\":\"demo\"");
            HttpResponse<String> page = get(base, null);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<button id=\"test-connection\" type=\"button\">Test connection</button>");
            assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).startsWith("default-src 'self'");
            assertThat(get(base + "app.js", null).body()).contains("api('GET', 'api/health')");
            assertThat(get("http://127.0.0.1:" + host.getAddress().getPort() + "/other", null).statusCode())
                    .as("the host's own routes stay its own").isEqualTo(204);
        } finally {
            host.stop(0);
        }
    }

    @Test
    void aTokenGuardsTheApiButNotThePage() throws Exception {
        String token = "a-token-of-20-chars!";
        try (FlowForgeServer server = FlowForgeServer.start(ServerOptions.defaults().withPort(0).withDemoSource(false)
                .withToken(token).withStoreRoot(Files.createTempDirectory("lake")))) {
            HttpResponse<String> without = get(server.uri() + "api/sources", null);
            assertThat(without.statusCode()).isEqualTo(401);
            assertThat(without.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"flowforge\"");
            assertThat(without.body()).isEqualTo("{\"error\":{\"status\":401,\"code\":\"unauthorized\",\"message\":\"This server "
                    + "needs 'Authorization: Bearer <token>' on /api requests\",\"problems\":[]}}");
            assertThat(get(server.uri() + "api/sources", "a-token-of-20-chars?").statusCode()).isEqualTo(401);
            assertThat(get(server.uri() + "api/sources", token).statusCode()).isEqualTo(200);
            assertThat(get(server.uri().toString(), null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void refusesToListenBeyondLoopbackWithoutAToken() {
        assertThatThrownBy(() -> FlowForgeServer.start(ServerOptions.defaults().withPort(0).withBindAddress("0.0.0.0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Listening on 0.0.0.0 would let other machines use the saved sources and run loads; "
                        + "give a token (--token-env VAR) or bind to 127.0.0.1");
    }

    @Test
    void serveRejectsBadArgumentsWithExitCode2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FlowForgeServer.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8),
                "--port", "eighty");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("flowforge serve: --port needs a whole number, was 'eighty'\n"
                + "Usage: flowforge serve [--port N]");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(FlowForgeServer.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--token-env VAR");
    }

    @Test
    void serveStartsPrintsWhereAndStopsWhenInterrupted() throws Exception {
        Path lake = Files.createTempDirectory("lake");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        AtomicInteger code = new AtomicInteger(-1);
        Thread serving = new Thread(() -> code.set(FlowForgeServer.run(print, System.err,
                "--port", "0", "--store", lake.toString())));
        serving.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!out.toString(StandardCharsets.UTF_8).contains("Stop it with Ctrl+C.") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        String line = out.toString(StandardCharsets.UTF_8);
        assertThat(line).matches("FlowForge is serving http://127\\.0\\.0\\.1:\\d+/ \\(lake: " + java.util.regex.Pattern.quote(
                lake.toAbsolutePath().toString()) + "; demo source: BFSI_Test on an embedded H2\\)\\. Stop it with Ctrl\\+C\\.\\s*");
        String uri = line.substring(line.indexOf("http://"), line.indexOf("/ (") + 1);
        assertThat(get(uri + "api/database/tables?source_id=demo", null).body()).contains("\"dbo.customers\"");
        serving.interrupt();
        serving.join(30_000);
        assertThat(code.get()).isZero();
        assertThatThrownBy(() -> get(uri + "api/health", null)).isInstanceOf(java.io.IOException.class);
    }
}

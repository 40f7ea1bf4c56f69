package io.flowforge.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link FlowForgeServer} on a free port with its own lake folder, and an HTTP client that keeps
 * every response it saw (so a test can check that no response ever held a password).
 */
final class TestServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One response: status, headers, body text and (when JSON) the parsed body. */
    record Reply(int status, Map<String, List<String>> headers, String body, String method, String path) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of()).stream().findFirst().orElse(null);
        }

        /** The error's code, for error replies. */
        String code() {
            return json().path("error").path("code").asText();
        }

        String everything() {
            return status + " " + headers + " " + body;
        }
    }

    final FlowForgeServer server;
    final Path lake;
    final List<Reply> replies = new ArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private String token;

    private TestServer(FlowForgeServer server, Path lake) {
        this.server = server;
        this.lake = lake;
    }

    static TestServer start(ServerOptions options) throws IOException {
        Path lake = Files.createTempDirectory("flowforge-server-lake");
        return new TestServer(FlowForgeServer.start(options.withPort(0).withStoreRoot(lake)), lake);
    }

    static TestServer start() throws IOException {
        return start(ServerOptions.defaults());
    }

    TestServer withToken(String t) {
        this.token = t;
        return this;
    }

    URI uri(String path) {
        return server.uri().resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), "GET", path);
    }

    Reply delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), "DELETE", path);
    }

    Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), "POST", path);
    }

    Reply post(String path, Object value) {
        try {
            return post(path, JSON.writeValueAsString(value));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    Reply send(HttpRequest.Builder request, String method, String path) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = client.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Reply reply = new Reply(r.statusCode(), r.headers().map(), r.body(), method, path);
            synchronized (replies) {
                replies.add(reply);
            }
            return reply;
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Polls a run until it is no longer queued, running or cancelling. */
    JsonNode awaitRun(String id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode run = get("/api/jobs/" + id).json();
            String status = run.path("status").asText();
            if (!List.of("queued", "running", "cancelling").contains(status)) {
                return run;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("run " + id + " still " + status + " after " + timeout + ": " + run);
            }
            Thread.sleep(100);
        }
    }

    /** Every response this client received, as one text. */
    String allReplies() {
        StringBuilder sb = new StringBuilder();
        synchronized (replies) {
            replies.forEach(r -> sb.append(r.everything()).append('\n'));
        }
        return sb.toString();
    }

    @Override
    public void close() {
        server.close();
    }
}

package io.flowforge.server;

import com.sun.net.httpserver.HttpHandler;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.UrlSecrets;
import io.flowforge.ingest.BronzeIngestion;
import io.flowforge.ingest.IngestionControl;
import io.flowforge.ingest.IngestionResult;
import io.flowforge.ingest.JobConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FlowForge's HTTP API and page, independent of any HTTP server: {@link #handle(ApiRequest)} turns
 * a request into a response, so a service can mount it on its own server
 * ({@link #httpHandler(String)} for the JDK's {@code HttpServer}, a few lines for any other), or
 * run it standalone with {@link FlowForgeServer}. It owns the saved sources (and their connection
 * pools), the runs, and the demo source; close it to release them.
 */
public final class FlowForgeApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FlowForgeApi.class);
    private static final String WEB = "/io/flowforge/server/web/";
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final ServerOptions options;
    private final SourceRegistry sources;
    private final RunRegistry runs;
    private final DemoSource demo;
    private final List<Route> routes = new ArrayList<>();

    /** The API with the options' store root, limits and (if asked) the demo source. */
    public static FlowForgeApi create(ServerOptions options) {
        return new FlowForgeApi(options, BronzeIngestion::ingestFromDatabase);
    }

    FlowForgeApi(ServerOptions options, BiFunction<JobConfig, IngestionControl, IngestionResult> runner) {
        this.options = options;
        this.sources = new SourceRegistry(options.sourcePoolSize(), 100);
        this.runs = new RunRegistry(options.concurrentRuns(), options.queuedRuns(), runner);
        RequestBodies bodies = new RequestBodies(options.allowedSecretEnv());
        CatalogEndpoints catalog = new CatalogEndpoints(sources, bodies);
        JobEndpoints jobs = new JobEndpoints(sources, runs, bodies, options.storeRoot());
        this.demo = options.demoSource() ? DemoSource.start() : null;
        if (demo != null) {
            sources.add(DemoSource.ID, DemoSource.NAME, "jdbc", demo.connectionConfig(), true);
        }
        route("GET", "/api/health", (r, p) -> health());
        route("GET", "/api/openapi.json", (r, p) -> resource("openapi.json", "/io/flowforge/server/openapi.json"));
        route("POST", "/api/test-connection/database", (r, p) -> catalog.testConnection(r));
        route("GET", "/api/sources", (r, p) -> catalog.list());
        route("POST", "/api/sources", (r, p) -> catalog.save(r));
        route("GET", "/api/sources/{id}", (r, p) -> catalog.get(p.get("id")));
        route("DELETE", "/api/sources/{id}", (r, p) -> catalog.delete(p.get("id")));
        route("GET", "/api/database/tables", (r, p) -> catalog.tables(r));
        route("GET", "/api/database/schema", (r, p) -> catalog.schema(r));
        route("POST", "/api/jobs", (r, p) -> jobs.submit(r));
        route("GET", "/api/jobs", (r, p) -> jobs.recent(r));
        route("GET", "/api/jobs/{id}", (r, p) -> jobs.get(p.get("id")));
        route("POST", "/api/jobs/{id}/cancel", (r, p) -> jobs.cancel(p.get("id")));
        route("GET", "/", (r, p) -> resource("index.html", WEB + "index.html"));
        route("GET", "/app.js", (r, p) -> resource("app.js", WEB + "app.js"));
        route("GET", "/app.css", (r, p) -> resource("app.css", WEB + "app.css"));
    }

    private void route(String method, String template, Route.Handler handler) {
        routes.add(new Route(method, template, handler));
    }

    /** The routes as {@code "METHOD /template"}, in the order they are matched. */
    public List<String> routes() {
        return routes.stream().map(Route::toString).toList();
    }

    public ServerOptions options() {
        return options;
    }

    /** A JDK {@code HttpServer} handler serving this API below {@code mountPath} ("" or "/flowforge"). */
    public HttpHandler httpHandler(String mountPath) {
        return new JdkHttpAdapter(this, mountPath, false);
    }

    /** Serves one request; never throws. */
    public ApiResponse handle(ApiRequest request) {
        long start = System.nanoTime();
        ApiResponse response;
        try {
            response = dispatch(request);
        } catch (ApiException e) {
            response = ApiResponse.error(e);
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", request.method(), request.path(), e);
            response = ApiResponse.error(500, "internal_error", "The server failed while handling " + request.method()
                    + " " + request.path() + " (" + e.getClass().getSimpleName() + "); its log has the details.", List.of());
        }
        if (request.path().startsWith("/api/")) {
            LOG.info("{} {} {} {} ms", request.method(), request.path(), response.status(),
                    (System.nanoTime() - start) / 1_000_000);
            response = response.withHeader("Cache-Control", "no-store");
            if (response.status() == 401) {
                response = response.withHeader("WWW-Authenticate", "Bearer realm=\"flowforge\"");
            }
        }
        return response.withHeader("X-Content-Type-Options", "nosniff");
    }

    private ApiResponse dispatch(ApiRequest request) {
        boolean api = request.path().startsWith("/api/");
        if (api) {
            guard(request);
        }
        List<String> allowed = new ArrayList<>();
        for (Route route : routes) {
            Optional<Map<String, String>> params = route.match(request.path());
            if (params.isEmpty()) {
                continue;
            }
            if (route.method().equals(request.method())) {
                return route.handler().handle(request, params.get());
            }
            allowed.add(route.method());
        }
        if (!allowed.isEmpty()) {
            return ApiResponse.error(405, "method_not_allowed", request.method() + " is not allowed on " + request.path()
                    + "; use " + String.join(" or ", allowed), List.of()).withHeader("Allow", String.join(", ", allowed));
        }
        String hint = api ? "; GET /api/openapi.json describes the API" : "";
        return ApiResponse.error(404, "not_found", "Nothing is served at " + request.path() + hint, List.of());
    }

    /** Checks every /api request: token, no secret in the query string, JSON bodies within the size limit. */
    private void guard(ApiRequest request) {
        if (options.token().isPresent()) {
            String expected = "Bearer " + options.token().get().reveal();
            String given = request.header("Authorization").orElse("");
            if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
                throw new ApiException(401, "unauthorized", "This server needs 'Authorization: Bearer <token>' on /api requests"
                        + (given.isEmpty() ? "" : "; the token given is not the server's"));
            }
        }
        for (String key : request.query().keySet()) {
            // The connection rule for secret names (one owner, UrlSecrets): password, token, api key, ...
            if (UrlSecrets.isSecretKey(key)) {
                throw new ApiException(400, "secret_in_query", "Secrets are never accepted in a query string ('" + key
                        + "'): URLs end up in logs and browser history. Save the source with POST /api/sources "
                        + "and refer to it by source_id.");
            }
        }
        if (request.body().length > options.maxBodyBytes()) {
            throw bodyTooLarge(options.maxBodyBytes());
        }
        if (request.body().length > 0) {
            String type = request.header("Content-Type").orElse("");
            if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                throw new ApiException(415, "unsupported_media_type", "Send the body as application/json (Content-Type was '"
                        + type + "')");
            }
        }
    }

    static ApiException bodyTooLarge(int limit) {
        return new ApiException(413, "body_too_large", "The request body is larger than this server accepts ("
                + limit + " bytes)");
    }

    private ApiResponse health() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "ok");
        m.put("connectors", Connectors.available());
        m.put("store_root", options.storeRoot().toAbsolutePath().normalize().toUri().toString());
        m.put("demo_source", demo == null ? null : DemoSource.ID);
        return ApiResponse.json(200, m);
    }

    private ApiResponse resource(String name, String path) {
        try (InputStream in = FlowForgeApi.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the class path");
            }
            String type = name.endsWith(".html") ? "text/html; charset=utf-8"
                    : name.endsWith(".js") ? "text/javascript; charset=utf-8"
                    : name.endsWith(".css") ? "text/css; charset=utf-8" : ApiResponse.JSON_TYPE;
            return new ApiResponse(200, type, Map.of("Content-Security-Policy", CSP, "Cache-Control", "no-cache"),
                    in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the runs (cancelling those in progress), closes every saved source's pool and the demo database. */
    @Override
    public void close() {
        runs.close();
        sources.close();
        if (demo != null) {
            demo.close();
        }
    }

    @Override
    public String toString() {
        return "FlowForgeApi[" + routes.stream().map(Route::toString).collect(Collectors.joining(", ")) + "]";
    }
}

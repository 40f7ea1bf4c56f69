package io.flowforge.server;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Serves a {@link FlowForgeApi} on the JDK's {@code HttpServer}: strips the mount path, reads the
 * body up to the size limit (draining, not buffering, anything beyond it so the client still reads
 * the 413), and, for a server on a loopback address without a token, refuses requests whose
 * {@code Host} is not a loopback name (a web page cannot then reach it by DNS rebinding).
 */
final class JdkHttpAdapter implements HttpHandler {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final int DRAIN_LIMIT = 64 * 1024 * 1024;

    private final FlowForgeApi api;
    private final String mountPath;
    private final boolean loopbackHostsOnly;

    JdkHttpAdapter(FlowForgeApi api, String mountPath, boolean loopbackHostsOnly) {
        this.api = requireNonNull(api, "api is null");
        String m = requireNonNull(mountPath, "mountPath is null");
        this.mountPath = m.endsWith("/") ? m.substring(0, m.length() - 1) : m;
        this.loopbackHostsOnly = loopbackHostsOnly;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            ApiResponse response;
            String path = exchange.getRequestURI().getRawPath();
            int limit = api.options().maxBodyBytes();
            byte[] body = read(exchange.getRequestBody(), limit);
            if (!path.startsWith(mountPath)) {
                response = ApiResponse.error(404, "not_found", "Nothing is served at " + path, List.of());
            } else if (loopbackHostsOnly && !loopbackHost(exchange.getRequestHeaders().getFirst("Host"))) {
                response = ApiResponse.error(403, "forbidden_host", "This server listens on a loopback address and answers "
                        + "only requests for localhost or 127.0.0.1; to serve other hosts, bind it to their address with a token",
                        List.of());
            } else if (body == null) {
                response = ApiResponse.error(FlowForgeApi.bodyTooLarge(limit));
            } else {
                String local = path.substring(mountPath.length());
                response = api.handle(new ApiRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                        local.isEmpty() ? "/" : local, exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders(), body));
            }
            write(exchange, response);
        }
    }

    /** The body, or null when it is longer than {@code limit} (the rest is drained up to a hard cap). */
    private static byte[] read(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            total += n;
            if (total <= limit) {
                out.write(buf, 0, n);
            } else if (total > DRAIN_LIMIT) {
                break;
            }
        }
        return total > limit ? null : out.toByteArray();
    }

    private static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon > h.lastIndexOf(']')) {
            h = h.substring(0, colon);
        }
        return LOOPBACK_HOSTS.contains(h);
    }

    private static void write(HttpExchange exchange, ApiResponse response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        for (Map.Entry<String, String> h : response.headers().entrySet()) {
            exchange.getResponseHeaders().set(h.getKey(), h.getValue());
        }
        byte[] body = response.body();
        boolean empty = body.length == 0 || response.status() == 204;
        exchange.sendResponseHeaders(response.status(), empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}

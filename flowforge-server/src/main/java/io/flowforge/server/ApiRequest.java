package io.flowforge.server;

import static java.util.Objects.requireNonNull;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as {@link FlowForgeApi} sees it, independent of the HTTP library: method, path
 * (below the mount point), raw query string, headers (names in lower case) and the body.
 */
public record ApiRequest(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {

    public ApiRequest {
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        rawQuery = rawQuery == null ? "" : rawQuery;
        Map<String, List<String>> lower = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        }
        headers = Map.copyOf(lower);
        body = body == null ? new byte[0] : body;
    }

    /** A request without headers or body, for tests and simple hosts. */
    public static ApiRequest of(String method, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return new ApiRequest(method, q < 0 ? pathAndQuery : pathAndQuery.substring(0, q),
                q < 0 ? "" : pathAndQuery.substring(q + 1), Map.of(), new byte[0]);
    }

    /** The first value of a header, by name in any case. */
    public Optional<String> header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** The query parameters, decoded; a repeated name keeps its first value. */
    public Map<String, String> query() {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.putIfAbsent(k, v);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("The query string is not valid URL encoding: " + e.getMessage(), List.of());
        }
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}

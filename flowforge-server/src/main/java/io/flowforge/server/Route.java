package io.flowforge.server;

import static java.util.Objects.requireNonNull;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One entry of the API's route table: a method, a path template ({@code /api/jobs/{id}}) and its handler. */
record Route(String method, String template, Handler handler) {

    /** Serves one matched request; {@code params} holds the template's {@code {name}} segments, decoded. */
    @FunctionalInterface
    interface Handler {
        ApiResponse handle(ApiRequest request, Map<String, String> params);
    }

    Route {
        requireNonNull(method, "method is null");
        requireNonNull(template, "template is null");
        requireNonNull(handler, "handler is null");
    }

    /** The template's parameters if {@code path} matches it. */
    Optional<Map<String, String>> match(String path) {
        String[] want = template.split("/", -1);
        String[] got = path.split("/", -1);
        if (want.length != got.length) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith("{") && want[i].endsWith("}")) {
                String value = URLDecoder.decode(got[i].replace("+", "%2B"), StandardCharsets.UTF_8);
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                params.put(want[i].substring(1, want[i].length() - 1), value);
            } else if (!want[i].equals(got[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    @Override
    public String toString() {
        return method + " " + template;
    }
}

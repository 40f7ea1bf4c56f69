package io.flowforge.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One HTTP response from {@link FlowForgeApi}: status, content type, extra headers and body. */
public record ApiResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    static final String JSON_TYPE = "application/json; charset=utf-8";

    public ApiResponse {
        requireNonNull(contentType, "contentType is null");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** A JSON response of any Jackson-serialisable value (maps, lists, records). */
    public static ApiResponse json(int status, Object value) {
        try {
            return new ApiResponse(status, JSON_TYPE, Map.of(), JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The API's one error shape: {@code {"error": {"status", "code", "message", "problems"}}}. */
    public static ApiResponse error(int status, String code, String message, List<String> problems) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("status", status);
        e.put("code", code);
        e.put("message", message);
        e.put("problems", problems);
        return json(status, Map.of("error", e));
    }

    static ApiResponse error(ApiException e) {
        return error(e.status(), e.code(), e.getMessage(), e.problems());
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiResponse(status, contentType, h, body);
    }

    public String bodyText() {
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
}

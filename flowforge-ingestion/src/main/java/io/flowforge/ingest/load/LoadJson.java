package io.flowforge.ingest.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowforge.connector.IncrementalWindow;
import io.flowforge.connector.KeyRange;
import io.flowforge.connector.TableId;
import io.flowforge.connector.Watermark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** JSON forms of the plain data a load plan and its tasks carry: tables, windows, key ranges. */
final class LoadJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private LoadJson() {}

    static String write(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(String json, String what) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " is not JSON: " + e.getMessage(), e);
        }
    }

    static void table(ObjectNode n, TableId t) {
        n.put("table_schema", t.schema());
        n.put("table_name", t.name());
    }

    static TableId table(JsonNode n) {
        return TableId.of(text(n, "table_schema"), n.get("table_name").asText());
    }

    static void window(ObjectNode n, IncrementalWindow w) {
        table(n, w.table());
        n.put("delta_column", w.deltaColumn());
        n.put("watermark_type", w.watermarkType().name());
        n.put("lower", w.lower().map(Watermark::value).orElse(null));
        n.put("lower_inclusive", w.lowerInclusive());
        n.put("upper", w.upper().map(Watermark::value).orElse(null));
        n.put("upper_inclusive", w.upperInclusive());
    }

    static Optional<IncrementalWindow> window(JsonNode n) {
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        Watermark.Type type = Watermark.Type.valueOf(n.get("watermark_type").asText());
        return Optional.of(new IncrementalWindow(table(n), n.get("delta_column").asText(), type,
                Optional.ofNullable(text(n, "lower")).map(v -> new Watermark(type, v)), n.get("lower_inclusive").asBoolean(),
                Optional.ofNullable(text(n, "upper")).map(v -> new Watermark(type, v)), n.get("upper_inclusive").asBoolean()));
    }

    static void range(ObjectNode n, KeyRange r) {
        n.put("column", r.column());
        n.put("type", r.type().name());
        n.put("lower", r.lower().map(Watermark::value).orElse(null));
        n.put("upper", r.upper().map(Watermark::value).orElse(null));
        n.put("includes_nulls", r.includesNulls());
    }

    static KeyRange range(JsonNode n) {
        Watermark.Type type = Watermark.Type.valueOf(n.get("type").asText());
        return new KeyRange(n.get("column").asText(), type, Optional.ofNullable(text(n, "lower")).map(v -> new Watermark(type, v)),
                Optional.ofNullable(text(n, "upper")).map(v -> new Watermark(type, v)), n.get("includes_nulls").asBoolean());
    }

    static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }
}

package io.flowforge.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowforge.connector.BoundObservation;
import io.flowforge.connector.IncrementalWindow;
import io.flowforge.connector.TableId;
import io.flowforge.connector.Watermark;
import io.flowforge.connector.WatermarkPosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Writes and reads {@link WatermarkState} as small, human-readable JSON documents. */
final class WatermarkStateCodec {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private WatermarkStateCodec() {}

    static byte[] encode(WatermarkState s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", 1);
        root.put("job_id", s.jobId());
        root.put("source_table", s.sourceTable());
        root.put("delta_column", s.deltaColumn());
        s.position().ifPresentOrElse(p -> {
            ObjectNode n = watermark(root.putObject("position"), p.value());
            n.put("value_consumed", p.valueConsumed());
        }, () -> root.putNull("position"));
        root.put("last_batch_id", s.lastBatchId().orElse(null));
        root.put("updated_at", s.updatedAt().map(Instant::toString).orElse(null));
        s.pending().ifPresentOrElse(p -> {
            ObjectNode n = root.putObject("pending");
            n.put("batch_id", p.batchId());
            n.put("started_at", p.startedAt().toString());
            IncrementalWindow w = p.window();
            ObjectNode wn = n.putObject("window");
            wn.put("table_schema", w.table().schema());
            wn.put("table_name", w.table().name());
            wn.put("delta_column", w.deltaColumn());
            wn.put("watermark_type", w.watermarkType().name());
            wn.put("lower", w.lower().map(Watermark::value).orElse(null));
            wn.put("lower_inclusive", w.lowerInclusive());
            wn.put("upper", w.upper().map(Watermark::value).orElse(null));
            wn.put("upper_inclusive", w.upperInclusive());
        }, () -> root.putNull("pending"));
        var obs = root.putArray("observations");
        for (BoundObservation o : s.observations()) {
            ObjectNode n = watermark(obs.addObject(), o.value());
            n.put("observed_at", o.observedAt().toString());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode watermark state", e);
        }
    }

    static WatermarkState decode(byte[] bytes, String where) {
        try {
            JsonNode root = JSON.readTree(bytes);
            Optional<WatermarkPosition> position = Optional.empty();
            JsonNode p = root.get("position");
            if (p != null && !p.isNull()) {
                position = Optional.of(new WatermarkPosition(
                        new Watermark(Watermark.Type.valueOf(p.get("type").asText()), p.get("value").asText()),
                        p.get("value_consumed").asBoolean()));
            }
            Optional<WatermarkState.Pending> pending = Optional.empty();
            JsonNode n = root.get("pending");
            if (n != null && !n.isNull()) {
                JsonNode w = n.get("window");
                Watermark.Type type = Watermark.Type.valueOf(w.get("watermark_type").asText());
                IncrementalWindow window = new IncrementalWindow(
                        TableId.of(textOrNull(w, "table_schema"), w.get("table_name").asText()),
                        w.get("delta_column").asText(), type,
                        Optional.ofNullable(textOrNull(w, "lower")).map(v -> new Watermark(type, v)),
                        w.get("lower_inclusive").asBoolean(),
                        Optional.ofNullable(textOrNull(w, "upper")).map(v -> new Watermark(type, v)),
                        w.get("upper_inclusive").asBoolean());
                pending = Optional.of(new WatermarkState.Pending(n.get("batch_id").asText(),
                        Instant.parse(n.get("started_at").asText()), window));
            }
            List<BoundObservation> observations = new ArrayList<>();
            JsonNode obs = root.get("observations");
            if (obs != null && obs.isArray()) {
                for (JsonNode o : obs) {
                    observations.add(new BoundObservation(
                            new Watermark(Watermark.Type.valueOf(o.get("type").asText()), o.get("value").asText()),
                            Instant.parse(o.get("observed_at").asText())));
                }
            }
            return new WatermarkState(root.get("job_id").asText(), root.get("source_table").asText(),
                    root.get("delta_column").asText(), position,
                    Optional.ofNullable(textOrNull(root, "last_batch_id")),
                    Optional.ofNullable(textOrNull(root, "updated_at")).map(Instant::parse), pending, observations);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The watermark state at " + where + " cannot be read ("
                    + e.getMessage() + "). Fix or remove it; it is JSON: "
                    + new String(bytes, StandardCharsets.UTF_8), e);
        }
    }

    private static ObjectNode watermark(ObjectNode n, Watermark w) {
        n.put("type", w.type().name());
        n.put("value", w.value());
        return n;
    }

    private static String textOrNull(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }
}

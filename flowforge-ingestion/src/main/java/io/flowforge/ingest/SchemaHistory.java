package io.flowforge.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowforge.bronze.store.ObjectStore;
import io.flowforge.bronze.store.PathSegment;
import io.flowforge.connector.TableId;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A job's schema history for one source table in the lake: one object per version at
 * {@value #PREFIX}{job}/{schema.table}/{version}.json (version, fingerprint, columns, key, delta
 * column, the changes from the version before, when and by which batch it was recorded). The
 * newest version is the schema the job last landed; versions are created conditionally, so two
 * runs can never write one version twice.
 */
final class SchemaHistory {

    static final String PREFIX = "_flowforge/schemas/";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One recorded version. */
    record Version(int number, SourceSchema schema) {}

    private final ObjectStore store;
    private final String prefix;

    SchemaHistory(ObjectStore store, String jobId, TableId table) {
        this.store = store;
        this.prefix = PREFIX + jobId + "/" + PathSegment.encode(table.qualifiedName()) + "/";
    }

    String key(int version) {
        return prefix + String.format("%06d", version) + ".json";
    }

    Optional<Version> latest() throws IOException {
        List<String> keys = store.list(prefix);
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        String last = keys.get(keys.size() - 1);
        byte[] bytes = store.get(last).orElseThrow(() -> new IOException("schema history object " + store.uri(last) + " vanished"));
        return Optional.of(decode(bytes, store.uri(last)));
    }

    /** Records {@code version}; fails if another run recorded it first. */
    void record(int version, SourceSchema schema, List<SchemaChange> changes, String batchId, Instant at) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", 1);
        n.put("version", version);
        n.put("fingerprint", schema.fingerprint());
        n.put("recorded_at", at.toString());
        n.put("batch_id", batchId);
        ArrayNode cols = n.putArray("columns");
        for (SourceSchema.Column c : schema.columns()) {
            ObjectNode o = cols.addObject();
            o.put("name", c.name());
            o.put("source_type", c.sourceType());
            o.put("arrow_type", c.arrowType());
            o.put("nullable", c.nullable());
        }
        ArrayNode key = n.putArray("primary_key");
        schema.primaryKey().forEach(key::add);
        n.put("delta_column", schema.deltaColumn().orElse(null));
        ArrayNode ch = n.putArray("changes");
        for (SchemaChange c : changes) {
            ch.addPOJO(c.toMap());
        }
        if (store.createIfAbsent(key(version), JSON.writeValueAsBytes(n)).isEmpty()) {
            throw new IllegalStateException("Schema version " + version + " at " + store.uri(key(version))
                    + " was recorded by another run meanwhile; run again");
        }
    }

    static Version decode(byte[] bytes, String where) {
        try {
            JsonNode n = JSON.readTree(bytes);
            List<SourceSchema.Column> cols = new ArrayList<>();
            for (JsonNode c : n.get("columns")) {
                cols.add(new SourceSchema.Column(c.get("name").asText(), c.get("source_type").asText(),
                        c.get("arrow_type").asText(), c.get("nullable").asBoolean()));
            }
            List<String> key = new ArrayList<>();
            n.get("primary_key").forEach(k -> key.add(k.asText()));
            JsonNode d = n.get("delta_column");
            return new Version(n.get("version").asInt(), new SourceSchema(cols, key,
                    d == null || d.isNull() ? Optional.empty() : Optional.of(d.asText())));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The schema history object " + where + " cannot be read (" + e.getMessage()
                    + "); restore it, or delete the table's schema folder to start its history over", e);
        }
    }
}

package io.flowforge.ingest.load;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowforge.connector.KeyRange;
import java.util.OptionalLong;

/**
 * What one task attempt wrote: its split and attempt, the part's object key, rows, bytes and
 * SHA-256, the key range it read, and the source's count of that range in the read's own
 * snapshot when the task counted it (equal to {@code rows}: a part whose counts differ is never
 * committed). Small, so an engine returns it to the driver as JSON.
 */
public record SplitResult(int split, String attempt, String key, long rows, long bytes, String sha256, KeyRange range,
        OptionalLong sourceRows) {

    public SplitResult {
        requireNonNull(attempt, "attempt is null");
        requireNonNull(key, "key is null");
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(range, "range is null");
        sourceRows = sourceRows == null ? OptionalLong.empty() : sourceRows;
    }

    /** A result whose range was not counted. */
    public SplitResult(int split, String attempt, String key, long rows, long bytes, String sha256, KeyRange range) {
        this(split, attempt, key, rows, bytes, sha256, range, OptionalLong.empty());
    }

    public String toJson() {
        ObjectNode n = LoadJson.JSON.createObjectNode();
        n.put("split", split);
        n.put("attempt", attempt);
        n.put("key", key);
        n.put("rows", rows);
        n.put("bytes", bytes);
        n.put("sha256", sha256);
        LoadJson.range(n.putObject("range"), range);
        if (sourceRows.isPresent()) {
            n.put("source_rows", sourceRows.getAsLong());
        } else {
            n.putNull("source_rows");
        }
        return LoadJson.write(n);
    }

    public static SplitResult fromJson(String json) {
        JsonNode n = LoadJson.read(json, "a split result");
        return new SplitResult(n.get("split").asInt(), n.get("attempt").asText(), n.get("key").asText(),
                n.get("rows").asLong(), n.get("bytes").asLong(), n.get("sha256").asText(), LoadJson.range(n.get("range")),
                n.hasNonNull("source_rows") ? OptionalLong.of(n.get("source_rows").asLong()) : OptionalLong.empty());
    }
}

package io.flowforge.ingest.load;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowforge.bronze.store.PathSegment;
import io.flowforge.connector.IncrementalWindow;
import io.flowforge.connector.KeyRange;
import io.flowforge.connector.TableId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A planned load of one table: its batch, the incremental window it reads (absent for a full
 * load) and the key ranges it is cut into, one task per range. Fixed before any row is read and
 * stored ({@link #recordKey}) before any task runs, so a run that dies is finished by the next one
 * with the same ranges: parts already written stay valid.
 */
public record LoadPlan(String jobId, String batchId, String bronzeTable, TableId table, String keyColumn,
        Optional<IncrementalWindow> window, List<KeyRange> ranges, Instant ingestionTime) {

    /** Where load records live inside the store. */
    public static final String LOADS_PREFIX = "_flowforge/loads/";

    public LoadPlan {
        requireNonNull(jobId, "jobId is null");
        requireNonNull(batchId, "batchId is null");
        requireNonNull(bronzeTable, "bronzeTable is null");
        requireNonNull(table, "table is null");
        requireNonNull(keyColumn, "keyColumn is null");
        window = window == null ? Optional.empty() : window;
        ranges = List.copyOf(ranges);
        requireNonNull(ingestionTime, "ingestionTime is null");
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("a load plan needs at least one key range");
        }
    }

    /** The folder of one job's load records for a table: {@code _flowforge/loads/{job}/{table}/}. */
    public static String recordsFolder(String jobId, TableId table) {
        return LOADS_PREFIX + jobId + "/" + PathSegment.encode(table.qualifiedName()) + "/";
    }

    /** The folder of this load's records: the plan and one result per finished task attempt. */
    public String recordsFolder() {
        return recordsFolder(jobId, table) + batchId + "/";
    }

    /** The key of the stored plan. */
    public String recordKey() {
        return recordsFolder() + "plan.json";
    }

    public int splits() {
        return ranges.size();
    }

    public String toJson() {
        ObjectNode n = LoadJson.JSON.createObjectNode();
        n.put("format", 1);
        n.put("job_id", jobId);
        n.put("batch_id", batchId);
        n.put("bronze_table", bronzeTable);
        LoadJson.table(n.putObject("table"), table);
        n.put("key_column", keyColumn);
        window.ifPresentOrElse(w -> LoadJson.window(n.putObject("window"), w), () -> n.putNull("window"));
        ArrayNode rs = n.putArray("ranges");
        ranges.forEach(r -> LoadJson.range(rs.addObject(), r));
        n.put("ingestion_time", ingestionTime.toString());
        return LoadJson.write(n);
    }

    public static LoadPlan fromJson(String json) {
        JsonNode n = LoadJson.read(json, "a load plan");
        List<KeyRange> ranges = new ArrayList<>();
        n.get("ranges").forEach(r -> ranges.add(LoadJson.range(r)));
        return new LoadPlan(n.get("job_id").asText(), n.get("batch_id").asText(), n.get("bronze_table").asText(),
                LoadJson.table(n.get("table")), n.get("key_column").asText(), LoadJson.window(n.get("window")), ranges,
                Instant.parse(n.get("ingestion_time").asText()));
    }
}

package io.flowforge.ingest.load;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowforge.bronze.BronzeWriter;
import io.flowforge.bronze.store.ObjectStore;
import io.flowforge.connector.Watermark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's side of a multi-part load: find, per split, the attempts whose part and result
 * record both exist, keep exactly one, delete every other part of the batch, then write the
 * manifest, last. Readers and the state trust only what the manifest lists.
 */
public final class LoadCommit {

    private static final Logger LOG = LoggerFactory.getLogger(LoadCommit.class);

    private LoadCommit() {}

    /** A committed multi-part batch: its manifest and the part kept for each split. */
    public record Committed(String manifestKey, String manifestUri, List<SplitResult> parts) {
        public long rows() {
            return parts.stream().mapToLong(SplitResult::rows).sum();
        }

        public long bytes() {
            return parts.stream().mapToLong(SplitResult::bytes).sum();
        }
    }

    /**
     * The split results already finished for a plan: per split, the attempt to keep among those
     * whose result record and part both exist ({@code preferred} attempts first, then the smallest
     * attempt id, so the choice does not depend on listing order).
     */
    public static Map<Integer, SplitResult> finished(ObjectStore store, LoadPlan plan, Set<String> preferred)
            throws IOException {
        Map<Integer, List<SplitResult>> bySplit = new TreeMap<>();
        for (String key : store.list(plan.recordsFolder() + "split-")) {
            Optional<byte[]> bytes = store.get(key);
            if (bytes.isEmpty()) {
                continue;
            }
            SplitResult r = SplitResult.fromJson(new String(bytes.get(), StandardCharsets.UTF_8));
            if (r.split() < plan.splits() && store.exists(r.key())) {
                bySplit.computeIfAbsent(r.split(), s -> new ArrayList<>()).add(r);
            }
        }
        Map<Integer, SplitResult> chosen = new TreeMap<>();
        bySplit.forEach((split, rs) -> chosen.put(split, rs.stream()
                .min(Comparator.comparing((SplitResult r) -> !preferred.contains(r.attempt())).thenComparing(SplitResult::attempt))
                .orElseThrow()));
        return chosen;
    }

    /**
     * Commits a plan whose every split has a finished attempt: deletes the other attempts' parts
     * and records, runs {@code beforeManifest} (a lease check), writes the manifest, and deletes
     * any part an attempt still managed to write meanwhile.
     *
     * @throws IllegalStateException naming the splits that have no part
     */
    public static Committed commit(ObjectStore store, LoadPlan plan, Set<String> preferred, Runnable beforeManifest)
            throws IOException {
        Map<Integer, SplitResult> chosen = finished(store, plan, preferred);
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < plan.splits(); i++) {
            if (!chosen.containsKey(i)) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Batch " + plan.batchId() + " of " + plan.table() + " cannot be committed: splits "
                    + missing + " of " + plan.splits() + " have no written part. The next run writes them.");
        }
        List<SplitResult> parts = new ArrayList<>(chosen.values());
        deleteLosers(store, plan, parts);
        beforeManifest.run();
        String manifestKey = BronzeWriter.manifestKey(plan.bronzeTable(), plan.batchId());
        store.put(manifestKey, manifest(store, plan, parts).getBytes(StandardCharsets.UTF_8));
        // An attempt that passed its own manifest check just before the manifest was written may
        // still commit its part; what is found now is removed (readers ignore it either way).
        deleteLosers(store, plan, parts);
        LOG.info("committed batch {} of {}: {} parts, {} rows, manifest {}", plan.batchId(), plan.table(), parts.size(),
                parts.stream().mapToLong(SplitResult::rows).sum(), store.uri(manifestKey));
        return new Committed(manifestKey, store.uri(manifestKey), parts);
    }

    private static void deleteLosers(ObjectStore store, LoadPlan plan, List<SplitResult> kept) throws IOException {
        Set<String> keep = kept.stream().map(SplitResult::key).collect(Collectors.toCollection(HashSet::new));
        Set<String> keepRecords = kept.stream().map(r -> plan.recordsFolder() + SplitTask.resultName(r.split(), r.attempt()))
                .collect(Collectors.toSet());
        String folder = BronzeWriter.batchFolder(plan.bronzeTable(), plan.batchId());
        for (String key : store.list(folder + "part-")) {
            if (!keep.contains(key)) {
                LOG.warn("batch {}: deleting {}, a part of an attempt that was not kept", plan.batchId(), store.uri(key));
                store.delete(key);
            }
        }
        for (String key : store.list(plan.recordsFolder() + "split-")) {
            if (!keepRecords.contains(key)) {
                store.delete(key);
            }
        }
    }

    private static String manifest(ObjectStore store, LoadPlan plan, List<SplitResult> parts) {
        ObjectNode n = LoadJson.JSON.createObjectNode();
        n.put("format", 1);
        n.put("bronze_table", plan.bronzeTable());
        n.put("batch_id", plan.batchId());
        n.put("job_id", plan.jobId());
        n.put("source_table", plan.table().qualifiedName());
        n.put("ingestion_time", plan.ingestionTime().toString());
        n.put("key_column", plan.keyColumn());
        plan.window().ifPresentOrElse(w -> LoadJson.window(n.putObject("window"), w), () -> n.putNull("window"));
        n.put("rows", parts.stream().mapToLong(SplitResult::rows).sum());
        n.put("bytes", parts.stream().mapToLong(SplitResult::bytes).sum());
        ArrayNode a = n.putArray("parts");
        for (SplitResult r : parts) {
            ObjectNode p = a.addObject();
            p.put("split", r.split());
            p.put("key", r.key());
            p.put("uri", store.uri(r.key()));
            p.put("rows", r.rows());
            if (r.sourceRows().isPresent()) {
                p.put("source_rows", r.sourceRows().getAsLong());
            } else {
                p.putNull("source_rows");
            }
            p.put("bytes", r.bytes());
            p.put("sha256", r.sha256());
            p.put("attempt", r.attempt());
            p.put("key_lower", r.range().lower().map(Watermark::value).orElse(null));
            p.put("key_upper", r.range().upper().map(Watermark::value).orElse(null));
            p.put("includes_null_keys", r.range().includesNulls());
        }
        return LoadJson.write(n);
    }

    static String part(int split) {
        return String.format(Locale.ROOT, "part-%05d-", split);
    }
}

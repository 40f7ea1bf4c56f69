package io.flowforge.ingest.load;

import io.flowforge.bronze.BronzeWriter;
import io.flowforge.bronze.store.ObjectStore;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.IncrementalWindow;
import io.flowforge.connector.KeyRange;
import io.flowforge.connector.TableId;
import io.flowforge.ingest.JobConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A load cut into splits, on any {@link LoadEngine}: plan (or take the stored plan of an unfinished
 * batch), store the plan, run the splits that have no finished part yet, commit
 * ({@link LoadCommit}). The caller moves the job's state only after this returns.
 */
public final class SplitLoad {

    private static final Logger LOG = LoggerFactory.getLogger(SplitLoad.class);

    private SplitLoad() {}

    /** What a split load did: its plan, the committed batch, parts reused from an earlier run and tasks run now. */
    public record Outcome(LoadPlan plan, LoadCommit.Committed committed, int reusedParts, int tasksRun) {}

    /** The plan stored for a batch by an earlier run, if any. */
    public static Optional<LoadPlan> storedPlan(ObjectStore store, String jobId, TableId table, String batchId)
            throws IOException {
        return store.get(LoadPlan.recordsFolder(jobId, table) + batchId + "/plan.json")
                .map(b -> LoadPlan.fromJson(new String(b, StandardCharsets.UTF_8)));
    }

    /** Plans the splits of a job's table, or of a window of it, by the server's quantiles of the split column. */
    public static LoadPlan plan(DatabaseConnector connector, JobConfig job, String batchId, Instant ingestionTime,
            Optional<IncrementalWindow> window) {
        JobConfig.Source src = job.source();
        TableId table = src.table().orElseThrow(() -> new IllegalArgumentException("a split load reads a table"));
        String key = src.splitting().splitColumn().orElseGet(() -> {
            List<String> pk = connector.getSchema(table).primaryKey();
            if (pk.size() != 1) {
                throw new ConnectorException("Table '" + table + "' has no single-column primary key" + (pk.isEmpty() ? ""
                        : " (its key is " + String.join(", ", pk) + ")") + ": name the column to split its load by with"
                        + " splitColumn (an integer, decimal, date or timestamp column).");
            }
            return pk.get(0);
        });
        List<KeyRange> ranges = connector.planKeyRanges(table, window, key, src.splitting().splits());
        return new LoadPlan(job.jobId(), batchId, job.destination().bronzeTable(), table, key, window, ranges, ingestionTime);
    }

    /**
     * Runs and commits a plan: stores it (unless stored already), runs every split without a
     * finished part on {@code engine}, and commits.
     */
    public static Outcome run(ObjectStore store, JobConfig job, LoadPlan plan, LoadEngine engine,
            Map<String, String> fileProperties, Runnable leaseCheck) throws IOException {
        if (!store.exists(plan.recordKey())) {
            store.put(plan.recordKey(), plan.toJson().getBytes(StandardCharsets.UTF_8));
        }
        Map<Integer, SplitResult> done = LoadCommit.finished(store, plan, Set.of());
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < plan.splits(); i++) {
            if (!done.containsKey(i)) {
                tasks.add(SplitTask.descriptor(job, plan, i, fileProperties));
            }
        }
        if (!done.isEmpty()) {
            LOG.warn("Job '{}': batch {} reuses {} parts written by an earlier run; {} splits to write", job.jobId(),
                    plan.batchId(), done.size(), tasks.size());
        }
        LOG.info("Job '{}': batch {} of {} in {} splits on {}", job.jobId(), plan.batchId(), plan.table(), plan.splits(),
                engine.name());
        leaseCheck.run();
        Set<String> preferred = new HashSet<>();
        for (String r : engine.run(tasks)) {
            preferred.add(SplitResult.fromJson(r).attempt());
        }
        done.values().forEach(r -> preferred.add(r.attempt()));
        LoadCommit.Committed c = LoadCommit.commit(store, plan, preferred, leaseCheck);
        return new Outcome(plan, c, done.size(), tasks.size());
    }

    /**
     * Removes the parts and records of this job's full loads of {@code table} that never wrote a
     * manifest (a run killed midway): a full load is not resumed, the next one reads the table
     * again under a new batch id. Returns what was removed.
     */
    public static List<String> removeUnfinishedFullLoads(ObjectStore store, String jobId, TableId table)
            throws IOException {
        List<String> removed = new ArrayList<>();
        for (String key : store.list(LoadPlan.recordsFolder(jobId, table))) {
            if (!key.endsWith("/plan.json")) {
                continue;
            }
            LoadPlan p = LoadPlan.fromJson(new String(store.get(key).orElseThrow(), StandardCharsets.UTF_8));
            if (p.window().isPresent() || store.exists(BronzeWriter.manifestKey(p.bronzeTable(), p.batchId()))) {
                continue;
            }
            for (String k : store.list(BronzeWriter.batchFolder(p.bronzeTable(), p.batchId()))) {
                store.delete(k);
                removed.add(store.uri(k));
            }
            for (String k : store.list(p.recordsFolder())) {
                store.delete(k);
            }
        }
        return removed;
    }
}

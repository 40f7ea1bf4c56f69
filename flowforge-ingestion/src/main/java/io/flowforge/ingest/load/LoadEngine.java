package io.flowforge.ingest.load;

import java.util.List;

/**
 * Runs a load's tasks somewhere: on a local thread pool ({@link ThreadPoolEngine}) or on a cluster
 * (flowforge-spark). A task is a JSON descriptor ({@link SplitTask}); running one is
 * {@link SplitTask#execute}, anywhere the descriptor's secrets can be resolved. The engine retries
 * failed attempts as it sees fit and returns one result per task, as JSON, or throws when a task
 * failed for good. Attempts that the engine gave up on or duplicated may have written parts as
 * well: the commit ({@link LoadCommit}) keeps one per split and deletes the rest.
 */
public interface LoadEngine {

    /** A short name for logs and results, e.g. {@code threads(4)} or {@code spark(local[2])}. */
    String name();

    /** Runs every task and returns their results, as JSON ({@link SplitResult#toJson}). */
    List<String> run(List<String> taskDescriptors);
}

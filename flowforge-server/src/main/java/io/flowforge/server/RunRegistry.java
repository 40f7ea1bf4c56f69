package io.flowforge.server;

import io.flowforge.ingest.IngestionControl;
import io.flowforge.ingest.IngestionResult;
import io.flowforge.ingest.JobConfig;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs submitted loads on a few worker threads with a bounded queue, and remembers the most
 * recent runs (in memory; the lake's own state is what lasts).
 */
final class RunRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunRegistry.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int KEPT_RUNS = 200;

    private final ThreadPoolExecutor workers;
    private final BiFunction<JobConfig, IngestionControl, IngestionResult> runner;
    private final Map<String, Run> runs = new LinkedHashMap<>();

    RunRegistry(int concurrentRuns, int queuedRuns, BiFunction<JobConfig, IngestionControl, IngestionResult> runner) {
        this.runner = runner;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(concurrentRuns, concurrentRuns, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queuedRuns), r -> {
                    Thread t = new Thread(r, "flowforge-run-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    Run submit(JobConfig job, String sourceId, String destination, UnaryOperator<String> redactor) {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        Run run = new Run("run-" + HexFormat.of().formatHex(b), job, sourceId, destination, redactor);
        synchronized (this) {
            try {
                workers.execute(() -> execute(run));
            } catch (RejectedExecutionException e) {
                throw new ApiException(429, "too_many_runs", "The server is running " + workers.getMaximumPoolSize()
                        + " loads and has " + workers.getQueue().size() + " waiting, its limit; try again when one finishes.");
            }
            runs.put(run.id(), run);
            trim();
        }
        return run;
    }

    private void execute(Run run) {
        if (!run.start()) {
            return;
        }
        try {
            run.finish(runner.apply(run.job(), run.control()));
        } catch (RuntimeException | Error e) {
            run.fail(e);
            LOG.warn("Run {} of job '{}' failed: {}", run.id(), run.job().jobId(), run.view().get("error"));
        }
    }

    /** Forgets the oldest finished runs beyond {@link #KEPT_RUNS}. */
    private void trim() {
        Iterator<Run> it = runs.values().iterator();
        while (runs.size() > KEPT_RUNS && it.hasNext()) {
            if (it.next().finished()) {
                it.remove();
            }
        }
    }

    synchronized Run get(String id) {
        Run r = runs.get(id);
        if (r == null) {
            throw ApiException.notFound("run_not_found", "No run has id '" + id + "'; GET /api/jobs lists the recent runs.");
        }
        return r;
    }

    /** The most recent runs, newest first. */
    synchronized List<Run> recent(int limit) {
        List<Run> all = new ArrayList<>(runs.values());
        Collections.reverse(all);
        return all.subList(0, Math.min(limit, all.size()));
    }

    @Override
    public void close() {
        List<Run> all;
        synchronized (this) {
            all = new ArrayList<>(runs.values());
        }
        all.forEach(r -> r.cancel("the server is stopping"));
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

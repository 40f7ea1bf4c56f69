package io.flowforge.ingest.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default engine: runs a load's tasks on {@code parallelism} threads of this JVM, retrying a
 * failed attempt up to {@code maxAttempts} times in all. It waits for every task before it
 * returns or throws, so no attempt of this engine is still writing when the commit starts.
 */
public final class ThreadPoolEngine implements LoadEngine {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadPoolEngine.class);

    /** Runs one attempt of a task: descriptor and attempt id in, result JSON out. */
    @FunctionalInterface
    public interface TaskRunner {
        String run(String descriptor, String attempt);
    }

    private final int parallelism;
    private final int maxAttempts;
    private final TaskRunner runner;

    public ThreadPoolEngine(int parallelism) {
        this(parallelism, 3, SplitTask::execute);
    }

    public ThreadPoolEngine(int parallelism, int maxAttempts, TaskRunner runner) {
        if (parallelism < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("parallelism and maxAttempts must be at least 1");
        }
        this.parallelism = parallelism;
        this.maxAttempts = maxAttempts;
        this.runner = runner;
    }

    @Override
    public String name() {
        return "threads(" + parallelism + ")";
    }

    @Override
    public List<String> run(List<String> taskDescriptors) {
        if (taskDescriptors.isEmpty()) {
            return List.of();
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, taskDescriptors.size()), r -> {
            Thread t = new Thread(r, "flowforge-split-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (String d : taskDescriptors) {
                futures.add(pool.submit(() -> runWithRetries(d)));
            }
            List<String> results = new ArrayList<>();
            RuntimeException failure = null;
            for (Future<String> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the split tasks ran", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private String runWithRetries(String descriptor) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < maxAttempts; attempt++) {
            try {
                return runner.run(descriptor, SplitTask.newAttempt(attempt));
            } catch (RuntimeException e) {
                if (last != null) {
                    e.addSuppressed(last);
                }
                last = e;
                LOG.warn("split task attempt {} of {} failed: {}", attempt + 1, maxAttempts, e.getMessage());
            }
        }
        throw last;
    }
}

package io.flowforge.ingest;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller's handle on a run: listeners that receive {@link IngestionProgress} after every batch
 * and at phase changes, and {@link #cancel(String)}, which a run checks between batches and which
 * also cancels a read waiting for the database. A
 * cancelled run stops reading, aborts the object it was writing, leaves its state as the commit
 * protocol says (pending or committed, never half-written) and returns a result with status
 * {@code cancelled}. Thread-safe: cancel from any thread (a signal handler, an HTTP request).
 */
public final class IngestionControl {

    private static final Logger LOG = LoggerFactory.getLogger(IngestionControl.class);

    private final List<Consumer<IngestionProgress>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> onCancel = new ArrayList<>();
    private volatile String cancelReason;

    /** A control with no listeners that is never cancelled unless asked. */
    public static IngestionControl create() {
        return new IngestionControl();
    }

    /** Adds a listener; it runs on the ingesting thread, so it must be quick and must not throw. */
    public IngestionControl onProgress(Consumer<IngestionProgress> listener) {
        listeners.add(requireNonNull(listener, "listener is null"));
        return this;
    }

    /**
     * Asks the run to stop. It stops at the next batch boundary at the latest; a read waiting for the
     * database is cancelled at once (the JDBC statement or PostgreSQL COPY is cancelled from this
     * thread), so the run does not wait for a slow server. Once the run has started to commit its
     * object, it finishes instead (the result then says what it committed). Idempotent; the first
     * reason is kept. Returns quickly: safe from a signal handler or an HTTP request.
     */
    public void cancel(String reason) {
        requireNonNull(reason, "reason is null");
        List<Runnable> actions;
        synchronized (this) {
            if (cancelReason != null) {
                return;
            }
            cancelReason = reason;
            actions = List.copyOf(onCancel);
        }
        for (Runnable action : actions) {
            runQuietly(action);
        }
    }

    /**
     * Runs {@code action} when the control is cancelled (at once if it already is), until the
     * returned registration is closed. Actions must be quick and must not throw.
     */
    Registration whenCancelled(Runnable action) {
        requireNonNull(action, "action is null");
        boolean now;
        synchronized (this) {
            now = cancelReason != null;
            if (!now) {
                onCancel.add(action);
            }
        }
        if (now) {
            runQuietly(action);
        }
        return () -> {
            synchronized (this) {
                onCancel.remove(action);
            }
        };
    }

    /** Removes a cancel action; closing it twice is harmless. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("A cancel action failed; the run still stops at its next batch: {}", e.toString());
        }
    }

    public boolean isCancelled() {
        return cancelReason != null;
    }

    /** Why the run was cancelled, or null. */
    public String cancelReason() {
        return cancelReason;
    }

    /** Throws {@link IngestionCancelledException} if the run was cancelled. */
    void throwIfCancelled() {
        String reason = cancelReason;
        if (reason != null) {
            throw new IngestionCancelledException(reason);
        }
    }

    void report(IngestionProgress progress) {
        for (Consumer<IngestionProgress> l : listeners) {
            try {
                l.accept(progress);
            } catch (RuntimeException e) {
                LOG.warn("A progress listener failed; it is ignored: {}", e.toString());
            }
        }
    }
}

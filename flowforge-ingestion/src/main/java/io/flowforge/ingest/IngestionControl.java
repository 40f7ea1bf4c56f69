package io.flowforge.ingest;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller's handle on a run: listeners that receive {@link IngestionProgress} after every batch
 * and at phase changes, and {@link #cancel(String)}, which a run checks between batches. A
 * cancelled run stops reading, aborts the object it was writing, leaves its state as the commit
 * protocol says (pending or committed, never half-written) and returns a result with status
 * {@code cancelled}. Thread-safe: cancel from any thread (a signal handler, an HTTP request).
 */
public final class IngestionControl {

    private static final Logger LOG = LoggerFactory.getLogger(IngestionControl.class);

    private final List<Consumer<IngestionProgress>> listeners = new CopyOnWriteArrayList<>();
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

    /** Asks the run to stop at the next batch boundary. Idempotent; the first reason is kept. */
    public void cancel(String reason) {
        requireNonNull(reason, "reason is null");
        synchronized (this) {
            if (cancelReason == null) {
                cancelReason = reason;
            }
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

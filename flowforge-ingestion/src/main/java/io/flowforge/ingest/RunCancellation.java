package io.flowforge.ingest;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.arrow.CancellableReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * How one run answers its {@link IngestionControl}: while a write reads, a cancel also cancels the
 * source's statement (so a read waiting for the database stops at once, not at the next batch);
 * once the write starts to commit its object, a cancel no longer stops it (the object and then the
 * state are committed, as the protocol says, and the run reports what it did). Also keeps what the
 * run did before it was cancelled, for the {@code cancelled} result.
 */
final class RunCancellation {

    private final IngestionControl control;
    private final List<String> reaped = new ArrayList<>();
    private final List<String> committed = new ArrayList<>();
    private IngestionControl.Registration sourceCancel;
    private String batchId;
    private boolean committing;

    RunCancellation(IngestionControl control) {
        this.control = requireNonNull(control, "control is null");
    }

    IngestionControl control() {
        return control;
    }

    /** A write of {@code batchId} starts reading {@code source}; a cancel from now on cancels it. */
    synchronized void startWrite(String batchId, ArrowReader source) {
        this.batchId = requireNonNull(batchId, "batchId is null");
        this.committing = false;
        control.throwIfCancelled();
        if (source instanceof CancellableReader c) {
            sourceCancel = control.whenCancelled(c::cancel);
        }
    }

    /**
     * The write is about to make its object visible: throws {@link IngestionCancelledException} if
     * the run was cancelled, and otherwise lets later cancels pass until the next write starts.
     */
    synchronized void enterCommit() {
        endRead();
        control.throwIfCancelled();
        committing = true;
    }

    /** The read of the current write ended (normally or not): nothing left to cancel. */
    synchronized void endRead() {
        if (sourceCancel != null) {
            sourceCancel.close();
            sourceCancel = null;
        }
    }

    synchronized void committed(String uri) {
        committed.add(uri);
    }

    synchronized void reaped(List<String> items) {
        reaped.addAll(items);
    }

    synchronized List<String> reaped() {
        return List.copyOf(reaped);
    }

    /** True if a failure now is the run's answer to a cancel, not a failure of its own. */
    synchronized boolean stoppedByCancel() {
        return control.isCancelled() && !committing;
    }

    /** The batch being written when the run stopped, or {@code fallback} before the first write. */
    synchronized String batchId(String fallback) {
        return batchId == null ? fallback : batchId;
    }

    synchronized List<String> committedObjects() {
        return List.copyOf(committed);
    }
}

package io.flowforge.bronze.store;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An object being written: bytes go to the stream, and the object appears at its key only when
 * {@link #commit()} succeeds. Closing it without a commit aborts it.
 */
public abstract class AtomicObjectWrite extends OutputStream {

    /** Bytes written so far. */
    public abstract long position();

    /** The URI the object will have once committed. */
    public abstract String uri();

    /**
     * Makes the object visible at its key, all at once. If the commit fails, the write is aborted
     * before the exception is thrown, so nothing is left at the key or open in the store.
     */
    public abstract void commit() throws IOException;

    /**
     * Discards everything written. Idempotent; a no-op after a commit. Throws only if the store
     * could not clean up (for example an S3 multipart upload could not be aborted).
     */
    public abstract void abort() throws IOException;

    public abstract boolean isCommitted();

    /** Aborts the write unless it was committed. */
    @Override
    public void close() throws IOException {
        if (!isCommitted()) {
            abort();
        }
    }
}

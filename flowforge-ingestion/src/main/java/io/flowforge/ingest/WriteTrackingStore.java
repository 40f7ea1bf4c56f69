package io.flowforge.ingest;

import io.flowforge.bronze.store.AtomicObjectWrite;
import io.flowforge.bronze.store.ForwardingObjectStore;
import io.flowforge.bronze.store.ObjectStore;
import java.io.IOException;

/**
 * The store as one run's writer sees it: every call goes to the real store, and the object write
 * it opened last is remembered, so progress can say how many bytes of the Parquet object have been
 * handed to the store so far. One per write; not shared between threads.
 */
final class WriteTrackingStore extends ForwardingObjectStore {

    private volatile AtomicObjectWrite current;

    WriteTrackingStore(ObjectStore store) {
        super(store);
    }

    /** Bytes written to the object being written (0 before it is opened). */
    long bytesWritten() {
        AtomicObjectWrite w = current;
        return w == null ? 0 : w.position();
    }

    @Override
    public AtomicObjectWrite openAtomicWrite(String key) throws IOException {
        AtomicObjectWrite w = store.openAtomicWrite(key);
        current = w;
        return w;
    }
}

package io.flowforge.ingest;

import static java.util.Objects.requireNonNull;

import io.flowforge.bronze.store.AtomicObjectWrite;
import io.flowforge.bronze.store.ObjectStore;
import io.flowforge.bronze.store.VersionedObject;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The store as one run's writer sees it: every call goes to the real store, and the object write
 * it opened last is remembered, so progress can say how many bytes of the Parquet object have been
 * handed to the store so far. One per write; not shared between threads.
 */
final class WriteTrackingStore implements ObjectStore {

    private final ObjectStore store;
    private volatile AtomicObjectWrite current;

    WriteTrackingStore(ObjectStore store) {
        this.store = requireNonNull(store, "store is null");
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

    @Override
    public String uri(String key) {
        return store.uri(key);
    }

    @Override
    public Optional<byte[]> get(String key) throws IOException {
        return store.get(key);
    }

    @Override
    public void put(String key, byte[] bytes) throws IOException {
        store.put(key, bytes);
    }

    @Override
    public Optional<VersionedObject> getVersioned(String key) throws IOException {
        return store.getVersioned(key);
    }

    @Override
    public Optional<String> createIfAbsent(String key, byte[] bytes) throws IOException {
        return store.createIfAbsent(key, bytes);
    }

    @Override
    public Optional<String> replaceIfVersion(String key, byte[] bytes, String version) throws IOException {
        return store.replaceIfVersion(key, bytes, version);
    }

    @Override
    public List<String> reapAbandonedWrites(String keyPrefix, Instant startedBefore) throws IOException {
        return store.reapAbandonedWrites(keyPrefix, startedBefore);
    }

    @Override
    public boolean exists(String key) throws IOException {
        return store.exists(key);
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        return store.list(prefix);
    }

    @Override
    public void delete(String key) throws IOException {
        store.delete(key);
    }

    /** The real store belongs to the run's caller: not closed here. */
    @Override
    public void close() {
    }
}

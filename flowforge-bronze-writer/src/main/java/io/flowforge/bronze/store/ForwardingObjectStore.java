package io.flowforge.bronze.store;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A store that hands every call to another store, for wrappers that watch or change one part of
 * it (usually {@link #openAtomicWrite}) and override only that. {@link #close()} is not handed on:
 * the wrapped store belongs to whoever made it.
 */
public abstract class ForwardingObjectStore implements ObjectStore {

    protected final ObjectStore store;

    protected ForwardingObjectStore(ObjectStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    @Override
    public AtomicObjectWrite openAtomicWrite(String key) throws IOException {
        return store.openAtomicWrite(key);
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

    /** The wrapped store belongs to whoever made it: not closed here. */
    @Override
    public void close() {
    }
}

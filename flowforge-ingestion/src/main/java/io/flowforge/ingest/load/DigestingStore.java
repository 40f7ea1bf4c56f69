package io.flowforge.ingest.load;

import static java.util.Objects.requireNonNull;

import io.flowforge.bronze.store.AtomicObjectWrite;
import io.flowforge.bronze.store.ObjectStore;
import io.flowforge.bronze.store.VersionedObject;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A store that computes the SHA-256 of each object written through it, as the bytes go by. */
final class DigestingStore implements ObjectStore {

    private final ObjectStore store;
    private final Map<String, MessageDigest> digests = new ConcurrentHashMap<>();

    DigestingStore(ObjectStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    /** The SHA-256 (hex) of what was written to {@code key}. */
    String sha256(String key) {
        MessageDigest d = digests.get(key);
        if (d == null) {
            throw new IllegalStateException("nothing was written to " + key);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    @Override
    public AtomicObjectWrite openAtomicWrite(String key) throws IOException {
        AtomicObjectWrite w = store.openAtomicWrite(key);
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        digests.put(key, d);
        return new AtomicObjectWrite() {
            @Override
            public void write(int b) throws IOException {
                w.write(b);
                d.update((byte) b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                w.write(b, off, len);
                d.update(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                w.flush();
            }

            @Override
            public long position() {
                return w.position();
            }

            @Override
            public String uri() {
                return w.uri();
            }

            @Override
            public void commit() throws IOException {
                w.commit();
            }

            @Override
            public void abort() throws IOException {
                w.abort();
            }

            @Override
            public boolean isCommitted() {
                return w.isCommitted();
            }

            @Override
            public void close() throws IOException {
                w.close();
            }
        };
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
}

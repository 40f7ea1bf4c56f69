package io.flowforge.ingest.load;

import io.flowforge.bronze.store.AtomicObjectWrite;
import io.flowforge.bronze.store.ForwardingObjectStore;
import io.flowforge.bronze.store.ObjectStore;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A store that computes the SHA-256 of each object written through it, as the bytes go by. */
final class DigestingStore extends ForwardingObjectStore {

    private final Map<String, MessageDigest> digests = new ConcurrentHashMap<>();

    DigestingStore(ObjectStore store) {
        super(store);
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
}

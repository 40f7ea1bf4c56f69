package io.flowforge.bronze.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Where bronze objects and small state files live — a local folder or an S3-compatible bucket —
 * addressed by slash-separated keys relative to the store's root.
 *
 * <p>Every write is atomic: an object is either complete at its key or absent.
 */
public interface ObjectStore extends AutoCloseable {

    /**
     * Starts writing an object that becomes visible at {@code key} only when
     * {@link AtomicObjectWrite#commit()} succeeds; {@link AtomicObjectWrite#abort()} (or closing it
     * uncommitted) leaves nothing behind. An existing object at the key is replaced on commit.
     */
    AtomicObjectWrite openAtomicWrite(String key) throws IOException;

    /** The full URI of the object at {@code key}: {@code file:/...} or {@code s3://bucket/...}. */
    String uri(String key);

    /** The bytes of the object, or empty if there is none at {@code key}. */
    Optional<byte[]> get(String key) throws IOException;

    /** Writes a whole small object atomically, replacing any object at {@code key}. */
    default void put(String key, byte[] bytes) throws IOException {
        try (AtomicObjectWrite write = openAtomicWrite(key)) {
            write.write(bytes);
            write.commit();
        }
    }

    /** The object read as UTF-8 text (for JSON state files), or empty if there is none. */
    default Optional<String> getString(String key) throws IOException {
        return get(key).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /** Writes UTF-8 text atomically, replacing any object at {@code key}. */
    default void putString(String key, String text) throws IOException {
        put(key, text.getBytes(StandardCharsets.UTF_8));
    }

    boolean exists(String key) throws IOException;

    /** The keys of all objects whose key starts with {@code prefix}, sorted; in-progress writes are not listed. */
    List<String> list(String prefix) throws IOException;

    /** Deletes the object at {@code key} if there is one. */
    void delete(String key) throws IOException;

    @Override
    default void close() {
    }
}

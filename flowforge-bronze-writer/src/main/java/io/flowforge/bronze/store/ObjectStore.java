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

    /**
     * The object with its version tag, or empty if there is none. The tag is what
     * {@link #replaceIfVersion} compares against.
     */
    Optional<VersionedObject> getVersioned(String key) throws IOException;

    /**
     * Creates the object only if no object exists at {@code key}, atomically with respect to every
     * other writer of the store (other threads, processes and hosts). Returns the new object's
     * version tag, or empty if an object was already there (nothing is written then).
     */
    Optional<String> createIfAbsent(String key, byte[] bytes) throws IOException;

    /**
     * Replaces the object only if its current version tag is {@code version}, atomically with
     * respect to every other writer. Returns the new version tag, or empty if the object changed
     * or disappeared since that version was read (nothing is written then).
     */
    Optional<String> replaceIfVersion(String key, byte[] bytes, String version) throws IOException;

    /**
     * Removes what writes that can no longer finish left behind for objects whose key starts with
     * {@code keyPrefix}: staging files of dead processes in a local folder, multipart uploads
     * started before {@code startedBefore} in S3. Writes that are still running are left alone.
     * Returns a description of each item removed (for logs and results).
     */
    List<String> reapAbandonedWrites(String keyPrefix, java.time.Instant startedBefore) throws IOException;

    boolean exists(String key) throws IOException;

    /** The keys of all objects whose key starts with {@code prefix}, sorted; in-progress writes are not listed. */
    List<String> list(String prefix) throws IOException;

    /** Deletes the object at {@code key} if there is one. */
    void delete(String key) throws IOException;

    @Override
    default void close() {
    }
}

package io.flowforge.bronze.store;

import static java.util.Objects.requireNonNull;

/**
 * An object's bytes with its version tag: the S3 ETag, or a hash of the content in a local folder.
 * A conditional write ({@link ObjectStore#replaceIfVersion}) succeeds only while the tag is current.
 */
public record VersionedObject(byte[] bytes, String version) {
    public VersionedObject {
        requireNonNull(bytes, "bytes is null");
        requireNonNull(version, "version is null");
    }
}

package io.flowforge.bronze.store;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.Secret;

/**
 * How to reach an S3-compatible bucket (MinIO, AWS S3, S3Proxy, ...): endpoint, region, bucket,
 * credentials, addressing style, an optional key prefix that acts as the store's root, and the
 * multipart part size. {@link #toString()} masks the secret key.
 *
 * @param endpoint e.g. {@code http://localhost:9000}
 * @param region e.g. {@code us-east-1}; may be null to let the client discover it
 * @param bucket the bucket name
 * @param accessKey the access key id
 * @param secretKey the secret key, never printed
 * @param pathStyle true for {@code http://host/bucket/key} (MinIO, S3Proxy), false for virtual-host style
 * @param rootPrefix a key prefix under which every object lives, without leading or trailing slash; empty for none
 * @param partSize bytes per multipart part, buffered in memory: 5 MiB (S3's minimum) to 5 GiB
 * @param partsInFlight how many parts may be uploading while the next one fills (memory is about
 *     {@code partSize * (partsInFlight + 1)})
 */
public record S3StoreConfig(
        String endpoint,
        String region,
        String bucket,
        String accessKey,
        Secret secretKey,
        boolean pathStyle,
        String rootPrefix,
        int partSize,
        int partsInFlight) {

    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;
    public static final int DEFAULT_PARTS_IN_FLIGHT = 2;

    public S3StoreConfig {
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(bucket, "bucket is null");
        requireNonNull(accessKey, "accessKey is null");
        requireNonNull(secretKey, "secretKey is null");
        rootPrefix = rootPrefix == null ? "" : rootPrefix;
        if (rootPrefix.startsWith("/") || rootPrefix.endsWith("/")) {
            throw new IllegalArgumentException("rootPrefix '" + rootPrefix + "' must not start or end with '/'");
        }
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("partSize " + partSize + " is below S3's minimum part size of "
                    + MIN_PART_SIZE + " bytes (5 MiB)");
        }
        if (partsInFlight < 1) {
            throw new IllegalArgumentException("partsInFlight must be at least 1, was " + partsInFlight);
        }
    }

    /** Path-style addressing, no root prefix, 8 MiB parts, 2 parts in flight. */
    public static S3StoreConfig of(String endpoint, String region, String bucket, String accessKey, Secret secretKey) {
        return new S3StoreConfig(endpoint, region, bucket, accessKey, secretKey, true, "",
                DEFAULT_PART_SIZE, DEFAULT_PARTS_IN_FLIGHT);
    }

    public S3StoreConfig withRootPrefix(String prefix) {
        return new S3StoreConfig(endpoint, region, bucket, accessKey, secretKey, pathStyle, prefix, partSize, partsInFlight);
    }

    public S3StoreConfig withPartSize(int bytes) {
        return new S3StoreConfig(endpoint, region, bucket, accessKey, secretKey, pathStyle, rootPrefix, bytes, partsInFlight);
    }

    public S3StoreConfig withPartsInFlight(int parts) {
        return new S3StoreConfig(endpoint, region, bucket, accessKey, secretKey, pathStyle, rootPrefix, partSize, parts);
    }

    public S3StoreConfig withPathStyle(boolean path) {
        return new S3StoreConfig(endpoint, region, bucket, accessKey, secretKey, path, rootPrefix, partSize, partsInFlight);
    }
}

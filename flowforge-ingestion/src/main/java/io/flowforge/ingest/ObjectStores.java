package io.flowforge.ingest;

import io.flowforge.bronze.store.LocalObjectStore;
import io.flowforge.bronze.store.ObjectStore;
import io.flowforge.bronze.store.S3ObjectStore;
import io.flowforge.bronze.store.S3StoreConfig;

/** Opens the object store a job's destination names. */
public final class ObjectStores {

    private ObjectStores() {}

    public static ObjectStore open(JobConfig.Storage storage) {
        if (storage instanceof JobConfig.LocalStorage local) {
            return new LocalObjectStore(local.root());
        }
        JobConfig.S3Storage s3 = (JobConfig.S3Storage) storage;
        S3StoreConfig config = S3StoreConfig.of(s3.endpoint(), s3.region(), s3.bucket(), s3.accessKey(), s3.secretKey())
                .withPathStyle(s3.pathStyle());
        if (!s3.prefix().isEmpty()) {
            config = config.withRootPrefix(s3.prefix());
        }
        return new S3ObjectStore(config);
    }
}

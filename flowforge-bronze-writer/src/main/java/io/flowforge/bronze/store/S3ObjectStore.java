package io.flowforge.bronze.store;

import static java.util.Objects.requireNonNull;

import io.minio.AbortMultipartUploadArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListMultipartUploadsArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import io.minio.messages.ListMultipartUploadsResult;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import okhttp3.OkHttpClient;

/**
 * An object store in an S3-compatible bucket through the MinIO Java client. Large objects are
 * streamed as multipart uploads whose parts are sent while the object is being written; an object
 * appears at its key only when the upload is completed, and a failed write aborts its upload.
 */
public final class S3ObjectStore implements ObjectStore {
    private static final Set<String> NOT_FOUND = Set.of("NoSuchKey", "NoSuchObject", "NotFound", "ResourceNotFound");
    // 412 PreconditionFailed; 409 ConditionalRequestConflict when another conditional write to the key is in flight.
    private static final Set<String> CONDITION_FAILED = Set.of("PreconditionFailed", "ConditionalRequestConflict");

    private final S3StoreConfig config;
    private final MinioAsyncClient client;

    public S3ObjectStore(S3StoreConfig config) {
        this(config, null);
    }

    /** With a caller's OkHttp client, for timeouts, proxies, TLS or interceptors. */
    public S3ObjectStore(S3StoreConfig config, OkHttpClient httpClient) {
        this.config = requireNonNull(config, "config is null");
        MinioAsyncClient.Builder builder = MinioAsyncClient.builder()
                .endpoint(config.endpoint())
                .credentials(config.accessKey(), config.secretKey().reveal());
        if (config.region() != null) {
            builder.region(config.region());
        }
        if (httpClient != null) {
            builder.httpClient(httpClient);
        }
        this.client = builder.build();
        if (config.pathStyle()) {
            client.disableVirtualStyleEndpoint();
        } else {
            client.enableVirtualStyleEndpoint();
        }
    }

    public S3StoreConfig config() {
        return config;
    }

    /** The underlying client, for operations this interface does not cover (e.g. listing multipart uploads). */
    public MinioAsyncClient client() {
        return client;
    }

    /** The bucket key of a store key: the root prefix joined with the key. */
    public String objectName(String key) {
        ObjectKeys.check(key);
        return config.rootPrefix().isEmpty() ? key : config.rootPrefix() + "/" + key;
    }

    @Override
    public String uri(String key) {
        return "s3://" + config.bucket() + "/" + objectName(key);
    }

    @Override
    public AtomicObjectWrite openAtomicWrite(String key) {
        return new S3MultipartWrite(this, objectName(key), uri(key));
    }

    @Override
    public Optional<byte[]> get(String key) throws IOException {
        String name = objectName(key);
        try (GetObjectResponse in = await(client.getObject(
                GetObjectArgs.builder().bucket(config.bucket()).object(name).build()), "get", name)) {
            return Optional.of(in.readAllBytes());
        } catch (S3OperationException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<VersionedObject> getVersioned(String key) throws IOException {
        String name = objectName(key);
        try (GetObjectResponse in = await(client.getObject(
                GetObjectArgs.builder().bucket(config.bucket()).object(name).build()), "get", name)) {
            String etag = in.headers().get("ETag");
            if (etag == null) {
                throw new IOException("S3 get of s3://" + config.bucket() + "/" + name + " at " + config.endpoint()
                        + " returned no ETag; conditional writes need an S3 server that sends one");
            }
            return Optional.of(new VersionedObject(in.readAllBytes(), etag));
        } catch (S3OperationException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A PUT with {@code If-None-Match: *}: S3 (since 2024), MinIO and S3Proxy refuse it with 412 when the key exists. */
    @Override
    public Optional<String> createIfAbsent(String key, byte[] bytes) throws IOException {
        return conditionalPut(key, bytes, Map.of("If-None-Match", "*"), "create-if-absent");
    }

    /** A PUT with {@code If-Match: <etag>}: refused with 412 when the object changed since that ETag. */
    @Override
    public Optional<String> replaceIfVersion(String key, byte[] bytes, String version) throws IOException {
        requireNonNull(version, "version is null");
        return conditionalPut(key, bytes, Map.of("If-Match", version), "replace-if-match");
    }

    private Optional<String> conditionalPut(String key, byte[] bytes, Map<String, String> condition, String operation)
            throws IOException {
        String name = objectName(key);
        try {
            io.minio.ObjectWriteResponse r = await(client.putObject(PutObjectArgs.builder().bucket(config.bucket())
                    .object(name).data(bytes, bytes.length).extraHeaders(condition).build()), operation, name);
            return Optional.of(r.etag() != null && !r.etag().startsWith("\"") ? "\"" + r.etag() + "\"" : r.etag());
        } catch (S3OperationException e) {
            if (e.code() != null && CONDITION_FAILED.contains(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Aborts the multipart uploads of objects under {@code keyPrefix} that were started before
     * {@code startedBefore}: the parts of a run that was killed or lost its connection, which S3
     * keeps (and bills) until aborted.
     */
    @Override
    public List<String> reapAbandonedWrites(String keyPrefix, Instant startedBefore) throws IOException {
        ObjectKeys.checkPrefix(keyPrefix);
        requireNonNull(startedBefore, "startedBefore is null");
        String prefix = (config.rootPrefix().isEmpty() ? "" : config.rootPrefix() + "/") + keyPrefix;
        List<String> reaped = new ArrayList<>();
        String keyMarker = null;
        String uploadMarker = null;
        while (true) {
            ListMultipartUploadsArgs.Builder args = ListMultipartUploadsArgs.builder().bucket(config.bucket()).prefix(prefix);
            if (keyMarker != null) {
                args.keyMarker(keyMarker).uploadIdMarker(uploadMarker);
            }
            ListMultipartUploadsResult page = await(client.listMultipartUploads(args.build()),
                    "list of multipart uploads under", prefix).result();
            for (ListMultipartUploadsResult.Upload u : page.uploads()) {
                if (u.initiated() != null && u.initiated().toInstant().isBefore(startedBefore)) {
                    await(client.abortMultipartUpload(AbortMultipartUploadArgs.builder().bucket(config.bucket())
                            .object(u.objectName()).uploadId(u.uploadId()).build()),
                            "abort of abandoned multipart upload " + u.uploadId(), u.objectName());
                    reaped.add("multipart upload " + u.uploadId() + " of s3://" + config.bucket() + "/" + u.objectName()
                            + " (started " + u.initiated().toInstant() + ", " + u.aggregatedPartSize() + " bytes of parts)");
                }
            }
            if (!page.isTruncated()) {
                return reaped;
            }
            keyMarker = page.nextKeyMarker();
            uploadMarker = page.nextUploadIdMarker();
        }
    }

    @Override
    public void put(String key, byte[] bytes) throws IOException {
        putObject(objectName(key), bytes, bytes.length);
    }

    void putObject(String name, byte[] bytes, int length) throws IOException {
        await(client.putObject(PutObjectArgs.builder().bucket(config.bucket()).object(name)
                .data(bytes, length).build()), "put", name);
    }

    @Override
    public boolean exists(String key) throws IOException {
        String name = objectName(key);
        try {
            await(client.statObject(StatObjectArgs.builder().bucket(config.bucket()).object(name).build()), "stat", name);
            return true;
        } catch (S3OperationException e) {
            if (e.isNotFound()) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        ObjectKeys.checkPrefix(prefix);
        String root = config.rootPrefix().isEmpty() ? "" : config.rootPrefix() + "/";
        List<String> keys = new ArrayList<>();
        Iterable<Result<Item>> items = client.listObjects(ListObjectsArgs.builder()
                .bucket(config.bucket()).prefix(root + prefix).recursive(true).build());
        for (Result<Item> result : items) {
            try {
                keys.add(result.get().objectName().substring(root.length()));
            } catch (MinioException e) {
                throw failure("list", root + prefix, e);
            }
        }
        keys.sort(null);
        return keys;
    }

    @Override
    public void delete(String key) throws IOException {
        String name = objectName(key);
        await(client.removeObject(RemoveObjectArgs.builder().bucket(config.bucket()).object(name).build()), "delete", name);
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "S3ObjectStore[" + config.endpoint() + ", s3://" + config.bucket() + "/" + config.rootPrefix() + "]";
    }

    /** Waits for a MinIO call and turns its failure into an exception that names the operation and object. */
    <T> T await(CompletableFuture<T> future, String operation, String objectName) throws S3OperationException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw failure(operation, objectName, e);
        } catch (ExecutionException | CompletionException e) {
            throw failure(operation, objectName, e.getCause() == null ? e : e.getCause());
        }
    }

    S3OperationException failure(String operation, String objectName, Throwable cause) {
        Throwable root = cause;
        while ((root instanceof CompletionException || root instanceof ExecutionException) && root.getCause() != null) {
            root = root.getCause();
        }
        String code = root instanceof ErrorResponseException ere && ere.errorResponse() != null
                ? ere.errorResponse().code() : null;
        String detail = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        // The secret never reaches a message, even if a client echoes it.
        detail = config.secretKey().redact(detail);
        return new S3OperationException("S3 " + operation + " of s3://" + config.bucket() + "/" + objectName
                + " at " + config.endpoint() + " failed: " + detail, code, root);
    }

    /** A failed S3 call, with the S3 error code when the server sent one. */
    public static final class S3OperationException extends IOException {
        private static final long serialVersionUID = 1L;
        private final String code;

        S3OperationException(String message, String code, Throwable cause) {
            super(message, cause);
            this.code = code;
        }

        /** The S3 error code (e.g. {@code NoSuchKey}), or null for a transport failure. */
        public String code() {
            return code;
        }

        boolean isNotFound() {
            return code != null && NOT_FOUND.contains(code);
        }
    }
}

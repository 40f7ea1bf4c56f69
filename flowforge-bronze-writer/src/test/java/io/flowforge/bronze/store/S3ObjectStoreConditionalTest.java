package io.flowforge.bronze.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.bronze.S3ProxyServer;
import io.minio.CreateMultipartUploadArgs;
import io.minio.ListMultipartUploadsArgs;
import io.minio.MakeBucketArgs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Conditional writes (If-None-Match / If-Match) and reaping of abandoned multipart uploads against S3Proxy. */
class S3ObjectStoreConditionalTest {
    static final String BUCKET = "conditional";
    static S3ProxyServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new S3ProxyServer();
        try (S3ObjectStore store = new S3ObjectStore(server.config(BUCKET))) {
            store.client().makeBucket(MakeBucketArgs.builder().bucket(BUCKET).build()).get();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void createIfAbsentAndReplaceIfVersionAreConditionalOnTheServer() throws Exception {
        try (S3ObjectStore store = new S3ObjectStore(server.config(BUCKET).withRootPrefix("lake"))) {
            Optional<String> v1 = store.createIfAbsent("_flowforge/leases/j.json", utf8("one"));
            assertThat(v1).isPresent();
            assertThat(store.createIfAbsent("_flowforge/leases/j.json", utf8("two"))).isEmpty();
            VersionedObject read = store.getVersioned("_flowforge/leases/j.json").orElseThrow();
            assertThat(new String(read.bytes(), StandardCharsets.UTF_8)).isEqualTo("one");
            assertThat(read.version()).isEqualTo(v1.get());

            Optional<String> v2 = store.replaceIfVersion("_flowforge/leases/j.json", utf8("two"), v1.get());
            assertThat(v2).isPresent().isNotEqualTo(v1);
            assertThat(store.replaceIfVersion("_flowforge/leases/j.json", utf8("three"), v1.get())).isEmpty();
            assertThat(store.getString("_flowforge/leases/j.json")).contains("two");
            assertThat(store.getVersioned("missing.json")).isEmpty();
        }
    }

    @Test
    void uploadsStartedBeforeTheCutoffUnderThePrefixAreAborted() throws Exception {
        try (S3ObjectStore store = new S3ObjectStore(server.config(BUCKET))) {
            String old = start(store, "bronze/t/b1.parquet");
            String otherTable = start(store, "bronze/u/b2.parquet");
            Instant cutoff = Instant.now().plusSeconds(1);
            Thread.sleep(1500);
            String fresh = start(store, "bronze/t/b3.parquet");

            List<String> reaped = store.reapAbandonedWrites("bronze/t/", cutoff);

            assertThat(reaped).singleElement().satisfies(s -> assertThat(s)
                    .startsWith("multipart upload " + old + " of s3://conditional/bronze/t/b1.parquet (started "));
            assertThat(openUploads(store)).containsExactlyInAnyOrder(otherTable, fresh);
        }
    }

    private static String start(S3ObjectStore store, String key) throws Exception {
        return store.client().createMultipartUpload(CreateMultipartUploadArgs.builder().bucket(BUCKET).object(key).build())
                .get().result().uploadId();
    }

    private static List<String> openUploads(S3ObjectStore store) throws Exception {
        return store.client().listMultipartUploads(ListMultipartUploadsArgs.builder().bucket(BUCKET).build()).get()
                .result().uploads().stream().map(u -> u.uploadId()).toList();
    }
}

package io.flowforge.bronze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flowforge.bronze.store.AbortFailedException;
import io.flowforge.bronze.store.OpenUpload;
import io.flowforge.bronze.store.S3ObjectStore;
import io.flowforge.bronze.store.S3StoreConfig;
import io.minio.MakeBucketArgs;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/** A store that goes down mid-upload: the write fails, its abort fails too, and the upload left open is named. */
class S3AbortFailureTest {

    @Test
    void anAbortThatCannotReachTheStoreNamesTheUploadLeftOpen() throws Exception {
        String bucket = "abort-data";
        // From part 3 on, every request fails as if the store had gone away: the part, then the abort.
        AtomicBoolean down = new AtomicBoolean();
        OkHttpClient http = new OkHttpClient.Builder().addInterceptor(chain -> {
            if (down.get() || "3".equals(chain.request().url().queryParameter("partNumber"))) {
                down.set(true);
                throw new IOException("Failed to connect (injected)");
            }
            return chain.proceed(chain.request());
        }).build();
        try (S3ProxyServer s3 = new S3ProxyServer()) {
            S3StoreConfig config = s3.config(bucket).withPartSize(S3StoreConfig.MIN_PART_SIZE);
            try (S3ObjectStore healthy = new S3ObjectStore(config);
                    S3ObjectStore failing = new S3ObjectStore(config, http);
                    BufferAllocator allocator = new RootAllocator();
                    TestArrowReader reader = new TestArrowReader(allocator, S3BronzeWriterTest.schema(),
                            S3BronzeWriterTest.BATCHES, S3BronzeWriterTest::fill)) {
                healthy.client().makeBucket(MakeBucketArgs.builder().bucket(bucket).build()).get();
                BronzeWriteException e = catchThrowableOfType(BronzeWriteException.class, () -> new BronzeWriter(failing,
                        S3BronzeWriterTest.smallRowGroups()).write(reader, S3BronzeWriterTest.metadata("batch_down")));

                List<String> open = healthy.client().listMultipartUploads(io.minio.ListMultipartUploadsArgs.builder()
                        .bucket(bucket).build()).get().result().uploads().stream().map(u -> u.uploadId()).toList();
                assertThat(open).hasSize(1);
                String id = open.get(0);
                String uri = "s3://abort-data/bronze/bronze_customers/batch_down.parquet";
                String abortError = "S3 abort of multipart upload " + id + " of " + uri + " at " + s3.endpoint()
                        + " failed: IOException: Failed to connect (injected)";
                assertThat(AbortFailedException.openUploadsIn(e)).containsExactly(
                        new OpenUpload(bucket, "bronze/bronze_customers/batch_down.parquet", id, abortError));
                assertThat(e.getMessage()).startsWith("writing bronze table bronze_customers batch batch_down (" + uri
                        + ") failed after ").contains("; nothing was left at the final key: S3 upload of part 3 of " + uri)
                        .endsWith(". Its multipart upload " + id + " could not be aborted and stays open until the next run"
                                + " of the job or a bucket lifecycle rule removes it (" + abortError + ")")
                        .doesNotContain(S3ProxyServer.SECRET_KEY);
                assertThat(AbortFailedException.openUploadsIn(e).get(0).whatToDo()).isEqualTo("The next run of this job"
                        + " aborts it (a run aborts the uploads under its table's prefix that started before it took the"
                        + " job's lease). To remove it now: aws s3api abort-multipart-upload --bucket abort-data --key"
                        + " bronze/bronze_customers/batch_down.parquet --upload-id " + id + ". As a second line of defence,"
                        + " give the bucket a lifecycle rule AbortIncompleteMultipartUpload (e.g. DaysAfterInitiation 1).");
                assertThat(healthy.exists("bronze/bronze_customers/batch_down.parquet")).isFalse();

                // What the next run does under its lease: the upload is older than the lease, so it is aborted.
                assertThat(healthy.reapAbandonedWrites("bronze/bronze_customers/", Instant.now().plusSeconds(1)))
                        .singleElement().satisfies(s -> assertThat(s).startsWith("multipart upload " + id + " of " + uri));
                assertThat(healthy.client().listMultipartUploads(io.minio.ListMultipartUploadsArgs.builder()
                        .bucket(bucket).build()).get().result().uploads()).isEmpty();
            }
        }
    }
}

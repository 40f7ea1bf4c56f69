package io.flowforge.bronze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.bronze.parquet.ParquetWriteOptions;
import io.flowforge.bronze.store.S3ObjectStore;
import io.flowforge.bronze.store.S3StoreConfig;
import io.minio.ListMultipartUploadsArgs;
import io.minio.MakeBucketArgs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer against a real S3 protocol server (S3Proxy in-process): multipart uploads, failures, helpers. */
class S3BronzeWriterTest {
    static final String BUCKET = "flowforge-data";
    static final int ROWS_PER_BATCH = 20_000;
    static final Instant NOW = Instant.parse("2025-11-08T10:00:00Z");
    static S3ProxyServer server;

    @TempDir
    Path dir;

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

    static Schema schema() {
        return new Schema(List.of(new Field("id", new FieldType(false, new ArrowType.Int(64, true), null), null),
                new Field("payload", new FieldType(true, ArrowType.Utf8.INSTANCE, null), null)));
    }

    static final int BATCHES = 16;

    /** Hex text from multiplicative hashes: Snappy barely shrinks it, so the batches make several 5 MiB parts. */
    static String payload(long r) {
        return Long.toHexString(r * 0x9E3779B97F4A7C15L) + Long.toHexString(r * 0xC2B2AE3D27D4EB4FL)
                + Long.toHexString(r * 0x165667B19E3779F9L) + Long.toHexString(r * 0xD6E8FEB86659FD93L);
    }

    static void fill(int batch, VectorSchemaRoot root) {
        BigIntVector id = (BigIntVector) root.getVector(0);
        VarCharVector payload = (VarCharVector) root.getVector(1);
        for (int i = 0; i < ROWS_PER_BATCH; i++) {
            long r = (long) batch * ROWS_PER_BATCH + i;
            id.setSafe(i, r);
            payload.setSafe(i, payload(r).getBytes(StandardCharsets.UTF_8));
        }
        root.setRowCount(ROWS_PER_BATCH);
    }

    static List<String> openUploads(S3ObjectStore store) throws Exception {
        return store.client().listMultipartUploads(ListMultipartUploadsArgs.builder().bucket(BUCKET).build()).get()
                .result().uploads().stream().map(u -> u.objectName() + " " + u.uploadId()).toList();
    }

    static IngestionMetadata metadata(String batchId) {
        return IngestionMetadata.of("bronze_customers", batchId, "sql-server", "dbo.customers", NOW);
    }

    static ParquetWriteOptions smallRowGroups() {
        return ParquetWriteOptions.defaults().withRowGroupBytes(4L * 1024 * 1024);
    }

    @Test
    void multipartObjectIsCompleteAndReadableByDuckDb() throws Exception {
        S3StoreConfig config = server.config(BUCKET).withPartSize(S3StoreConfig.MIN_PART_SIZE);
        try (S3ObjectStore store = new S3ObjectStore(config);
                BufferAllocator allocator = new RootAllocator();
                TestArrowReader reader = new TestArrowReader(allocator, schema(), BATCHES, S3BronzeWriterTest::fill)) {
            BronzeWriteResult result = new BronzeWriter(store, smallRowGroups()).write(reader, metadata("batch_001"));

            assertThat(result.bronzeFilePath()).isEqualTo("s3://flowforge-data/bronze/bronze_customers/batch_001.parquet");
            assertThat(result.bytesWritten()).as("several 5 MiB parts").isGreaterThan(2L * S3StoreConfig.MIN_PART_SIZE);
            assertThat(result.rowGroups()).isGreaterThan(1);
            assertThat(openUploads(store)).isEmpty();
            byte[] bytes = store.get("bronze/bronze_customers/batch_001.parquet").orElseThrow();
            assertThat((long) bytes.length).isEqualTo(result.bytesWritten());
            Path file = dir.resolve("downloaded.parquet");
            Files.write(file, bytes);
            assertThat(DuckDb.query(file, "SELECT count(*) AS n, count(DISTINCT id) AS ids, min(id) AS lo, max(id) AS hi,"
                    + " min(_batch_id) AS b, min(_source_file) AS f FROM read_parquet($f)"))
                    .containsExactly(Map.of("n", 320_000L, "ids", 320_000L, "lo", 0L, "hi", 319_999L,
                            "b", "batch_001", "f", "dbo.customers"));
            List<Map<String, Object>> sample = DuckDb.query(file, "SELECT id, payload FROM read_parquet($f) WHERE id % 997 = 0 ORDER BY id");
            assertThat(sample).hasSize(321);
            sample.forEach(row -> assertThat(row.get("payload")).isEqualTo(payload((Long) row.get("id"))));
            assertThat(result.toMap()).containsEntry("status", "success").containsEntry("records_processed", 320_000L)
                    .containsEntry("bronze_file_path", "s3://flowforge-data/bronze/bronze_customers/batch_001.parquet")
                    .containsEntry("codec", "SNAPPY");
        }
    }

    @Test
    void sourceFailingMidwayLeavesNoObjectAndNoOpenUpload() throws Exception {
        S3StoreConfig config = server.config(BUCKET).withPartSize(S3StoreConfig.MIN_PART_SIZE);
        try (S3ObjectStore store = new S3ObjectStore(config);
                BufferAllocator allocator = new RootAllocator();
                TestArrowReader reader = new TestArrowReader(allocator, schema(), BATCHES, S3BronzeWriterTest::fill, 6)) {
            assertThatThrownBy(() -> new BronzeWriter(store, smallRowGroups()).write(reader, metadata("batch_fail_source")))
                    .isInstanceOf(BronzeWriteException.class)
                    .hasMessage("writing bronze table bronze_customers batch batch_fail_source"
                            + " (s3://flowforge-data/bronze/bronze_customers/batch_fail_source.parquet) failed after 6 batches"
                            + " (120000 rows); nothing was left at the final key: source failed after 6 batches");
            assertThat(store.exists("bronze/bronze_customers/batch_fail_source.parquet")).isFalse();
            assertThat(openUploads(store)).isEmpty();
        }
    }

    @Test
    void storeConnectionFailingMidUploadLeavesNoObjectAndNoOpenUpload() throws Exception {
        // The connection breaks on every attempt to send part 3: the upload dies midway, the abort still gets through.
        AtomicInteger brokenRequests = new AtomicInteger();
        OkHttpClient http = new OkHttpClient.Builder().addInterceptor(chain -> {
            if ("3".equals(chain.request().url().queryParameter("partNumber"))) {
                brokenRequests.incrementAndGet();
                throw new IOException("connection reset (injected)");
            }
            return chain.proceed(chain.request());
        }).build();
        S3StoreConfig config = server.config(BUCKET).withPartSize(S3StoreConfig.MIN_PART_SIZE);
        try (S3ObjectStore store = new S3ObjectStore(config, http);
                BufferAllocator allocator = new RootAllocator();
                TestArrowReader reader = new TestArrowReader(allocator, schema(), BATCHES, S3BronzeWriterTest::fill)) {
            assertThatThrownBy(() -> new BronzeWriter(store, smallRowGroups()).write(reader, metadata("batch_fail_store")))
                    .isInstanceOf(BronzeWriteException.class)
                    .hasMessageStartingWith("writing bronze table bronze_customers batch batch_fail_store"
                            + " (s3://flowforge-data/bronze/bronze_customers/batch_fail_store.parquet) failed after ")
                    .hasMessageContaining("S3 upload of part 3 of s3://flowforge-data/bronze/bronze_customers/batch_fail_store.parquet")
                    .hasMessageContaining("connection reset (injected)")
                    .hasMessageNotContaining(S3ProxyServer.SECRET_KEY);
            assertThat(brokenRequests.get()).isPositive();
            assertThat(store.exists("bronze/bronze_customers/batch_fail_store.parquet")).isFalse();
            assertThat(openUploads(store)).isEmpty();
        }
    }

    @Test
    void unreachableStoreFailsWithoutPrintingTheSecret() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        S3StoreConfig config = new S3StoreConfig("http://127.0.0.1:" + closedPort, "us-east-1", BUCKET,
                S3ProxyServer.ACCESS_KEY, io.flowforge.connector.Secret.of(S3ProxyServer.SECRET_KEY), true, "",
                S3StoreConfig.MIN_PART_SIZE, 1);
        assertThat(config.toString()).doesNotContain(S3ProxyServer.SECRET_KEY).contains("******");
        try (S3ObjectStore store = new S3ObjectStore(config);
                BufferAllocator allocator = new RootAllocator();
                TestArrowReader reader = new TestArrowReader(allocator, schema(), BATCHES, S3BronzeWriterTest::fill)) {
            assertThatThrownBy(() -> new BronzeWriter(store, smallRowGroups()).write(reader, metadata("batch_down")))
                    .isInstanceOf(BronzeWriteException.class)
                    .hasMessageContaining("S3 create multipart upload of s3://flowforge-data/bronze/bronze_customers/batch_down.parquet"
                            + " at http://127.0.0.1:" + closedPort + " failed: ConnectException")
                    .hasMessageNotContaining(S3ProxyServer.SECRET_KEY);
        }
        try (S3ObjectStore store = new S3ObjectStore(server.config(BUCKET))) {
            assertThat(store.exists("bronze/bronze_customers/batch_down.parquet")).isFalse();
            assertThat(openUploads(store)).isEmpty();
        }
    }

    @Test
    void smallObjectHelpersUnderARootPrefix() throws Exception {
        try (S3ObjectStore store = new S3ObjectStore(server.config(BUCKET).withRootPrefix("lake/dev"))) {
            assertThat(store.getString("state/job_1/customers.json")).isEmpty();
            store.putString("state/job_1/customers.json", "{\"watermark\":\"2025-11-08T10:00:00Z\"}");
            store.putString("state/job_1/orders.json", "{}");
            assertThat(store.getString("state/job_1/customers.json")).contains("{\"watermark\":\"2025-11-08T10:00:00Z\"}");
            assertThat(store.exists("state/job_1/customers.json")).isTrue();
            assertThat(store.list("state/job_1/")).containsExactly("state/job_1/customers.json", "state/job_1/orders.json");
            assertThat(store.uri("state/job_1/orders.json")).isEqualTo("s3://flowforge-data/lake/dev/state/job_1/orders.json");
            store.delete("state/job_1/orders.json");
            assertThat(store.exists("state/job_1/orders.json")).isFalse();
            assertThat(store.list("state/")).containsExactly("state/job_1/customers.json");
        }
    }

    @Test
    void codecIsConfigurable() throws Exception {
        try (S3ObjectStore store = new S3ObjectStore(server.config(BUCKET));
                BufferAllocator allocator = new RootAllocator();
                TestArrowReader reader = new TestArrowReader(allocator, schema(), 1, S3BronzeWriterTest::fill)) {
            BronzeWriteResult result = new BronzeWriter(store, ParquetWriteOptions.defaults().withCodec(CompressionCodecName.ZSTD))
                    .write(reader, metadata("batch_zstd"));
            Path file = dir.resolve("zstd.parquet");
            Files.write(file, store.get(result.objectKey()).orElseThrow());
            assertThat(DuckDb.query(file, "SELECT DISTINCT compression FROM parquet_metadata($f)"))
                    .extracting(r -> r.get("compression")).containsExactly("ZSTD");
            assertThat(DuckDb.count(file)).isEqualTo(ROWS_PER_BATCH);
        }
    }
}

package io.flowforge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.flowforge.bronze.DuckDb;
import io.flowforge.bronze.BronzeWriteException;
import io.flowforge.bronze.S3ProxyServer;
import io.flowforge.bronze.store.AbortFailedException;
import io.flowforge.bronze.store.LocalObjectStore;
import io.flowforge.bronze.store.OpenUpload;
import io.flowforge.bronze.store.S3ObjectStore;
import io.flowforge.bronze.store.S3StoreConfig;
import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.UpperBoundStrategy;
import io.flowforge.connector.arrow.CancellableReader;
import io.minio.ListMultipartUploadsArgs;
import io.minio.MakeBucketArgs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancellation through the Java API: a read waiting for the database is stopped at once, an abort
 * that cannot reach the store is reported as an open upload (and reaped by the next run), and an
 * incremental run cancelled after it finished an earlier batch says what it committed.
 */
class CancellationTest {

    private static final AtomicInteger DB = new AtomicInteger();

    @TempDir Path lake;
    private String url;
    private Connection admin;
    private BufferAllocator allocator;

    @BeforeEach
    void setUp() throws Exception {
        url = "jdbc:h2:mem:cancel" + DB.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        admin = DriverManager.getConnection(url, "sa", "pw");
        allocator = new RootAllocator();
    }

    @AfterEach
    void tearDown() throws Exception {
        try (Statement st = admin.createStatement()) {
            st.execute("SHUTDOWN");
        }
        admin.close();
        allocator.close();
    }

    private void execute(String sql) throws Exception {
        try (Statement st = admin.createStatement()) {
            st.execute(sql);
        }
    }

    private JobConfig job(String batchId, boolean incremental, int batchSize, JobConfig.Storage storage) {
        ConnectionConfig conn = ConnectionConfig.builder().jdbcUrl(url).username("sa").password("pw").build();
        JobConfig.Source src = new JobConfig.Source("jdbc", conn, Optional.of(TableId.of(null, "T")), Optional.empty(),
                incremental, incremental ? Optional.of("M") : Optional.empty(), UpperBoundStrategy.MAX_INCLUSIVE,
                Duration.ZERO, ReadOptions.defaults().withBatchSize(batchSize));
        return new JobConfig("cancel_job", Optional.ofNullable(batchId), src,
                new JobConfig.Destination("bronze_t", "snappy", storage));
    }

    private List<Path> files(String folder) throws IOException {
        Path dir = lake.resolve(folder);
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void aCancelStopsAReadThatIsWaitingForTheDatabaseAtOnce() throws Exception {
        execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20), m TIMESTAMP)");
        execute("INSERT INTO t SELECT x, 'v' || x, TIMESTAMP '2024-01-01 00:00:00' FROM SYSTEM_RANGE(1, 100)");
        AtomicReaderHolder holder = new AtomicReaderHolder();
        JobConfig job = job("b1", false, 10, new JobConfig.LocalStorage(lake));
        IngestionControl control = IngestionControl.create();
        AtomicLong cancelledAt = new AtomicLong();
        Thread ingesting = Thread.currentThread();
        Thread canceller = new Thread(() -> {
            try {
                // Cancel once the source is stuck waiting for the "database" and the run waits for its next
                // batch: then only cancelling the source's statement ends the wait.
                if (holder.stalled.await(30, TimeUnit.SECONDS) && waitingForNextBatch(ingesting)) {
                    cancelledAt.set(System.nanoTime());
                    control.cancel("operator asked");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        canceller.start();
        IngestionResult r;
        try (DatabaseConnector c = new ForwardingConnector(Connectors.open("jdbc", job.source().connection())) {
            @Override
            public ArrowReader readTable(TableId t, ReadOptions o, BufferAllocator a) {
                StallingReader reader = new StallingReader(a, super.readTable(t, o, a), holder.stalled);
                holder.reader = reader;
                return reader;
            }
        }) {
            r = new BronzeIngestion(new LocalObjectStore(lake)).run(job, c, allocator, control);
        }
        long seconds = (System.nanoTime() - cancelledAt.get()) / 1_000_000_000L;
        canceller.join();

        assertThat(cancelledAt.get()).as("the run waited for its next batch").isPositive();
        assertThat(r.status()).isEqualTo("cancelled");
        assertThat(holder.reader.cancelled).as("the source's statement was cancelled").isTrue();
        // The stalled read would go on for 20 s; the cancel cuts it short.
        assertThat(seconds).as("seconds from cancel to result").isLessThan(5);
        assertThat(r.message()).isEqualTo("cancelled: operator asked; nothing was committed by this run (a pending window"
                + " is finished by the next run)");
        assertThat(files("bronze")).isEmpty();
        assertThat(files("_flowforge/staging")).noneMatch(f -> f.toString().endsWith(".tmp"));
    }

    private static boolean waitingForNextBatch(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Stream.of(t.getStackTrace()).anyMatch(f -> f.getClassName().endsWith("PrefetchingArrowReader")
                    && f.getMethodName().equals("loadNextBatch")) && t.getState() == Thread.State.WAITING) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    private static final class AtomicReaderHolder {
        final CountDownLatch stalled = new CountDownLatch(1);
        volatile StallingReader reader;
    }

    /**
     * Passes the first batch of a real reader, then waits (up to 20 s) as a read waiting for a slow
     * server does; {@link #cancel()} ends the wait with the error a cancelled statement gives.
     */
    static final class StallingReader extends ArrowReader implements CancellableReader {
        private final ArrowReader delegate;
        private final CountDownLatch stalled;
        private final CountDownLatch cancel = new CountDownLatch(1);
        volatile boolean cancelled;
        private int batches;

        StallingReader(BufferAllocator allocator, ArrowReader delegate, CountDownLatch stalled) {
            super(allocator);
            this.delegate = delegate;
            this.stalled = stalled;
        }

        @Override
        public VectorSchemaRoot getVectorSchemaRoot() throws IOException {
            return delegate.getVectorSchemaRoot();
        }

        @Override
        public boolean loadNextBatch() throws IOException {
            if (batches++ == 1) {
                stalled.countDown();
                try {
                    if (cancel.await(20, TimeUnit.SECONDS)) {
                        throw new IOException("ERROR: canceling statement due to user request");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            return delegate.loadNextBatch();
        }

        @Override
        public void cancel() {
            cancelled = true;
            cancel.countDown();
        }

        @Override
        public long bytesRead() {
            return delegate.bytesRead();
        }

        @Override
        protected void closeReadSource() throws IOException {
            delegate.close();
        }

        @Override
        protected Schema readSchema() throws IOException {
            return delegate.getVectorSchemaRoot().getSchema();
        }
    }

    /** Two SHA-256 hex columns: Snappy barely shrinks them, so the object needs three 5 MiB parts. */
    private void createIncompressibleTable() throws Exception {
        execute("CREATE TABLE t (id INT PRIMARY KEY, a VARCHAR(64), b VARCHAR(64), m TIMESTAMP)");
        execute("INSERT INTO t SELECT x, RAWTOHEX(HASH('SHA-256', CAST(x AS VARCHAR))),"
                + " RAWTOHEX(HASH('SHA-256', CAST(-x AS VARCHAR))), TIMESTAMP '2024-01-01 00:00:00' FROM SYSTEM_RANGE(1, 100000)");
    }

    /** The multipart uploads open in {@code bucket}, by id. */
    private static List<String> openUploads(S3ObjectStore store, String bucket) throws Exception {
        return store.client().listMultipartUploads(ListMultipartUploadsArgs.builder().bucket(bucket).build())
                .get().result().uploads().stream().map(u -> u.uploadId()).toList();
    }

    /** The next run (the store healthy again) aborts the upload left open, lands every row and leaves nothing else. */
    private void assertTheNextRunReaps(String uploadId, S3ObjectStore healthy, String bucket, DatabaseConnector c,
            JobConfig.Storage storage) throws Exception {
        Thread.sleep(1100);   // the failed run could not release its lease (the store was down): it expires
        IngestionResult next = new BronzeIngestion(healthy).run(job("b2", false, 5000, storage), c, allocator,
                IngestionControl.create());
        assertThat(next.status()).isEqualTo("success");
        assertThat(next.reaped()).singleElement().satisfies(s -> assertThat(s).startsWith("multipart upload "
                + uploadId + " of s3://" + bucket + "/bronze/bronze_t/b1.parquet (started "));
        assertThat(openUploads(healthy, bucket)).isEmpty();
        assertThat(healthy.list("bronze/")).containsExactly("bronze/bronze_t/b2.parquet");
        Path file = lake.resolve("b2.parquet");
        Files.write(file, healthy.get("bronze/bronze_t/b2.parquet").orElseThrow());
        assertThat(DuckDb.rows("SELECT count(*) || '/' || count(DISTINCT id) FROM read_parquet('" + file + "')"))
                .containsExactly("100000/100000");
    }

    @Test
    void aCancelWhoseAbortCannotReachTheStoreReportsTheOpenUploadAndTheNextRunReapsIt() throws Exception {
        String bucket = "cancel-data";
        createIncompressibleTable();
        try (S3ProxyServer s3 = new S3ProxyServer()) {
            // One part in flight: the writer waits for part 1 before it goes on, so the cancel below lands
            // before the object starts to commit (the whole file is encoded at the end, in one row group).
            S3StoreConfig config = s3.config(bucket).withPartSize(S3StoreConfig.MIN_PART_SIZE).withPartsInFlight(1);
            IngestionControl control = IngestionControl.create();
            AtomicBoolean down = new AtomicBoolean();
            // Part 1 goes through and the run is cancelled as it does; the store is unreachable from then on.
            OkHttpClient http = new OkHttpClient.Builder().addInterceptor(chain -> {
                if (down.get()) {
                    throw new IOException("store down (injected)");
                }
                if ("1".equals(chain.request().url().queryParameter("partNumber"))) {
                    control.cancel("the orchestrator stopped the task");
                    okhttp3.Response response = chain.proceed(chain.request());
                    down.set(true);
                    return response;
                }
                return chain.proceed(chain.request());
            }).build();
            JobConfig.S3Storage storage = new JobConfig.S3Storage(s3.endpoint(), "us-east-1", bucket,
                    S3ProxyServer.ACCESS_KEY, io.flowforge.connector.Secret.of(S3ProxyServer.SECRET_KEY), true, "");
            IngestionResult cancelled;
            try (S3ObjectStore healthy = new S3ObjectStore(config);
                    S3ObjectStore failing = new S3ObjectStore(config, http);
                    DatabaseConnector c = Connectors.open("jdbc", job("b1", false, 5000, storage).source().connection())) {
                healthy.client().makeBucket(MakeBucketArgs.builder().bucket(bucket).build()).get();
                // A short lease: the cancelled run cannot release it (the store is down), so it has to expire.
                cancelled = new BronzeIngestion(failing, Clock.systemUTC(), Duration.ofSeconds(5), Duration.ofSeconds(1))
                        .run(job("b1", false, 5000, storage), c, allocator, control);

                List<String> open = openUploads(healthy, bucket);
                assertThat(open).hasSize(1);
                String uploadId = open.get(0);
                assertThat(cancelled.status()).isEqualTo("cancelled");
                assertThat(cancelled.openUploads()).singleElement().isEqualTo(new OpenUpload(bucket,
                        "bronze/bronze_t/b1.parquet", uploadId, "S3 abort of multipart upload " + uploadId
                        + " of s3://cancel-data/bronze/bronze_t/b1.parquet at " + s3.endpoint()
                        + " failed: IOException: store down (injected)"));
                assertThat(cancelled.message()).isEqualTo("cancelled: the orchestrator stopped the task; nothing was"
                        + " committed by this run (a pending window is finished by the next run); the multipart upload "
                        + uploadId + " of s3://cancel-data/bronze/bronze_t/b1.parquet could not be aborted and stays open"
                        + " (see open_uploads)");
                @SuppressWarnings("unchecked")
                Map<String, Object> listed = ((List<Map<String, Object>>) cancelled.toMap().get("open_uploads")).get(0);
                assertThat(listed).containsEntry("upload_id", uploadId).containsEntry("key", "bronze/bronze_t/b1.parquet")
                        .containsEntry("uri", "s3://cancel-data/bronze/bronze_t/b1.parquet")
                        .containsEntry("what_to_do", "The next run of this job aborts it (a run aborts the uploads under its"
                                + " table's prefix that started before it took the job's lease). To remove it now: aws s3api"
                                + " abort-multipart-upload --bucket cancel-data --key bronze/bronze_t/b1.parquet --upload-id "
                                + uploadId + ". As a second line of defence, give the bucket a lifecycle rule"
                                + " AbortIncompleteMultipartUpload (e.g. DaysAfterInitiation 1).");
                assertThat(healthy.exists("bronze/bronze_t/b1.parquet")).isFalse();
                assertTheNextRunReaps(uploadId, healthy, bucket, c, storage);
            }
        }
    }

    /**
     * Once the object commits, a cancel no longer stops the run; if the commit then fails, the run
     * fails with the store's error and names the upload it could not abort. (The run used to report
     * "cancelled" with no open upload: the commit's failure was taken for the cancel's.)
     */
    @Test
    void aCancelThatArrivesWhileTheObjectCommitsDoesNotHideTheCommitsFailure() throws Exception {
        String bucket = "commit-data";
        createIncompressibleTable();
        try (S3ProxyServer s3 = new S3ProxyServer()) {
            S3StoreConfig config = s3.config(bucket).withPartSize(S3StoreConfig.MIN_PART_SIZE);
            IngestionControl control = IngestionControl.create();
            AtomicBoolean down = new AtomicBoolean();
            // The request that completes the multipart upload is the commit: the run is cancelled as it
            // goes out, and the store is unreachable from then on (so the commit and its abort fail).
            OkHttpClient http = new OkHttpClient.Builder().addInterceptor(chain -> {
                okhttp3.HttpUrl url = chain.request().url();
                if (!down.get() && "POST".equals(chain.request().method()) && url.queryParameter("uploadId") != null
                        && url.queryParameter("partNumber") == null) {
                    control.cancel("the orchestrator stopped the task");
                    down.set(true);
                }
                if (down.get()) {
                    throw new IOException("store down (injected)");
                }
                return chain.proceed(chain.request());
            }).build();
            JobConfig.S3Storage storage = new JobConfig.S3Storage(s3.endpoint(), "us-east-1", bucket,
                    S3ProxyServer.ACCESS_KEY, io.flowforge.connector.Secret.of(S3ProxyServer.SECRET_KEY), true, "");
            try (S3ObjectStore healthy = new S3ObjectStore(config);
                    S3ObjectStore failing = new S3ObjectStore(config, http);
                    DatabaseConnector c = Connectors.open("jdbc", job("b1", false, 5000, storage).source().connection())) {
                healthy.client().makeBucket(MakeBucketArgs.builder().bucket(bucket).build()).get();
                BronzeIngestion run = new BronzeIngestion(failing, Clock.systemUTC(), Duration.ofSeconds(5), Duration.ofSeconds(1));
                Throwable failure = catchThrowable(() -> run.run(job("b1", false, 5000, storage), c, allocator, control));

                assertThat(control.isCancelled()).isTrue();
                List<String> open = openUploads(healthy, bucket);
                assertThat(open).hasSize(1);
                String uploadId = open.get(0);
                assertThat(failure).isInstanceOf(BronzeWriteException.class)
                        .hasMessageStartingWith("writing bronze table bronze_t batch b1 (s3://commit-data/bronze/bronze_t/b1.parquet)"
                                + " failed after 20 batches (100000 rows); nothing was left at the final key: S3 complete multipart"
                                + " upload of s3://commit-data/bronze/bronze_t/b1.parquet at " + s3.endpoint()
                                + " failed: IOException: store down (injected). Its multipart upload " + uploadId
                                + " could not be aborted and stays open");
                assertThat(AbortFailedException.openUploadsIn(failure)).singleElement()
                        .satisfies(u -> assertThat(u.uploadId()).isEqualTo(uploadId));
                assertThat(healthy.exists("bronze/bronze_t/b1.parquet")).isFalse();
                assertTheNextRunReaps(uploadId, healthy, bucket, c, storage);
            }
        }
    }

    @Test
    void anIncrementalRunCancelledAfterFinishingAnEarlierBatchSaysWhatItCommitted() throws Exception {
        execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20), m TIMESTAMP)");
        execute("INSERT INTO t SELECT x, 'v' || x, TIMESTAMP '2024-01-01 00:00:00' + x * INTERVAL '1' SECOND"
                + " FROM SYSTEM_RANGE(1, 95)");
        JobConfig.LocalStorage storage = new JobConfig.LocalStorage(lake);
        IngestionControl first = IngestionControl.create();
        first.onProgress(p -> first.cancel("stop"));
        assertThat(runLocal(job("b1", true, 10, storage), first).status()).isEqualTo("cancelled");
        execute("INSERT INTO t SELECT x, 'v' || x, TIMESTAMP '2024-01-01 00:00:00' + x * INTERVAL '1' SECOND"
                + " FROM SYSTEM_RANGE(96, 150)");

        // The next run finishes b1's window (95 rows), then starts the new one and is cancelled in it.
        IngestionControl second = IngestionControl.create();
        AtomicLong lastRows = new AtomicLong();
        second.onProgress(p -> {
            if (p.rows() < lastRows.getAndSet(p.rows())) {
                second.cancel("stop in the second window");
            }
        });
        IngestionResult cancelled = runLocal(job("b2", true, 10, storage), second);
        assertThat(cancelled.status()).isEqualTo("cancelled");
        assertThat(cancelled.batchId()).isEqualTo("b2");
        assertThat(cancelled.message()).isEqualTo("cancelled: stop in the second window; before that it committed "
                + lake.resolve("bronze/bronze_t/b1.parquet").toUri() + " and saved its state; the window it was reading"
                + " is finished by the next run");

        IngestionResult third = runLocal(job("b3", true, 10, storage), IngestionControl.create());
        assertThat(third.recoveredBatchId()).contains("b2");
        assertThat(DuckDb.rows("SELECT _batch_id, count(*), min(id), max(id) FROM read_parquet('"
                + lake.resolve("bronze/bronze_t") + "/*.parquet') GROUP BY _batch_id ORDER BY 1"))
                .containsExactly("b1|95|1|95", "b2|55|96|150");
    }

    private IngestionResult runLocal(JobConfig job, IngestionControl control) {
        try (DatabaseConnector c = Connectors.open("jdbc", job.source().connection())) {
            return new BronzeIngestion(new LocalObjectStore(lake)).run(job, c, allocator, control);
        }
    }
}

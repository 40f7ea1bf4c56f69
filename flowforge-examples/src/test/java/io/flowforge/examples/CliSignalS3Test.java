package io.flowforge.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowforge.bronze.DuckDb;
import io.flowforge.bronze.S3ProxyServer;
import io.flowforge.bronze.store.S3ObjectStore;
import io.minio.ListMultipartUploadsArgs;
import io.minio.MakeBucketArgs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as orchestrators stop it, against a real S3 protocol server (S3Proxy in this JVM, the CLI
 * in a child process): SIGTERM / SIGINT at several points of an upload, a second SIGTERM, the
 * bound, {@code kill -9} and the store going down, each followed by what the next run finds.
 * The server holds one request of the upload at a gate, so each signal lands at a known point.
 *
 * <p>After a kill the job's lease stays held until it expires (60 s); instead of waiting, the tests
 * move its expiry into the past, as if the rerun came a minute later.
 */
class CliSignalS3Test {

    private static final Duration LIMIT = Duration.ofSeconds(90);
    /**
     * The object (about 9.5 MB, one row group) goes out in two parts: part 1 while the file is
     * written, before the commit; part 2 inside the commit, after which a cancel no longer stops the run.
     */
    private static final String PART_BEFORE_COMMIT = "part:1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static GatedBlobStore gate;
    private static S3ProxyServer s3;
    private static ChildSource source;
    @TempDir static Path sourceDir;

    @TempDir Path dir;
    private String bucket;
    private S3ObjectStore store;

    @BeforeAll
    static void startServer() throws Exception {
        source = new ChildSource(sourceDir);
        s3 = new S3ProxyServer(blobs -> gate = new GatedBlobStore(blobs));
    }

    @AfterAll
    static void stopServer() throws Exception {
        s3.close();
    }

    @BeforeEach
    void bucket() throws Exception {
        bucket = "signals-" + BUCKETS.incrementAndGet();
        store = new S3ObjectStore(s3.config(bucket));
        store.client().makeBucket(MakeBucketArgs.builder().bucket(bucket).build()).get();
    }

    @AfterEach
    void openGate() {
        gate.open();
        store.close();
    }

    private String storage(String endpoint) {
        return "{\"type\": \"s3\", \"endpoint\": \"" + endpoint + "\", \"region\": \"us-east-1\", \"bucket\": \"" + bucket
                + "\", \"accessKey\": \"" + S3ProxyServer.ACCESS_KEY + "\", \"secretKey\": \"" + S3ProxyServer.SECRET_KEY + "\"}";
    }

    private ChildCli start(String batchId, boolean incremental, String... args) throws Exception {
        return start(s3.endpoint(), batchId, incremental, args);
    }

    private ChildCli start(String endpoint, String batchId, boolean incremental, String... args) throws Exception {
        Path job = source.job(dir, "s3_orders", batchId, "orders", incremental, storage(endpoint));
        return ChildCli.ingest(dir, job, List.of(), args);
    }

    private List<String> openUploads() throws Exception {
        return store.client().listMultipartUploads(ListMultipartUploadsArgs.builder().bucket(bucket).build()).get()
                .result().uploads().stream().map(u -> u.uploadId()).toList();
    }

    /** As if the lease's 60 s had passed: a killed run could not release it. */
    private void expireLease() throws Exception {
        String key = "_flowforge/leases/s3_orders.json";
        ObjectNode lease = (ObjectNode) JSON.readTree(store.get(key).orElseThrow());
        lease.put("expires_at", Instant.now().minusSeconds(1).toString());
        store.put(key, JSON.writeValueAsBytes(lease));
    }

    private String rowsIn(String batchId) throws Exception {
        Path file = dir.resolve(batchId + ".parquet");
        Files.write(file, store.get("bronze/bronze_orders/" + batchId + ".parquet").orElseThrow());
        return DuckDb.rows("SELECT count(*) || '/' || count(DISTINCT id) || '/' || sum(amount) FROM read_parquet('"
                + file + "')").get(0);
    }

    private static final String ALL_ROWS = ChildSource.ROWS + "/" + ChildSource.ROWS + "/"
            + String.format("%.2f", 1.25 * ChildSource.ROWS * (ChildSource.ROWS + 1L) / 2);

    /** Signals the child while a request of its upload is held at {@code point}, then lets it go on. */
    private ChildCli signalAt(String point, String signal, String batchId) throws Exception {
        gate.closeAt(point);
        ChildCli cli = start(batchId, false);
        gate.awaitReached();
        cli.signal(signal);
        cli.awaitStderr("SIG" + signal + " received: cancelling job s3_orders", LIMIT);
        gate.open();
        return cli;
    }

    private void assertCancelledAndClean(ChildCli cli, String batchId, String signal) throws Exception {
        assertThat(cli.exitCode(LIMIT)).as(cli.stderr()).isEqualTo(4);
        JsonNode r = cli.result();
        assertThat(r.path("status").asText()).isEqualTo("cancelled");
        assertThat(r.path("batch_id").asText()).isEqualTo(batchId);
        assertThat(r.path("bronze_file_path").isNull()).isTrue();
        assertThat(r.path("open_uploads")).isEmpty();
        assertThat(r.path("message").asText()).isEqualTo("cancelled: SIG" + signal + " received; nothing was committed"
                + " by this run (a pending window is finished by the next run)");
        assertThat(cli.stderr()).contains("flowforge: job s3_orders cancelled: SIG" + signal + " received;");
        assertThat(openUploads()).isEmpty();
        assertThat(store.list("bronze/")).isEmpty();
        // The lease was given back: the next run starts at once.
        assertThat(new String(store.get("_flowforge/leases/s3_orders.json").orElseThrow())).contains("\"released\" : true");
    }

    @Test
    void sigtermWhileTheLeaseIsTakenCancelsBeforeAnythingIsWritten() throws Exception {
        assertCancelledAndClean(signalAt("lease", "TERM", "b1"), "b1", "TERM");
    }

    @Test
    void sigintWhileTheUploadIsCreatedAbortsIt() throws Exception {
        gate.closeAt("create");
        ChildCli cli = start("b1", false);
        gate.awaitReached();
        assumeFalse(cli.ignores(2), "this process tree ignores SIGINT (a shell's background job): nothing to test");
        cli.signal("INT");
        cli.awaitStderr("SIGINT received: cancelling job s3_orders", LIMIT);
        gate.open();
        assertCancelledAndClean(cli, "b1", "INT");
        assertThat(cli.stderr()).contains("Aborted multipart upload");
    }

    @Test
    void sigtermWithAPartInFlightAbortsTheUpload() throws Exception {
        ChildCli cli = signalAt(PART_BEFORE_COMMIT, "TERM", "b1");
        assertCancelledAndClean(cli, "b1", "TERM");
        assertThat(cli.stderr()).containsPattern("Aborted multipart upload \\S+ of s3://" + bucket
                + "/bronze/bronze_orders/b1.parquet \\(\\d+ parts sent\\)");
    }

    @Test
    void sigtermWhileTheUploadCompletesLetsTheCommitFinish() throws Exception {
        ChildCli cli = signalAt("complete", "TERM", "b1");
        assertThat(cli.exitCode(LIMIT)).as(cli.stderr()).isZero();
        JsonNode r = cli.result();
        assertThat(r.path("status").asText()).isEqualTo("success");
        assertThat(r.path("records_processed").asLong()).isEqualTo(ChildSource.ROWS);
        assertThat(openUploads()).isEmpty();
        assertThat(store.list("bronze/")).containsExactly("bronze/bronze_orders/b1.parquet");
        assertThat(rowsIn("b1")).isEqualTo(ALL_ROWS);
    }

    @Test
    void sighupCancelsThroughTheShutdownHookAndStillCleansUp() throws Exception {
        gate.closeAt(PART_BEFORE_COMMIT);
        ChildCli cli = start("b1", false);
        gate.awaitReached();
        cli.signal("HUP");
        cli.awaitStderr("flowforge: shutting down: cancelling job s3_orders and waiting up to 30 s", LIMIT);
        gate.open();
        // The JVM was already shutting down, so its exit code is the signal's (128 + 1), not 4.
        assertThat(cli.exitCode(LIMIT)).as(cli.stderr()).isEqualTo(129);
        assertThat(cli.result().path("status").asText()).isEqualTo("cancelled");
        assertThat(cli.result().path("message").asText()).startsWith("cancelled: the process is shutting down;");
        assertThat(openUploads()).isEmpty();
        assertThat(store.list("bronze/")).isEmpty();
    }

    @Test
    void aSecondSigtermExitsAtOnceLeavingTheUploadForTheNextRun() throws Exception {
        gate.closeAt(PART_BEFORE_COMMIT);
        ChildCli cli = start("b1", false);
        gate.awaitReached();
        cli.signal("TERM");
        cli.awaitStderr("SIGTERM received: cancelling job s3_orders", LIMIT);
        // The gate still holds part 2, so the run cannot finish its abort: the second signal ends it.
        cli.signal("TERM");
        assertThat(cli.exitCode(Duration.ofSeconds(10))).isEqualTo(143);
        assertThat(cli.stdout()).isEmpty();
        assertThat(cli.stderr()).contains("flowforge: SIGTERM again: exiting now without cleaning up (exit 143). The next"
                + " run of job s3_orders removes what this one leaves (its staging file or open multipart upload).");
        gate.open();
        assertThat(openUploads()).hasSize(1);
        assertThat(store.list("bronze/")).isEmpty();
    }

    @Test
    void aRunThatDoesNotStopWithinTheBoundExits143() throws Exception {
        gate.closeAt(PART_BEFORE_COMMIT);
        ChildCli cli = start("b1", false, "--cancel-timeout", "2");
        gate.awaitReached();
        long signalled = System.nanoTime();
        cli.signal("TERM");
        assertThat(cli.exitCode(Duration.ofSeconds(20))).isEqualTo(143);
        assertThat((System.nanoTime() - signalled) / 1e9).as("seconds from SIGTERM to exit").isBetween(2.0, 15.0);
        assertThat(cli.stderr()).contains("flowforge: job s3_orders did not stop within 2 s of SIGTERM; exiting without"
                + " cleaning up (exit 143).");
    }

    @Test
    void theStoreGoingDownMidUploadIsReportedWithTheUploadLeftOpenAndTheNextRunReapsIt() throws Exception {
        try (CuttableProxy proxy = new CuttableProxy(Integer.parseInt(s3.endpoint().replaceAll(".*:", "")))) {
            gate.closeAt(PART_BEFORE_COMMIT);
            ChildCli cli = start(proxy.endpoint(), "b1", false);
            gate.awaitReached();
            proxy.cut();
            gate.open();
            assertThat(cli.exitCode(LIMIT)).as(cli.stderr()).isEqualTo(1);
            List<String> left = openUploads();
            assertThat(left).hasSize(1);
            String id = left.get(0);
            JsonNode r = cli.result();
            assertThat(r.path("status").asText()).isEqualTo("failed");
            assertThat(r.path("error").asText()).contains("nothing was left at the final key")
                    .contains("Its multipart upload " + id + " could not be aborted and stays open");
            JsonNode open = r.path("open_uploads");
            assertThat(open).hasSize(1);
            assertThat(open.get(0).path("upload_id").asText()).isEqualTo(id);
            assertThat(open.get(0).path("key").asText()).isEqualTo("bronze/bronze_orders/b1.parquet");
            assertThat(open.get(0).path("error").asText()).startsWith("S3 abort of multipart upload " + id
                    + " of s3://" + bucket + "/bronze/bronze_orders/b1.parquet at " + proxy.endpoint() + " failed: ");
            assertThat(open.get(0).path("what_to_do").asText()).startsWith("The next run of this job aborts it");
            assertThat(cli.stderr()).contains("flowforge: multipart upload " + id + " of s3://" + bucket
                    + "/bronze/bronze_orders/b1.parquet is still open (its abort failed: S3 abort of multipart upload " + id)
                    .contains("aws s3api abort-multipart-upload --bucket " + bucket
                            + " --key bronze/bronze_orders/b1.parquet --upload-id " + id);
            assertThat(cli.stdout() + cli.stderr()).doesNotContain(S3ProxyServer.SECRET_KEY);
        }
        // The store is back (the rerun talks to it directly); the failed run could not release its lease.
        expireLease();
        List<String> left = openUploads();
        ChildCli rerun = start("b2", false);
        assertThat(rerun.exitCode(LIMIT)).as(rerun.stderr()).isZero();
        assertThat(rerun.result().path("reaped")).singleElement().satisfies(s -> assertThat(s.asText())
                .startsWith("multipart upload " + left.get(0) + " of s3://" + bucket + "/bronze/bronze_orders/b1.parquet"));
        assertThat(openUploads()).isEmpty();
        assertThat(store.list("bronze/")).containsExactly("bronze/bronze_orders/b2.parquet");
        assertThat(rowsIn("b2")).isEqualTo(ALL_ROWS);
    }

    @Test
    void killDashNineAfterThePendingWindowWasSavedThenTheNextRunReapsTheUploadAndFinishesTheWindowOnce() throws Exception {
        gate.closeAt(PART_BEFORE_COMMIT);
        ChildCli cli = start("b1", true);
        gate.awaitReached();
        String state = new String(store.get("_flowforge/state/s3_orders/orders.json").orElseThrow());
        assertThat(JSON.readTree(state).path("pending").path("batch_id").asText()).as(state).isEqualTo("b1");
        cli.signal("KILL");
        assertThat(cli.exitCode(LIMIT)).isEqualTo(137);
        gate.open();
        List<String> left = openUploads();
        assertThat(left).hasSize(1);

        expireLease();
        ChildCli rerun = start("b2", true);
        assertThat(rerun.exitCode(LIMIT)).as(rerun.stderr()).isZero();
        JsonNode r = rerun.result();
        assertThat(r.path("status").asText()).isEqualTo("success");
        assertThat(r.path("recovered_batch_id").asText()).isEqualTo("b1");
        assertThat(r.path("records_processed").asLong()).isEqualTo(ChildSource.ROWS);
        assertThat(r.path("reaped")).singleElement().satisfies(s -> assertThat(s.asText()).startsWith("multipart upload "
                + left.get(0) + " of s3://" + bucket + "/bronze/bronze_orders/b1.parquet (started "));
        assertThat(rerun.stderr()).contains("Job 's3_orders': removed multipart upload " + left.get(0));
        // The window was finished under its own batch id; the new window (nothing newer) wrote nothing.
        assertThat(store.list("bronze/")).containsExactly("bronze/bronze_orders/b1.parquet");
        assertThat(rowsIn("b1")).isEqualTo(ALL_ROWS);
        JsonNode saved = JSON.readTree(store.get("_flowforge/state/s3_orders/orders.json").orElseThrow());
        assertThat(saved.path("pending").isNull()).as(saved.toString()).isTrue();
        assertThat(openUploads()).isEmpty();
    }
}

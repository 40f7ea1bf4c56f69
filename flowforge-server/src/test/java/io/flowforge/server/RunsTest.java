package io.flowforge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowforge.ingest.IngestionControl;
import io.flowforge.ingest.IngestionResult;
import io.flowforge.ingest.JobConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Runs: queued, running, cancelled, failed, and the limit on waiting runs; with a stand-in for the ingestion. */
class RunsTest {

    private static final String PASSWORD = "Run-S3cret-pw!";
    private static final String JOB = "{\"job_id\": \"j1\", \"source_config\": {\"type\": \"jdbc\", \"connection\": "
            + "{\"jdbcUrl\": \"jdbc:h2:mem:none\", \"username\": \"sa\", \"password\": \"" + PASSWORD + "\"},"
            + " \"databaseConfig\": {\"tableName\": \"t\"}}, \"destination_config\": {\"bronzeConfig\": {\"tableName\": \"b\"}}}";

    /** Waits until cancelled, then returns what BronzeIngestion returns for a cancelled run. */
    private static final BiFunction<JobConfig, IngestionControl, IngestionResult> UNTIL_CANCELLED = (job, control) -> {
        while (!control.isCancelled()) {
            Thread.onSpinWait();
        }
        return IngestionResult.cancelled(job.jobId(), null, "b", "t", 0, control.cancelReason());
    };

    private static FlowForgeApi api(int concurrent, int queued, BiFunction<JobConfig, IngestionControl, IngestionResult> runner) {
        ServerOptions o = new ServerOptions("127.0.0.1", 0, Optional.empty(), Path.of("target/runs-lake"), false, 65_536,
                concurrent, queued, 2, Set.of());
        return new FlowForgeApi(o, runner);
    }

    private static ApiResponse post(FlowForgeApi api, String path, String body) {
        return api.handle(new ApiRequest("POST", path, "", Map.of("Content-Type", List.of("application/json")),
                body.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode json(ApiResponse r) throws Exception {
        return TestServer.JSON.readTree(r.body());
    }

    private static JsonNode awaitStatus(FlowForgeApi api, String id, String status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        JsonNode run;
        do {
            run = json(api.handle(ApiRequest.of("GET", "/api/jobs/" + id)));
            if (run.path("status").asText().equals(status)) {
                return run;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("run " + id + " never became " + status + ": " + run);
    }

    @Test
    void aRunningLoadIsCancelledAndThenCannotBeCancelledAgain() throws Exception {
        try (FlowForgeApi api = api(1, 4, UNTIL_CANCELLED)) {
            ApiResponse submitted = post(api, "/api/jobs", JOB);
            assertThat(submitted.status()).isEqualTo(202);
            String id = json(submitted).path("id").asText();
            awaitStatus(api, id, "running");
            ApiResponse cancel = post(api, "/api/jobs/" + id + "/cancel", "");
            assertThat(cancel.status()).isEqualTo(202);
            assertThat(json(cancel).path("status").asText()).isIn("cancelling", "cancelled");
            JsonNode done = awaitStatus(api, id, "cancelled");
            assertThat(done.path("result").path("message").asText()).isEqualTo("cancelled: cancelled through the API; nothing was committed"
                    + " by this run (a pending window is finished by the next run)");
            ApiResponse again = post(api, "/api/jobs/" + id + "/cancel", "");
            assertThat(again.status()).isEqualTo(409);
            assertThat(json(again).path("error").path("message").asText())
                    .isEqualTo("Run " + id + " has already finished (cancelled); there is nothing to cancel.");
        }
    }

    @Test
    void aQueuedLoadIsCancelledAtOnceAndTheQueueIsBounded() throws Exception {
        try (FlowForgeApi api = api(1, 1, UNTIL_CANCELLED)) {
            String running = json(post(api, "/api/jobs", JOB)).path("id").asText();
            awaitStatus(api, running, "running");
            String queued = json(post(api, "/api/jobs", JOB)).path("id").asText();
            ApiResponse full = post(api, "/api/jobs", JOB);
            assertThat(full.status()).isEqualTo(429);
            assertThat(json(full).path("error").path("message").asText())
                    .isEqualTo("The server is running 1 loads and has 1 waiting, its limit; try again when one finishes.");

            JsonNode cancelled = json(post(api, "/api/jobs/" + queued + "/cancel", ""));
            assertThat(cancelled.path("status").asText()).isEqualTo("cancelled");
            assertThat(cancelled.path("started_at").isNull()).isTrue();
            assertThat(cancelled.path("error").path("message").asText())
                    .isEqualTo("cancelled before it started: cancelled through the API");
            post(api, "/api/jobs/" + running + "/cancel", "");
            awaitStatus(api, running, "cancelled");

            JsonNode recent = json(api.handle(ApiRequest.of("GET", "/api/jobs"))).path("runs");
            assertThat(recent).hasSize(2);
            assertThat(recent.get(0).path("id").asText()).as("newest first").isEqualTo(queued);
        }
    }

    @Test
    void aFailedLoadReportsTheErrorWithoutTheJobsSecrets() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        try (FlowForgeApi api = api(1, 1, (job, control) -> {
            ran.countDown();
            throw new IllegalStateException("driver said: bad login sa/" + PASSWORD);
        })) {
            ApiResponse submitted = post(api, "/api/jobs", JOB);
            assertThat(submitted.bodyText()).doesNotContain(PASSWORD);
            String id = json(submitted).path("id").asText();
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            JsonNode failed = awaitStatus(api, id, "failed");
            assertThat(failed.path("error").path("message").asText()).isEqualTo("driver said: bad login sa/******");
            assertThat(failed.toString()).doesNotContain(PASSWORD);
        }
    }
}

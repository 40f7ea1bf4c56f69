package io.flowforge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowforge.bronze.DuckDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI stopped mid-read with a local folder as the store (the CLI a child process): SIGTERM
 * removes the staging file; after {@code kill -9} the next run reaps it, reports it, and finishes
 * the incremental window the killed run had left pending, exactly once. The read stops at a known
 * row ({@link SourceGate}) while the test signals.
 */
class CliSignalLocalTest {

    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int GATE_ROW = 35_000;
    private static ChildSource source;
    @TempDir static Path sourceDir;

    @TempDir Path dir;

    @BeforeAll
    static void createSource() throws Exception {
        source = new ChildSource(sourceDir);
    }

    private Path lake() {
        return dir.resolve("lake");
    }

    private ChildCli start(String batchId, boolean incremental, Path gate) throws Exception {
        Path job = source.job(dir, "local_orders", batchId, "orders_gated", incremental,
                "{\"type\": \"local\", \"path\": \"" + lake().toString().replace("\\", "\\\\") + "\"}");
        List<String> props = gate == null ? List.of()
                : List.of("-Dflowforge.test.gate=" + gate, "-Dflowforge.test.gateRow=" + GATE_ROW);
        return ChildCli.ingest(dir, job, props);
    }

    private Path gateFolder() throws Exception {
        return Files.createDirectories(dir.resolve("gate"));
    }

    private static void awaitFile(Path file, ChildCli cli) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline || !cli.isAlive()) {
                throw new AssertionError(file + " never appeared; stderr:\n" + cli.stderr());
            }
            Thread.sleep(10);
        }
    }

    private List<Path> stagingFiles() throws Exception {
        Path staging = lake().resolve("_flowforge/staging");
        if (!Files.isDirectory(staging)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(staging)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    private List<Path> objects() throws Exception {
        Path bronze = lake().resolve("bronze");
        if (!Files.isDirectory(bronze)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(bronze)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void sigtermMidReadRemovesTheStagingFileAndWritesNothing() throws Exception {
        Path gate = gateFolder();
        ChildCli cli = start("b1", false, gate);
        awaitFile(gate.resolve("reached"), cli);
        assertThat(stagingFiles()).as("the object is being written").hasSize(1);
        cli.signal("TERM");
        cli.awaitStderr("flowforge: SIGTERM received: cancelling job local_orders", LIMIT);
        Files.createFile(gate.resolve("release"));

        assertThat(cli.exitCode(LIMIT)).as(cli.stderr()).isEqualTo(4);
        JsonNode r = cli.result();
        assertThat(r.path("status").asText()).isEqualTo("cancelled");
        assertThat(r.path("message").asText()).isEqualTo("cancelled: SIGTERM received; nothing was committed by this run"
                + " (a pending window is finished by the next run)");
        assertThat(stagingFiles()).isEmpty();
        assertThat(objects()).isEmpty();
    }

    @Test
    void killDashNineMidReadLeavesAStagingFileThatTheNextRunReapsWhileFinishingTheWindowOnce() throws Exception {
        Path gate = gateFolder();
        ChildCli cli = start("b1", true, gate);
        awaitFile(gate.resolve("reached"), cli);
        JsonNode state = JSON.readTree(lake().resolve("_flowforge/state/local_orders/orders_gated.json").toFile());
        assertThat(state.path("pending").path("batch_id").asText()).as(state.toString()).isEqualTo("b1");
        cli.signal("KILL");
        assertThat(cli.exitCode(LIMIT)).isEqualTo(137);
        List<Path> left = stagingFiles();
        assertThat(left).hasSize(1);

        // As if the rerun came after the killed run's lease expired (60 s): the lease and the file are that old.
        Path lease = lake().resolve("_flowforge/leases/local_orders.json");
        ObjectNode held = (ObjectNode) JSON.readTree(lease.toFile());
        held.put("expires_at", Instant.now().minusSeconds(1).toString());
        Files.write(lease, JSON.writeValueAsBytes(held));
        Files.setLastModifiedTime(left.get(0), FileTime.from(Instant.now().minusSeconds(70)));
        long size = Files.size(left.get(0));

        ChildCli rerun = start("b2", true, null);
        assertThat(rerun.exitCode(LIMIT)).as(rerun.stderr()).isZero();
        JsonNode r = rerun.result();
        assertThat(r.path("status").asText()).isEqualTo("success");
        assertThat(r.path("reaped")).singleElement().satisfies(s -> assertThat(s.asText()).isEqualTo("staging file "
                + left.get(0).toUri() + " (" + size + " bytes, left by a process that no longer runs)"));
        assertThat(rerun.stderr()).contains("Job 'local_orders': removed staging file " + left.get(0).toUri());
        assertThat(r.path("recovered_batch_id").asText()).isEqualTo("b1");
        assertThat(r.path("records_processed").asLong()).isEqualTo(ChildSource.ROWS);
        assertThat(stagingFiles()).isEmpty();
        assertThat(objects()).containsExactly(lake().resolve("bronze/bronze_orders/b1.parquet"));
        assertThat(DuckDb.rows("SELECT count(*) || '/' || count(DISTINCT id) FROM read_parquet('"
                + lake().resolve("bronze/bronze_orders/b1.parquet") + "')"))
                .containsExactly(ChildSource.ROWS + "/" + ChildSource.ROWS);
    }
}

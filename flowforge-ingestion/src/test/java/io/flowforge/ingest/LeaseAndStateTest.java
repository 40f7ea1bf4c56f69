package io.flowforge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.bronze.DuckDb;
import io.flowforge.bronze.store.LocalObjectStore;
import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.UpperBoundStrategy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job lease (held, expired, released, lost), fenced state writes, state checked against the
 * job before anything is read, staging left by a killed run reaped under the lease, and an empty
 * table's full load landing its schema — against H2, read back with DuckDB.
 */
class LeaseAndStateTest {

    private static final AtomicInteger DB = new AtomicInteger();

    @TempDir Path lake;
    private String url;
    private Connection admin;
    private BufferAllocator allocator;

    @BeforeEach
    void setUp() throws Exception {
        url = "jdbc:h2:mem:lease" + DB.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        admin = DriverManager.getConnection(url, "sa", "pw");
        sql("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
        sql("CREATE TABLE other (id INT PRIMARY KEY, v VARCHAR(20))");
        sql("CREATE TABLE empty_t (id INT PRIMARY KEY, amount DECIMAL(12,2), at TIMESTAMP)");
        sql("INSERT INTO t SELECT x, 'v' || x FROM SYSTEM_RANGE(1, 20)");
        sql("INSERT INTO other SELECT x, 'other' || x FROM SYSTEM_RANGE(1, 5)");
        allocator = new RootAllocator();
    }

    @AfterEach
    void tearDown() throws Exception {
        sql("SHUTDOWN");
        admin.close();
        allocator.close();
    }

    private void sql(String s) throws Exception {
        try (Statement st = admin.createStatement()) {
            st.execute(s);
        }
    }

    private JobConfig job(String table, boolean incremental) {
        ConnectionConfig conn = ConnectionConfig.builder().jdbcUrl(url).username("sa").password("pw").build();
        JobConfig.Source src = new JobConfig.Source("jdbc", conn, Optional.of(TableId.of(null, table)), Optional.empty(),
                incremental, incremental ? Optional.of("ID") : Optional.empty(), UpperBoundStrategy.MAX_INCLUSIVE,
                Duration.ZERO, ReadOptions.defaults());
        return new JobConfig("lease_job", Optional.empty(), src,
                new JobConfig.Destination("bronze_t", "snappy", new JobConfig.LocalStorage(lake)));
    }

    private IngestionResult run(JobConfig job) {
        return run(job, new BronzeIngestion(new LocalObjectStore(lake)));
    }

    private IngestionResult run(JobConfig job, BronzeIngestion ingestion) {
        try (DatabaseConnector c = Connectors.open("jdbc", job.source().connection())) {
            return ingestion.run(job, c, allocator);
        }
    }

    private List<Path> bronzeFiles() throws Exception {
        Path dir = lake.resolve("bronze/bronze_t");
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    private String lease() throws Exception {
        return Files.readString(lake.resolve("_flowforge/leases/lease_job.json"));
    }

    @Test
    void aRunWhileAnotherHoldsTheLeaseFailsFastAndTouchesNothing() throws Exception {
        LocalObjectStore store = new LocalObjectStore(lake);
        try (JobLease held = JobLease.acquire(store, "lease_job", Duration.ofMinutes(1), Clock.systemUTC())) {
            assertThatThrownBy(() -> run(job("T", true)))
                    .isInstanceOf(LeaseHeldException.class)
                    .hasMessageStartingWith("Job 'lease_job' is already running: its lease file:")
                    .hasMessageContaining("_flowforge/leases/lease_job.json is held by " + held.owner())
                    .hasMessageEndingWith("This run did nothing. Wait for that run to finish; if its process is gone, "
                            + "the next run after the expiry takes over.");
            assertThat(bronzeFiles()).isEmpty();
            assertThat(lake.resolve("_flowforge/state")).doesNotExist();
        }
        assertThat(lease()).contains("\"released\" : true");
        assertThat(run(job("T", true)).recordsProcessed()).isEqualTo(20);
    }

    @Test
    void anExpiredLeaseOfADeadRunIsTakenOverAndAReleasedOneReused() throws Exception {
        LocalObjectStore store = new LocalObjectStore(lake);
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        JobLease dead = JobLease.acquire(store, "lease_job", Duration.ofMinutes(1), past);
        // The "dead" run never releases: its heartbeat stops with it.
        dead.close();
        store.put(JobLease.key("lease_job"), JobLease.encode(new JobLease.Holder("dead-host/pid 1", "lease_job",
                past.instant(), past.instant().plusSeconds(60), false)));

        IngestionResult r = run(job("T", true));
        assertThat(r.status()).isEqualTo("success");
        assertThat(lease()).contains("\"released\" : true").doesNotContain("dead-host");
        assertThat(run(job("T", true)).status()).isEqualTo("no_new_data");
    }

    @Test
    void theHeartbeatRenewsTheLeaseAndALostLeaseStopsTheRunBeforeItCommits() throws Exception {
        LocalObjectStore store = new LocalObjectStore(lake);
        try (JobLease lease = JobLease.acquire(store, "lease_job", Duration.ofMillis(600), Clock.systemUTC())) {
            String first = lease();
            Thread.sleep(700);   // beyond the first expiry: only renewals keep it
            lease.checkHeld();
            assertThat(lease()).isNotEqualTo(first);
            // Another run takes it over (as after a long stall of this one).
            store.put(JobLease.key("lease_job"), JobLease.encode(new JobLease.Holder("thief", "lease_job",
                    Instant.now(), Instant.now().plusSeconds(600), false)));
            Thread.sleep(400);
            assertThatThrownBy(lease::checkHeld).isInstanceOf(LeaseLostException.class)
                    .hasMessageStartingWith("Job 'lease_job' lost its lease (another run took it over at file:");
        }
        assertThat(lease()).as("a lost lease is not released over its new holder").contains("thief");
    }

    @Test
    void aStateWrittenByAnotherRunMeanwhileIsNotOverwritten() throws Exception {
        run(job("T", true));
        sql("INSERT INTO t VALUES (21, 'v21')");
        String stateKey = BronzeIngestion.stateKey("lease_job", TableId.of(null, "T"));
        LocalObjectStore store = new LocalObjectStore(lake);
        StateStore states = new StateStore(store, stateKey);
        WatermarkState loaded = states.load().orElseThrow();
        // Another writer changes the state between this run's load and its save.
        store.put(stateKey, (new String(WatermarkStateCodec.encode(loaded), StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8));
        try (JobLease lease = JobLease.acquire(store, "lease_job", Duration.ofMinutes(1), Clock.systemUTC())) {
            assertThatThrownBy(() -> states.save(loaded, lease))
                    .isInstanceOf(StateStore.StateConflictException.class)
                    .hasMessageEndingWith("was changed by another run since this run read it; this run stops without committing. "
                            + "Only one run of a job may run at a time (the job's lease enforces it while runs renew it).");
        }
    }

    @Test
    void aPendingWindowOverAnotherTableIsRefusedBeforeAnythingIsRead() throws Exception {
        // Job "lease_job" on table OTHER leaves a pending window (its write fails)...
        sql("INSERT INTO other VALUES (6, 'x')");
        JobConfig onOther = job("OTHER", true);
        run(onOther);
        String otherKey = BronzeIngestion.stateKey("lease_job", TableId.of(null, "OTHER"));
        String tKey = BronzeIngestion.stateKey("lease_job", TableId.of(null, "T"));
        WatermarkState otherState = WatermarkStateCodec.decode(Files.readAllBytes(lake.resolve(otherKey)), "x");
        WatermarkState copied = new WatermarkState("lease_job", "T", "ID", otherState.position(), Optional.of("b0"),
                Optional.empty(), Optional.of(new WatermarkState.Pending("b_other", Instant.now(),
                        new io.flowforge.connector.IncrementalWindow(TableId.of(null, "OTHER"), "ID",
                                io.flowforge.connector.Watermark.Type.INTEGER, Optional.empty(), false,
                                Optional.of(io.flowforge.connector.Watermark.ofLong(6)), true))), List.of());
        // ...and a hand-copied state file for table T names that window.
        Files.createDirectories(lake.resolve(tKey).getParent());
        Files.write(lake.resolve(tKey), WatermarkStateCodec.encode(copied));
        byte[] before = Files.readAllBytes(lake.resolve(tKey));
        long filesBefore = bronzeFiles().size();

        assertThatThrownBy(() -> run(job("T", true)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not belong to job 'lease_job' as configured: a pending window over table 'OTHER'.")
                .hasMessageContaining("Nothing was read or written.");
        assertThat(Files.readAllBytes(lake.resolve(tKey))).isEqualTo(before);
        assertThat(bronzeFiles()).hasSize((int) filesBefore);
    }

    @Test
    void staleStagingOfAKilledRunIsReapedAndReported() throws Exception {
        Path staging = Files.createDirectories(lake.resolve("_flowforge/staging"));
        Path dead = Files.writeString(staging.resolve("00112233aabbccdd.b9.parquet.tmp"), "half a parquet file");
        Files.setLastModifiedTime(dead, FileTime.from(Instant.now().minusSeconds(3600)));
        Path legacy = Files.writeString(Files.createDirectories(lake.resolve("bronze/bronze_t"))
                .resolve(".flowforge-b8.parquet.123.tmp"), "older version's temp");
        Files.setLastModifiedTime(legacy, FileTime.from(Instant.now().minusSeconds(3600)));

        IngestionResult r = run(job("T", false));

        assertThat(r.reaped()).hasSize(2);
        assertThat(r.reaped()).anySatisfy(s -> assertThat(s).contains("00112233aabbccdd.b9.parquet.tmp (19 bytes, left by a process"));
        assertThat(r.reaped()).anySatisfy(s -> assertThat(s).contains(".flowforge-b8.parquet.123.tmp"));
        assertThat(dead).doesNotExist();
        assertThat(legacy).doesNotExist();
        assertThat(DuckDb.rows("SELECT count(*) FROM read_parquet('" + lake.resolve("bronze/bronze_t") + "/*')"))
                .containsExactly("20");
    }

    @Test
    void aFullLoadOfAnEmptyTableLandsItsSchema() throws Exception {
        IngestionResult r = run(job("EMPTY_T", false));
        assertThat(r.status()).isEqualTo("success");
        assertThat(r.recordsProcessed()).isZero();
        assertThat(r.message()).startsWith("the source is empty: wrote its schema as a file with no rows to file:");
        Path file = Path.of(java.net.URI.create(r.bronzeFilePath().orElseThrow()));
        assertThat(DuckDb.rows("SELECT count(*) FROM read_parquet('" + file + "')")).containsExactly("0");
        assertThat(DuckDb.rows("SELECT column_name || ' ' || column_type FROM (DESCRIBE SELECT * FROM read_parquet('" + file + "'))"))
                .startsWith("ID INTEGER", "AMOUNT DECIMAL(12,2)", "AT TIMESTAMP");
    }
}

package io.flowforge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.bronze.DuckDb;
import io.flowforge.bronze.store.LocalObjectStore;
import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.UpperBoundStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import io.flowforge.connector.TableInfo;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress reported per batch, and a cancelled run that leaves nothing behind but what the protocol says. */
class IngestionControlTest {

    private static final AtomicInteger DB = new AtomicInteger();

    @TempDir Path lake;
    private String url;
    private Connection admin;
    private BufferAllocator allocator;

    @BeforeEach
    void setUp() throws Exception {
        url = "jdbc:h2:mem:control" + DB.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        admin = DriverManager.getConnection(url, "sa", "pw");
        try (Statement st = admin.createStatement()) {
            st.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20), m TIMESTAMP)");
            st.execute("INSERT INTO t SELECT x, 'v' || x, TIMESTAMP '2024-01-01 00:00:00' + x * INTERVAL '1' SECOND"
                    + " FROM SYSTEM_RANGE(1, 95)");
        }
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

    private JobConfig job(boolean incremental) {
        ConnectionConfig conn = ConnectionConfig.builder().jdbcUrl(url).username("sa").password("pw").build();
        JobConfig.Source src = new JobConfig.Source("jdbc", conn, Optional.of(TableId.of(null, "T")), Optional.empty(),
                incremental, incremental ? Optional.of("M") : Optional.empty(), UpperBoundStrategy.MAX_INCLUSIVE,
                Duration.ZERO, ReadOptions.defaults().withBatchSize(10));
        return new JobConfig("control_job", Optional.empty(), src,
                new JobConfig.Destination("bronze_t", "snappy", new JobConfig.LocalStorage(lake)));
    }

    private IngestionResult run(JobConfig job, IngestionControl control) {
        try (DatabaseConnector c = Connectors.open("jdbc", job.source().connection())) {
            return new BronzeIngestion(new LocalObjectStore(lake)).run(job, c, allocator, control);
        }
    }

    /**
     * The run through a connector whose catalog listing fails the test and whose own entry for the
     * table says {@code estimate} rows: progress must come from {@code tableInfo}, never a listing.
     */
    private IngestionResult runWithEstimate(JobConfig job, IngestionControl control, long estimate) {
        try (DatabaseConnector c = new ForwardingConnector(Connectors.open("jdbc", job.source().connection())) {
            @Override
            public List<TableInfo> listTables() {
                throw new AssertionError("the whole catalog was listed for one table's estimate");
            }

            @Override
            public Optional<TableInfo> tableInfo(TableId table) {
                return Optional.of(new TableInfo(table, TableInfo.Kind.TABLE, OptionalLong.of(estimate)));
            }
        }) {
            return new BronzeIngestion(new LocalObjectStore(lake)).run(job, c, allocator, control);
        }
    }

    /** The job with reconciled counts: each read counts its rows in its own snapshot first. */
    private JobConfig counting(JobConfig job) {
        JobConfig.Source s = job.source();
        return new JobConfig(job.jobId(), job.batchId(), new JobConfig.Source(s.type(), s.connection(), s.table(), s.query(),
                s.incremental(), s.deltaColumn(), s.upperBound(), s.lag(), s.readOptions().withRowCount(true)),
                job.destination());
    }

    @Test
    void aFullLoadsPercentComesFromItsTablesOwnEstimateNotACatalogListing() {
        List<IngestionProgress> seen = new CopyOnWriteArrayList<>();
        IngestionResult r = runWithEstimate(job(false), IngestionControl.create().onProgress(seen::add), 190);

        assertThat(r.status()).isEqualTo("success");
        assertThat(seen.get(0).expectedRows()).hasValue(190);
        assertThat(seen.get(0).percent()).hasValueCloseTo(100.0 * 10 / 190, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void incrementalRunsShowPercentDoneTheFirstFromTheTablesEstimateLaterOnesFromTheWindowsCount() throws Exception {
        List<IngestionProgress> first = new CopyOnWriteArrayList<>();
        assertThat(runWithEstimate(job(true), IngestionControl.create().onProgress(first::add), 95).status())
                .isEqualTo("success");
        assertThat(first.get(0).expectedRows()).as("a first window is the whole table").hasValue(95);

        try (Statement st = admin.createStatement()) {
            st.execute("INSERT INTO t SELECT x, 'v' || x, TIMESTAMP '2024-01-01 00:00:00' + x * INTERVAL '1' SECOND"
                    + " FROM SYSTEM_RANGE(96, 120)");
        }
        List<IngestionProgress> later = new CopyOnWriteArrayList<>();
        // The table's estimate (95) says nothing about a later window; its own count (25 rows) does.
        IngestionResult r = runWithEstimate(counting(job(true)), IngestionControl.create().onProgress(later::add), 95);
        assertThat(r.recordsProcessed()).isEqualTo(25);
        List<IngestionProgress> reading = later.stream().filter(p -> p.phase() == IngestionProgress.Phase.READING).toList();
        assertThat(reading).extracting(IngestionProgress::expectedRows).containsOnly(OptionalLong.of(25));
        assertThat(reading.get(reading.size() - 1).percent()).hasValue(100.0);

        List<IngestionProgress> uncounted = new CopyOnWriteArrayList<>();
        try (Statement st = admin.createStatement()) {
            st.execute("INSERT INTO t VALUES (121, 'v', TIMESTAMP '2024-01-02 00:00:00')");
        }
        runWithEstimate(job(true), IngestionControl.create().onProgress(uncounted::add), 95);
        assertThat(uncounted.get(0).expectedRows()).as("a later window without a count has no estimate").isEmpty();
    }

    private List<Path> filesUnder(String folder) throws Exception {
        Path dir = lake.resolve(folder);
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void progressIsReportedAfterEveryBatchWithRowsSoFar() {
        List<IngestionProgress> seen = new CopyOnWriteArrayList<>();
        IngestionResult r = run(job(false), IngestionControl.create().onProgress(seen::add));

        assertThat(r.status()).isEqualTo("success");
        assertThat(seen).extracting(IngestionProgress::rows).containsExactly(10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 95L, 95L);
        assertThat(seen).allSatisfy(p -> {
            assertThat(p.jobId()).isEqualTo("control_job");
            assertThat(p.bronzeTable()).isEqualTo("bronze_t");
        });
        assertThat(seen).extracting(IngestionProgress::phase).containsOnly(IngestionProgress.Phase.READING,
                IngestionProgress.Phase.DONE).last().isEqualTo(IngestionProgress.Phase.DONE);
    }

    @Test
    void progressSaysHowManyBytesTheStoreHasAndDoneTheObjectsSize() throws Exception {
        List<IngestionProgress> seen = new CopyOnWriteArrayList<>();
        IngestionResult r = run(job(false), IngestionControl.create().onProgress(seen::add));

        long size = Files.size(lake.resolve("bronze/bronze_t/" + r.batchId() + ".parquet"));
        assertThat(r.fileSizeBytes()).isEqualTo(size);
        // The rows are buffered in one row group until the end: the store has only Parquet's "PAR1" magic while reading.
        assertThat(seen.subList(0, seen.size() - 1)).extracting(IngestionProgress::bytesWritten).containsOnly(4L);
        assertThat(seen.get(seen.size() - 1).phase()).isEqualTo(IngestionProgress.Phase.DONE);
        assertThat(seen.get(seen.size() - 1).bytesWritten()).isEqualTo(size);
    }

    @Test
    void aFullLoadCancelledMidReadWritesNoObject() throws Exception {
        IngestionControl control = IngestionControl.create();
        control.onProgress(p -> {
            if (p.rows() >= 30) {
                control.cancel("test asked after 30 rows");
            }
        });
        IngestionResult r = run(job(false), control);

        assertThat(r.status()).isEqualTo("cancelled");
        assertThat(r.recordsProcessed()).isZero();
        assertThat(r.bronzeFilePath()).isEmpty();
        assertThat(r.message()).startsWith("cancelled: test asked after 30 rows");
        assertThat(filesUnder("bronze")).isEmpty();
    }

    @Test
    void anIncrementalRunCancelledMidReadLeavesItsWindowPendingForTheNextRun() throws Exception {
        IngestionControl control = IngestionControl.create();
        control.onProgress(p -> control.cancel("stop"));
        IngestionResult cancelled = run(job(true), control);
        assertThat(cancelled.status()).isEqualTo("cancelled");
        assertThat(filesUnder("bronze")).isEmpty();

        IngestionResult next = run(job(true), IngestionControl.create());
        assertThat(next.status()).isEqualTo("success");
        // Issue 10 item 5: the recovered batch is reported as written, not as "no new data".
        assertThat(next.recoveredBatchId()).isPresent();
        assertThat(next.recordsProcessed()).isEqualTo(95);
        assertThat(next.recovered().orElseThrow().rows()).isEqualTo(95);
        assertThat(next.bronzeFilePath()).isEqualTo(next.recovered().orElseThrow().filePath());
        assertThat(next.message()).contains("first completed the unfinished batch " + next.recoveredBatchId().get()
                + ": 95 rows to file:");
        assertThat(DuckDb.rows("SELECT count(*) || '/' || count(DISTINCT id) FROM read_parquet('"
                + lake.resolve("bronze/bronze_t") + "/*.parquet')")).containsExactly("95/95");
    }
}

package io.flowforge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.bronze.DuckDb;
import io.flowforge.bronze.store.LocalObjectStore;
import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.IncrementalWindow;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.UpperBoundStrategy;
import io.flowforge.connector.arrow.RowCountReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
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
 * Rows written are compared with the source's count, taken in the read's own snapshot: a match is
 * reported, and a reader that lost rows fails the run before its object is committed, leaving the
 * window pending for the next run.
 */
class ReconciliationTest {

    private static final AtomicInteger DB = new AtomicInteger();

    @TempDir Path lake;
    private String url;
    private Connection admin;
    private BufferAllocator allocator;

    @BeforeEach
    void setUp() throws Exception {
        url = "jdbc:h2:mem:reconcile" + DB.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        admin = DriverManager.getConnection(url, "sa", "pw");
        try (Statement st = admin.createStatement()) {
            st.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
            st.execute("INSERT INTO t SELECT x, 'v' || x FROM SYSTEM_RANGE(1, 95)");
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

    private JobConfig job(boolean incremental, boolean reconcile) {
        ConnectionConfig conn = ConnectionConfig.builder().jdbcUrl(url).username("sa").password("pw").build();
        JobConfig.Source src = new JobConfig.Source("jdbc", conn, Optional.of(TableId.of(null, "T")), Optional.empty(),
                incremental, incremental ? Optional.of("ID") : Optional.empty(), UpperBoundStrategy.MAX_INCLUSIVE,
                Duration.ZERO, ReadOptions.defaults().withBatchSize(10).withRowCount(reconcile));
        return new JobConfig("reconcile_job", Optional.empty(), src,
                new JobConfig.Destination("bronze_t", "snappy", new JobConfig.LocalStorage(lake)));
    }

    private IngestionResult run(JobConfig job, boolean dropLastBatch) {
        try (DatabaseConnector c = Connectors.open("jdbc", job.source().connection())) {
            DatabaseConnector used = dropLastBatch ? new DroppingConnector(c) : c;
            return new BronzeIngestion(new LocalObjectStore(lake)).run(job, used, allocator);
        }
    }

    private long bronzeFiles() throws IOException {
        Path dir = lake.resolve("bronze/bronze_t");
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void aFullLoadAndAnIncrementalWindowMatchTheSourcesCountInTheirSnapshot() {
        IngestionResult full = run(job(false, true), false);
        assertThat(full.reconciliation()).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo("matched");
            assertThat(r.sourceRows()).hasValue(95);
            assertThat(r.bronzeRows()).isEqualTo(95);
            assertThat(r.how()).isEqualTo("COUNT(*) in the read's own REPEATABLE READ transaction, before its first row");
        });
        IngestionResult window = run(job(true, true), false);
        assertThat(window.reconciliation()).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo("matched"));
        assertThat(window.toMap().get("reconciliation").toString()).contains("status=matched").contains("source_rows=95");
    }

    @Test
    void countingCanBeTurnedOffAndSaysSo() {
        IngestionResult r = run(job(false, false), false);
        assertThat(r.reconciliation()).hasValueSatisfying(x -> {
            assertThat(x.status()).isEqualTo("not_reconciled");
            assertThat(x.how()).isEqualTo("counting is off (reconcileCounts: false)");
        });
    }

    @Test
    void aReaderThatLostRowsFailsTheRunBeforeCommitAndTheNextRunReadsTheWindowAgain() throws Exception {
        assertThatThrownBy(() -> run(job(true, true), true))
                .hasMessageContaining("Counts differ for T: the source holds 95 rows for this read (COUNT(*) in the read's"
                        + " own REPEATABLE READ transaction, before its first row) but 90 were read; nothing was committed,"
                        + " and the next run reads the same window again");
        assertThat(bronzeFiles()).isZero();

        IngestionResult next = run(job(true, true), false);
        assertThat(next.recoveredBatchId()).isPresent();
        assertThat(next.recordsProcessed()).isEqualTo(95);
        assertThat(DuckDb.rows("SELECT count(*) || '/' || count(DISTINCT ID) FROM read_parquet('" + lake.resolve("bronze/bronze_t")
                + "/*.parquet')")).containsExactly("95/95");
    }

    /** A connector whose window reads lose their last batch but still report the source's count. */
    private static final class DroppingConnector extends ForwardingConnector {
        DroppingConnector(DatabaseConnector d) {
            super(d);
        }

        @Override
        public ArrowReader readWindow(IncrementalWindow w, ReadOptions o, BufferAllocator a) {
            return new DroppingLastBatch(a, super.readWindow(w, o, a));
        }
    }

    private static final class DroppingLastBatch extends ArrowReader implements RowCountReport {
        private final ArrowReader d;
        private int batches;

        DroppingLastBatch(BufferAllocator a, ArrowReader d) {
            super(a);
            this.d = d;
        }

        @Override
        public RowCount sourceRowCount() {
            return RowCountReport.of(d);
        }

        @Override
        public VectorSchemaRoot getVectorSchemaRoot() throws IOException {
            return d.getVectorSchemaRoot();
        }

        @Override
        public boolean loadNextBatch() throws IOException {
            return d.loadNextBatch() && ++batches < 10;   // 95 rows in batches of 10: the tenth (5 rows) never arrives
        }

        @Override
        public long bytesRead() {
            return 0;
        }

        @Override
        protected void closeReadSource() throws IOException {
            d.close();
        }

        @Override
        protected Schema readSchema() throws IOException {
            return d.getVectorSchemaRoot().getSchema();
        }
    }
}

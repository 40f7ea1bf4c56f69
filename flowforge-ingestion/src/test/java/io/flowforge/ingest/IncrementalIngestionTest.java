package io.flowforge.ingest;

import io.flowforge.bronze.DuckDb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.bronze.store.LocalObjectStore;
import io.flowforge.bronze.store.ObjectStore;
import io.flowforge.bronze.store.AtomicObjectWrite;
import io.flowforge.bronze.store.ForwardingObjectStore;
import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.IncrementalWindow;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.UpperBoundStrategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once incremental loads against H2 through the generic jdbc connector, with a local
 * lake read back by DuckDB: each source row version lands in bronze once, whatever happens
 * between runs.
 */
class IncrementalIngestionTest {

    private static final AtomicInteger DB = new AtomicInteger();

    @TempDir Path lake;
    private String url;
    private Connection admin;
    private BufferAllocator allocator;

    @BeforeEach
    void setUp() throws SQLException {
        url = "jdbc:h2:mem:ingest" + DB.incrementAndGet() + ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;DB_CLOSE_DELAY=-1";
        admin = DriverManager.getConnection(url, "sa", "pw");
        sql("CREATE TABLE events (id INT PRIMARY KEY, payload VARCHAR(50), modified_date DATETIME2 NULL)");
        sql("INSERT INTO events VALUES (1, 'a', TIMESTAMP '2024-01-01 10:00:00.1234567'),"
                + " (2, 'b', TIMESTAMP '2024-01-01 11:00:00'), (3, 'c', TIMESTAMP '2024-01-01 11:00:00'),"
                + " (4, 'no-delta', NULL)");
        allocator = new RootAllocator();
    }

    @AfterEach
    void tearDown() throws SQLException {
        sql("SHUTDOWN");
        admin.close();
        allocator.close();
    }

    private void sql(String s) throws SQLException {
        try (Statement st = admin.createStatement()) {
            st.execute(s);
        }
    }

    private JobConfig job(UpperBoundStrategy strategy, String batchId) {
        ConnectionConfig conn = ConnectionConfig.builder().jdbcUrl(url).username("sa").password("pw").build();
        JobConfig.Source src = new JobConfig.Source("jdbc", conn, Optional.of(TableId.of(null, "events")),
                Optional.empty(), true, Optional.of("modified_date"), strategy, Duration.ZERO, ReadOptions.defaults());
        return new JobConfig("events_job", Optional.ofNullable(batchId), src,
                new JobConfig.Destination("bronze_events", "snappy", new JobConfig.LocalStorage(lake)));
    }

    private IngestionResult run(JobConfig job) {
        return run(job, new LocalObjectStore(lake), c -> c);
    }

    private IngestionResult run(JobConfig job, ObjectStore store, java.util.function.UnaryOperator<DatabaseConnector> wrap) {
        try (DatabaseConnector c = wrap.apply(Connectors.open("jdbc", job.source().connection()))) {
            return new BronzeIngestion(store).run(job, c, allocator);
        }
    }

    /** "id:payload" of every row in one bronze file, sorted. */
    private List<String> rowsOf(IngestionResult r) throws SQLException {
        return DuckDb.rows("SELECT id || ':' || payload FROM read_parquet('" + Path.of(java.net.URI.create(r.bronzeFilePath().orElseThrow())) + "') ORDER BY id");
    }

    /** Every (id, payload) across all bronze files, with duplicates kept. */
    private List<String> allBronzeRows() throws SQLException {
        return DuckDb.rows("SELECT id || ':' || payload FROM read_parquet('" + lake.resolve("bronze/bronze_events") + "/*.parquet') ORDER BY id, payload");
    }

    private List<String> sourceRows() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery("SELECT id, payload FROM events ORDER BY id, payload")) {
            while (rs.next()) out.add(rs.getInt(1) + ":" + rs.getString(2));
        }
        return out;
    }

    @Test
    void firstRunTakesEverythingIncludingNullDeltasThenOnlyChanges() throws Exception {
        IngestionResult first = run(job(UpperBoundStrategy.DATABASE_NOW, "b1"));
        assertThat(first.status()).isEqualTo("success");
        assertThat(rowsOf(first)).containsExactly("1:a", "2:b", "3:c", "4:no-delta");
        assertThat(first.watermarkBefore()).isEmpty();
        assertThat(first.watermarkAfter()).isPresent();

        Thread.sleep(5);
        sql("UPDATE events SET payload = 'b2', modified_date = LOCALTIMESTAMP WHERE id = 2");
        sql("INSERT INTO events VALUES (5, 'e', LOCALTIMESTAMP)");
        Thread.sleep(5);
        IngestionResult second = run(job(UpperBoundStrategy.DATABASE_NOW, "b2"));
        assertThat(rowsOf(second)).containsExactly("2:b2", "5:e");
        assertThat(second.watermarkBefore()).isEqualTo(first.watermarkAfter());

        // Bronze holds every version exactly once: the latest of each row, plus the replaced 2:b.
        List<String> expected = new ArrayList<>(sourceRows());
        expected.add("2:b");
        expected.sort(null);
        assertThat(allBronzeRows()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void nothingNewWritesNoFileAndKeepsTheWatermark() throws Exception {
        IngestionResult first = run(job(UpperBoundStrategy.DATABASE_NOW, "b1"));
        IngestionResult second = run(job(UpperBoundStrategy.DATABASE_NOW, "b2"));
        assertThat(second.status()).isEqualTo("no_new_data");
        assertThat(second.recordsProcessed()).isZero();
        assertThat(second.bronzeFilePath()).isEmpty();
        assertThat(second.watermarkAfter()).isEqualTo(first.watermarkAfter());
        assertThat(Files.exists(lake.resolve("bronze/bronze_events/b2.parquet"))).isFalse();
        assertThat(new BronzeIngestion(new LocalObjectStore(lake))
                .loadState(BronzeIngestion.stateKey("events_job", TableId.of(null, "events")))
                .orElseThrow().position()).isEqualTo(first.watermarkAfter());
    }

    @Test
    void tiesAtTheWatermarkInsertedAfterARunAreNeitherLostNorDuplicated() throws Exception {
        // MAX_EXCLUSIVE: the rows holding the largest value (2 and 3 at 11:00) wait for the next run.
        IngestionResult first = run(job(UpperBoundStrategy.MAX_EXCLUSIVE, "b1"));
        assertThat(rowsOf(first)).containsExactly("1:a", "4:no-delta");
        assertThat(first.watermarkAfter().orElseThrow().value().value()).isEqualTo("2024-01-01T11:00");
        assertThat(first.watermarkAfter().orElseThrow().valueConsumed()).isFalse();

        sql("INSERT INTO events VALUES (6, 'tie', TIMESTAMP '2024-01-01 11:00:00')");
        IngestionResult stillWaiting = run(job(UpperBoundStrategy.MAX_EXCLUSIVE, "b2"));
        assertThat(stillWaiting.status()).isEqualTo("no_new_data");

        sql("INSERT INTO events VALUES (7, 'later', TIMESTAMP '2024-01-01 12:00:00')");
        IngestionResult third = run(job(UpperBoundStrategy.MAX_EXCLUSIVE, "b3"));
        assertThat(rowsOf(third)).containsExactly("2:b", "3:c", "6:tie");
        assertThat(allBronzeRows()).containsExactlyInAnyOrder("1:a", "2:b", "3:c", "4:no-delta", "6:tie");
    }

    @Test
    void rowsWrittenDuringARunAreLeftForTheNextRun() throws Exception {
        run(job(UpperBoundStrategy.DATABASE_NOW, "b1"));
        sql("INSERT INTO events VALUES (8, 'before', LOCALTIMESTAMP)");
        Thread.sleep(5);
        IngestionResult second = run(job(UpperBoundStrategy.DATABASE_NOW, "b2"), new LocalObjectStore(lake),
                c -> new InsertDuringRead(c, () -> {
                    try {
                        Thread.sleep(5);
                        sql("INSERT INTO events VALUES (9, 'during', LOCALTIMESTAMP)");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
        assertThat(rowsOf(second)).containsExactly("8:before");
        Thread.sleep(5);
        IngestionResult third = run(job(UpperBoundStrategy.DATABASE_NOW, "b3"));
        assertThat(rowsOf(third)).containsExactly("9:during");
        assertThat(allBronzeRows()).containsExactlyInAnyOrderElementsOf(sourceRows());
    }

    @Test
    void aRunKilledBetweenUploadAndStateWriteIsRepairedWithoutDuplicates() throws Exception {
        run(job(UpperBoundStrategy.DATABASE_NOW, "b1"));
        sql("UPDATE events SET payload = 'c2', modified_date = LOCALTIMESTAMP WHERE id = 3");
        Thread.sleep(5);

        // The store fails on the state write that would commit the watermark (the second state put).
        FailingStore failing = new FailingStore(new LocalObjectStore(lake), 2);
        assertThatThrownBy(() -> run(job(UpperBoundStrategy.DATABASE_NOW, "b2"), failing, c -> c))
                .hasMessageContaining("injected failure");
        assertThat(Files.exists(lake.resolve("bronze/bronze_events/b2.parquet"))).isTrue();

        sql("INSERT INTO events VALUES (10, 'j', LOCALTIMESTAMP)");
        Thread.sleep(5);
        IngestionResult repaired = run(job(UpperBoundStrategy.DATABASE_NOW, null));
        assertThat(repaired.recoveredBatchId()).contains("b2");
        assertThat(rowsOf(repaired)).containsExactly("10:j");

        List<String> expected = new ArrayList<>(sourceRows());
        expected.add("3:c");
        expected.sort(null);
        assertThat(allBronzeRows()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aRunKilledDuringTheUploadIsReadAgainUnderTheSameBatchId() throws Exception {
        run(job(UpperBoundStrategy.DATABASE_NOW, "b1"));
        sql("UPDATE events SET payload = 'a2', modified_date = LOCALTIMESTAMP WHERE id = 1");
        Thread.sleep(5);
        FailingStore failing = new FailingStore(new LocalObjectStore(lake), Integer.MAX_VALUE).failDataWrites();
        assertThatThrownBy(() -> run(job(UpperBoundStrategy.DATABASE_NOW, "b2"), failing, c -> c))
                .hasMessageContaining("injected failure");
        assertThat(Files.exists(lake.resolve("bronze/bronze_events/b2.parquet"))).isFalse();

        IngestionResult again = run(job(UpperBoundStrategy.DATABASE_NOW, "b2"));
        assertThat(again.recoveredBatchId()).contains("b2");
        assertThat(DuckDb.rows("SELECT id || ':' || payload FROM read_parquet('" + lake.resolve("bronze/bronze_events/b2.parquet") + "')"))
                .containsExactly("1:a2");
        List<String> expected = new ArrayList<>(sourceRows());
        expected.add("1:a");
        expected.sort(null);
        assertThat(allBronzeRows()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aChangedDeltaColumnIsRefusedNamingTheStateFile() throws Exception {
        run(job(UpperBoundStrategy.DATABASE_NOW, "b1"));
        JobConfig j = job(UpperBoundStrategy.DATABASE_NOW, "b2");
        JobConfig.Source s = j.source();
        JobConfig other = new JobConfig(j.jobId(), j.batchId(), new JobConfig.Source(s.type(), s.connection(), s.table(),
                s.query(), true, Optional.of("id"), s.upperBound(), s.lag(), s.readOptions()), j.destination());
        // The schema check, before anything is read, names the change and the history object.
        assertThatThrownBy(() -> run(other))
                .hasMessageStartingWith("The schema of events changed since job 'events_job' last landed it (schema version 1, "
                        + "_flowforge/schemas/events_job/events/000001.json), and the job's policy refuses it; nothing was read:\n"
                        + "- delta column changed: (delta column) modified_date -> id (breaking)\n");
    }

    @Test
    void aBatchIdThatExistsIsNotOverwritten() throws Exception {
        run(job(UpperBoundStrategy.DATABASE_NOW, "b1"));
        sql("INSERT INTO events VALUES (11, 'k', LOCALTIMESTAMP)");
        Thread.sleep(5);
        assertThatThrownBy(() -> run(job(UpperBoundStrategy.DATABASE_NOW, "b1")))
                .hasMessageStartingWith("Batch 'b1' of bronze table 'bronze_events' already exists at file:");
    }

    /** Runs an action when the window is read: a row committed after the window was fixed. */
    private static final class InsertDuringRead extends ForwardingConnector {
        private final Runnable action;

        InsertDuringRead(DatabaseConnector d, Runnable action) {
            super(d);
            this.action = action;
        }

        @Override
        public ArrowReader readWindow(IncrementalWindow window, ReadOptions options, BufferAllocator allocator) {
            action.run();
            return super.readWindow(window, options, allocator);
        }
    }

    /** A store whose Nth state write fails, or whose data writes fail midway. */
    private static final class FailingStore extends ForwardingObjectStore {
        private final int failStatePut;
        private int statePuts;
        private boolean failData;

        FailingStore(ObjectStore d, int failStatePut) {
            super(d);
            this.failStatePut = failStatePut;
        }

        FailingStore failDataWrites() {
            failData = true;
            return this;
        }

        @Override
        public AtomicObjectWrite openAtomicWrite(String key) throws IOException {
            AtomicObjectWrite w = store.openAtomicWrite(key);
            if (failData && key.endsWith(".parquet")) {
                return new AtomicObjectWrite() {
                    private long n;
                    @Override public void write(int b) throws IOException { write(new byte[] {(byte) b}, 0, 1); }
                    @Override public void write(byte[] b, int off, int len) throws IOException {
                        n += len;
                        if (n > 100) throw new IOException("injected failure: connection reset");
                        w.write(b, off, len);
                    }
                    @Override public long position() { return w.position(); }
                    @Override public String uri() { return w.uri(); }
                    @Override public void commit() throws IOException { w.commit(); }
                    @Override public void abort() throws IOException { w.abort(); }
                    @Override public boolean isCommitted() { return w.isCommitted(); }
                };
            }
            return w;
        }

        private void maybeFailStateWrite(String key) throws IOException {
            if (key.startsWith(BronzeIngestion.STATE_PREFIX) && ++statePuts == failStatePut) {
                throw new IOException("injected failure before the state write");
            }
        }

        @Override
        public void put(String key, byte[] bytes) throws IOException {
            maybeFailStateWrite(key);
            super.put(key, bytes);
        }

        @Override
        public Optional<String> createIfAbsent(String key, byte[] bytes) throws IOException {
            maybeFailStateWrite(key);
            return super.createIfAbsent(key, bytes);
        }

        @Override
        public Optional<String> replaceIfVersion(String key, byte[] bytes, String version) throws IOException {
            maybeFailStateWrite(key);
            return super.replaceIfVersion(key, bytes, version);
        }
    }
}

package io.flowforge.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.arrow.CancellableReader;
import io.flowforge.connector.testkit.LiveDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;

/**
 * A cancelled run's read stops within a bounded time while the server is still producing rows:
 * {@link CancellableReader#cancel()} from another thread (what a run's cancel does) ends a
 * streaming read that waits for MariaDB (Connector/J's {@code Statement.cancel()}, a
 * {@code KILL QUERY} on a connection of its own), and leaves no query running on the server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbCancelTest {

    private final MariaDbContractTest.MariaDbDatabase db = new MariaDbContractTest.MariaDbDatabase();
    private final String schema = "ff_" + UUID.randomUUID().toString().substring(0, 8);
    private Optional<String> unreachable = Optional.empty();

    @BeforeAll
    void setUp() throws SQLException {
        Optional<String> problem;
        try (Connection c = db.openAdmin()) {
            problem = Optional.empty();
        } catch (SQLException e) {
            problem = Optional.of(e.getMessage());
        }
        if (problem.isPresent() && !LiveDatabases.required()) {
            unreachable = problem;
            return;
        }
        LiveDatabases.requireReachable(db.displayName(), db.location(), problem);
        execute("CREATE DATABASE " + schema);
        // 2,000 rows at once, then a row the server takes 60 s to produce: the read is waiting for the server.
        execute("CREATE VIEW " + schema + ".slow AS SELECT seq AS id, IF(seq = 2001, SLEEP(60), 0) AS s FROM seq_1_to_3000");
    }

    @AfterAll
    void tearDown() throws SQLException {
        if (unreachable.isEmpty()) {
            execute("DROP DATABASE " + schema);
        }
    }

    @Test
    void aCancelEndsAReadThatWaitsForTheServerAtOnce() throws Exception {
        Assumptions.assumeTrue(unreachable.isEmpty(), () -> "MariaDB unreachable: " + unreachable.orElse(""));
        try (DatabaseConnector connector = new MySqlConnectorFactory().create(db.config(schema)); BufferAllocator allocator = new RootAllocator()) {
            ArrowReader source = connector.readTable(TableId.of(schema, "slow"), ReadOptions.defaults().withBatchSize(500),
                    allocator);
            assertThat(source).isInstanceOf(CancellableReader.class);
            AtomicLong rows = new AtomicLong();
            AtomicLong endedAt = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            // The read runs on its own thread (as the ingestion's prefetcher runs it); the cancel comes from this one.
            try (ArrowReader prefetched = source) {
                Thread consumer = new Thread(() -> {
                    try {
                        while (prefetched.loadNextBatch()) {
                            rows.addAndGet(prefetched.getVectorSchemaRoot().getRowCount());
                        }
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                    endedAt.set(System.nanoTime());
                });
                consumer.start();
                awaitServerSleeping();
                long cancelled = System.nanoTime();
                ((CancellableReader) source).cancel();
                consumer.join(30_000);
                assertThat(consumer.isAlive()).as("the consumer still waits 30 s after the cancel").isFalse();
                assertThat((endedAt.get() - cancelled) / 1e9).as("seconds from cancel to the read's end").isLessThan(3);
                assertThat(failure.get()).as("the read ends with the server's cancel").isNotNull();
                assertThat(rows.get()).isLessThanOrEqualTo(2000);
            }
            assertThat(allocator.getAllocatedMemory()).isZero();
        }
        assertThat(queriesStillRunning()).isZero();
    }

    private void awaitServerSleeping() throws Exception {
        for (int i = 0; i < 300; i++) {
            if (count("STATE = 'User sleep'") > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the server never reached the slow row");
    }

    private long queriesStillRunning() throws Exception {
        for (int i = 0; i < 50; i++) {
            if (count("COMMAND = 'Query'") == 0) {
                return 0;
            }
            Thread.sleep(100);
        }
        return count("COMMAND = 'Query'");
    }

    private long count(String condition) throws SQLException {
        try (Connection c = db.openAdmin(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE '%"
                        + schema + "%slow%' AND INFO NOT LIKE '%PROCESSLIST%' AND " + condition)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.openAdmin(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

package io.flowforge.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flowforge.connector.arrow.CancellableReader;
import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A read's {@link CancellableReader#cancel()} from another thread (what a run's cancel does) ends a
 * read that waits for the server within 3 s, on every read path the database lists
 * ({@link ContractDatabase#cancelConfigs}), frees its Arrow memory and leaves no query running on
 * the server. Needs the database's {@link ContractDatabase#slowRowsView}; skipped without one.
 */
public interface CancelContract extends ContractSupport {

    String SLOW_VIEW = "slow_rows";

    @TestFactory
    default Stream<DynamicTest> aCancelEndsAReadThatWaitsForTheServerAtOnce() throws SQLException {
        ContractDatabase db = contractDatabase();
        String view = db.qualified(contractSchema(), SLOW_VIEW);
        String create = db.slowRowsView(view);
        assumeTrue(create != null, db.displayName() + " gives no slow view to cancel a read of");
        execute(create);
        return db.cancelConfigs(contractSchema()).entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> cancelARead(e.getValue())));
    }

    private void cancelARead(ConnectionConfig config) throws Exception {
        ContractDatabase db = contractDatabase();
        try (DatabaseConnector connector = Connectors.open(db.connectorIdentifier(), config);
                BufferAllocator allocator = new RootAllocator()) {
            ArrowReader source = connector.readTable(TableId.of(contractSchema(), SLOW_VIEW),
                    ReadOptions.defaults().withBatchSize(500), allocator);
            assertThat(source).isInstanceOf(CancellableReader.class);
            AtomicLong rows = new AtomicLong();
            AtomicLong endedAt = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            // The read runs on its own thread (as the ingestion's prefetcher runs it); the cancel comes from this one.
            try (ArrowReader reading = source) {
                Thread consumer = new Thread(() -> {
                    try {
                        while (reading.loadNextBatch()) {
                            rows.addAndGet(reading.getVectorSchemaRoot().getRowCount());
                        }
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                    endedAt.set(System.nanoTime());
                });
                consumer.start();
                awaitCount(true, 1, 6_000);
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
        assertThat(awaitCount(false, 0, 5_000)).as("queries still running on the server after the cancel").isZero();
    }

    /** Polls the running (or sleeping) queries on the slow view until there are {@code target}; answers the last count. */
    private long awaitCount(boolean sleeping, long target, long millis) throws Exception {
        String marker = contractSchema() + "%" + SLOW_VIEW;
        String sql = contractDatabase().runningQueriesCount(marker, sleeping);
        long deadline = System.nanoTime() + millis * 1_000_000;
        long n;
        do {
            try (Connection c = contractDatabase().openAdmin(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                n = rs.getLong(1);
            }
            if (sleeping ? n >= target : n <= target) {
                return n;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        if (sleeping) {
            throw new AssertionError("the server never reached the slow row (" + sql + ")");
        }
        return n;
    }
}

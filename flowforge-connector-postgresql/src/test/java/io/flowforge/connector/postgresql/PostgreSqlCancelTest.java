package io.flowforge.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.connector.ConnectionConfig;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A cancelled run's read stops within a bounded time while the server is still producing rows:
 * {@link CancellableReader#cancel()} from another thread (what a run's cancel does) ends a read
 * that waits for PostgreSQL, on both read paths (binary COPY and JDBC fetching), and leaves no
 * query running on the server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgreSqlCancelTest {

    private final PostgreSqlContractTest.PostgreSqlDatabase db = new PostgreSqlContractTest.PostgreSqlDatabase();
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
        execute("CREATE SCHEMA " + schema);
        // 2,000 rows at once, then a row the server takes 60 s to produce: the read is waiting for the server.
        execute("CREATE VIEW " + schema + ".slow AS SELECT g AS id, (SELECT 1 FROM pg_sleep(CASE WHEN g = 2001 THEN 60"
                + " ELSE 0 END)) AS s FROM generate_series(1, 3000) g");
    }

    @AfterAll
    void tearDown() throws SQLException {
        if (unreachable.isEmpty()) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"copy", "jdbc"})
    void aCancelEndsAReadThatWaitsForTheServerAtOnce(String method) throws Exception {
        Assumptions.assumeTrue(unreachable.isEmpty(), () -> "PostgreSQL unreachable: " + unreachable.orElse(""));
        try (DatabaseConnector connector = open(method); BufferAllocator allocator = new RootAllocator()) {
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
            if (count("wait_event = 'PgSleep'") > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the server never reached the slow row");
    }

    private long queriesStillRunning() throws Exception {
        for (int i = 0; i < 50; i++) {
            if (count("state = 'active'") == 0) {
                return 0;
            }
            Thread.sleep(100);
        }
        return count("state = 'active'");
    }

    private long count(String condition) throws SQLException {
        try (Connection c = db.openAdmin(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
                        + PostgreSqlDialect.APPLICATION_NAME + "' AND query LIKE '%" + schema + "%' AND " + condition)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private DatabaseConnector open(String method) {
        ConnectionConfig base = db.config(schema);
        return new PostgreSqlConnector(ConnectionConfig.builder().jdbcUrl(base.jdbcUrl()).username(base.username())
                .password(base.passwordSecret().orElse(null)).property(PostgreSqlConnector.READ_METHOD_PROPERTY, method)
                .build());
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.openAdmin(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

package io.flowforge.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.connector.BoundObservation;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.IncrementalRequest;
import io.flowforge.connector.IncrementalWindow;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.UpperBoundStrategy;
import io.flowforge.connector.WatermarkPosition;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Upper bounds against transactions that commit late, on a database that shows its open
 * transactions to the connector: a row whose transaction is still open when a window is planned
 * is never passed by the bound, so it is read once it commits — for identity keys (the key is
 * taken before the commit) and for timestamps the database stamps inside the transaction. Each
 * test would lose the late row with the bound taken as the plain maximum or clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LateCommitContractTest {

    protected ContractDatabase db;
    private String schema;
    private Optional<String> unreachable = Optional.empty();

    /** The database under test; it must show its open transactions to the connector's login. */
    protected abstract ContractDatabase database();

    @BeforeAll
    void createSchema() throws Exception {
        db = database();
        try (Connection c = db.openAdmin()) {
            if (!c.isValid(5)) {
                unreachable = Optional.of("the connection is not valid");
            }
        } catch (SQLException | RuntimeException e) {
            unreachable = Optional.of(String.valueOf(e.getMessage()));
        }
        if (unreachable.isPresent()) {
            return;
        }
        schema = "ff_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        execute(db.createSchema(schema));
    }

    @BeforeEach
    void skipWhenUnreachable() {
        LiveDatabases.requireReachable(db.displayName(), db.location(), unreachable);
    }

    @AfterAll
    void dropSchema() throws Exception {
        if (schema != null) {
            execute(db.dropSchema(schema));
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.openAdmin(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private String table(String name, String columns) throws SQLException {
        execute("CREATE TABLE " + db.qualified(schema, name) + " (" + columns + ")");
        return db.qualified(schema, name);
    }

    private List<Integer> read(DatabaseConnector c, IncrementalWindow w) throws Exception {
        List<Integer> ids = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader r = c.readWindow(w, ReadOptions.defaults(), allocator)) {
            while (r.loadNextBatch()) {
                FieldVector v = r.getVectorSchemaRoot().getVector("id");
                for (int i = 0; i < r.getVectorSchemaRoot().getRowCount(); i++) {
                    ids.add(((Number) v.getObject(i)).intValue());
                }
            }
        }
        return ids;
    }

    /** The position the next plan starts from, as ingestion keeps it: unchanged after an empty window. */
    private static WatermarkPosition next(IncrementalWindow w, List<Integer> rows, WatermarkPosition before) {
        return rows.isEmpty() ? before : w.nextPosition().orElse(before);
    }

    @Test
    void anIdentityKeyTakenByAnOpenTransactionIsNotPassed() throws Exception {
        String t = table("ident_open", db.quote("id") + " " + db.identityColumnType() + " PRIMARY KEY, "
                + db.quote("v") + " " + db.textType(10));
        execute("INSERT INTO " + t + " (" + db.quote("v") + ") VALUES ('a'), ('b'), ('c')");
        TableId id = TableId.of(schema, "ident_open");
        try (Connection late = db.openAdmin(); DatabaseConnector c = Connectors.open(db.connectorIdentifier(), db.config(schema))) {
            late.setAutoCommit(false);
            try (Statement s = late.createStatement()) {
                s.execute("INSERT INTO " + t + " (" + db.quote("v") + ") VALUES ('late')");   // key 4, not committed
            }
            execute("INSERT INTO " + t + " (" + db.quote("v") + ") VALUES ('e')");           // key 5, committed

            IncrementalRequest request = IncrementalRequest.initial(id, "id").withUpperBound(UpperBoundStrategy.MAX_INCLUSIVE)
                    .withOpenTransactionWait(Duration.ofMillis(300));
            IncrementalWindow first = c.planIncremental(request);
            List<Integer> seen = new ArrayList<>(read(c, first));

            assertThat(first.isEmpty()).as("the maximum 5 was seen while key 4's transaction was open").isTrue();
            assertThat(first.report().guard()).contains("oldest transaction open in another session since")
                    .contains("waited").contains("is kept for a later run");
            assertThat(first.report().observations()).extracting(o -> o.value().value()).containsExactly("5");

            late.commit();
            IncrementalWindow second = c.planIncremental(request.withObservations(first.report().observations()));
            seen.addAll(read(c, second));
            assertThat(second.upper()).hasValueSatisfying(u -> assertThat(u.value()).isEqualTo("5"));
            assertThat(seen).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        }
    }

    @Test
    void thePlanWaitsForAnOlderTransactionThatCommitsSoon() throws Exception {
        String t = table("ident_wait", db.quote("id") + " " + db.identityColumnType() + " PRIMARY KEY, "
                + db.quote("v") + " " + db.textType(10));
        TableId id = TableId.of(schema, "ident_wait");
        try (Connection late = db.openAdmin(); DatabaseConnector c = Connectors.open(db.connectorIdentifier(), db.config(schema))) {
            late.setAutoCommit(false);
            try (Statement s = late.createStatement()) {
                s.execute("INSERT INTO " + t + " (" + db.quote("v") + ") VALUES ('late')");   // key 1
            }
            execute("INSERT INTO " + t + " (" + db.quote("v") + ") VALUES ('b')");            // key 2
            CompletableFuture<Void> commit = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(400);
                    late.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            IncrementalWindow w = c.planIncremental(IncrementalRequest.initial(id, "id")
                    .withUpperBound(UpperBoundStrategy.MAX_EXCLUSIVE).withOpenTransactionWait(Duration.ofSeconds(20)));
            commit.join();

            assertThat(w.upper()).hasValueSatisfying(u -> assertThat(u.value()).isEqualTo("2"));
            assertThat(w.report().guard()).contains("waited");
            assertThat(w.report().observations()).isEmpty();
            assertThat(read(c, w)).containsExactly(1);   // 2 is the exclusive bound: the next run reads it
        }
    }

    @Test
    void aTimestampStampedInsideAnOpenTransactionIsNotPassed() throws Exception {
        String t = table("stamped", db.quote("id") + " " + db.integerType() + " NOT NULL PRIMARY KEY, "
                + db.quote("ts") + " " + db.timestampType());
        TableId id = TableId.of(schema, "stamped");
        try (Connection late = db.openAdmin(); DatabaseConnector c = Connectors.open(db.connectorIdentifier(), db.config(schema))) {
            late.setAutoCommit(false);
            try (Statement s = late.createStatement()) {
                s.execute("INSERT INTO " + t + " VALUES (1, " + db.nowExpression() + ")");
            }
            Thread.sleep(1100);   // MariaDB shows transaction starts in whole seconds
            execute("INSERT INTO " + t + " VALUES (2, " + db.nowExpression() + ")");

            IncrementalRequest request = IncrementalRequest.initial(id, "ts")
                    .withUpperBound(UpperBoundStrategy.DATABASE_NOW).withLag(Duration.ZERO);
            IncrementalWindow first = c.planIncremental(request);
            List<Integer> seen = new ArrayList<>(read(c, first));
            assertThat(first.report().guard()).startsWith("held back to the start of a transaction open in another session since");
            assertThat(seen).doesNotContain(1);

            late.commit();
            WatermarkPosition p = next(first, seen, null);
            IncrementalWindow second = c.planIncremental(p == null ? request
                    : IncrementalRequest.after(id, "ts", p).withUpperBound(UpperBoundStrategy.DATABASE_NOW).withLag(Duration.ZERO));
            seen.addAll(read(c, second));
            assertThat(seen).containsExactlyInAnyOrder(1, 2);
        }
    }

    @Test
    void observationsFromEarlierRunsAreUsedOnceSafe() throws Exception {
        table("observed", db.quote("id") + " " + db.integerType() + " NOT NULL PRIMARY KEY");
        execute("INSERT INTO " + db.qualified(schema, "observed") + " VALUES (1), (2), (3)");
        TableId id = TableId.of(schema, "observed");
        try (DatabaseConnector c = Connectors.open(db.connectorIdentifier(), db.config(schema))) {
            IncrementalWindow w = c.planIncremental(IncrementalRequest.initial(id, "id")
                    .withUpperBound(UpperBoundStrategy.MAX_INCLUSIVE)
                    .withObservations(List.of(new BoundObservation(io.flowforge.connector.Watermark.ofLong(2),
                            java.time.Instant.parse("2020-01-01T00:00:00Z"))))
                    .withLag(Duration.ofDays(1)));
            // Only the observation a day old is safe under a one-day lag; the current maximum waits.
            assertThat(w.upper()).hasValueSatisfying(u -> assertThat(u.value()).isEqualTo("2"));
            assertThat(w.report().observations()).extracting(o -> o.value().value()).containsExactly("3");
            assertThat(read(c, w)).containsExactlyInAnyOrder(1, 2);
        }
    }
}

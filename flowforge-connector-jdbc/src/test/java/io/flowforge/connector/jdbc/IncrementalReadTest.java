package io.flowforge.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.BoundObservation;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.IncrementalRead;
import io.flowforge.connector.IncrementalRequest;
import io.flowforge.connector.IncrementalWindow;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.UpperBoundStrategy;
import io.flowforge.connector.Watermark;
import io.flowforge.connector.WatermarkPosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Incremental windows on H2: NULLs only on the first load, ties at the watermark, updates, empty runs. */
class IncrementalReadTest {

    static final TableId CUSTOMERS = GenericJdbcConnectorTest.CUSTOMERS;
    static final LocalDateTime MAX = LocalDateTime.of(2024, 1, 1, 0, 0).plusHours(250); // customer 500
    BfsiH2 db;
    DatabaseConnector connector;
    BufferAllocator allocator;

    @BeforeEach
    void load() throws Exception {
        db = BfsiH2.create();
        connector = Connectors.open("jdbc", db.config());
        allocator = new RootAllocator();
    }

    @AfterEach
    void shutdown() throws Exception {
        allocator.close();
        db.close();
    }

    private List<Integer> ids(IncrementalRead read) throws Exception {
        try (read) {
            return GenericJdbcConnectorTest.rows(read.reader()).stream().map(r -> (Integer) r.get("customer_id")).toList();
        }
    }

    private void insert(int id, LocalDateTime modified) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO dbo.customers (customer_id, first_name, last_name, date_of_birth, credit_limit, "
                        + "account_balance, is_active, created_at, modified_date) "
                        + "VALUES (?, N'New', N'Row', '2000-01-01', 1.00, 2.00, 1, '2024-06-01T00:00:00', ?)")) {
            ps.setInt(1, id);
            ps.setObject(2, modified);
            ps.executeUpdate();
        }
    }

    @Test
    void maxExclusiveKeepsTiesForTheNextRunAndEmptyRunsKeepThePosition() throws Exception {
        // No concurrent writer here, and H2 shows no open transactions: lag 0 keeps this about ties.
        IncrementalRequest first = IncrementalRequest.initial(CUSTOMERS, "modified_date")
                .withUpperBound(UpperBoundStrategy.MAX_EXCLUSIVE).withLag(Duration.ZERO);
        IncrementalRead run1 = connector.readIncremental(first, ReadOptions.defaults(), allocator);
        IncrementalWindow w1 = run1.window();
        assertThat(w1.isInitial()).isTrue();
        assertThat(w1.upper()).contains(Watermark.ofTimestamp(MAX));
        assertThat(w1.upperInclusive()).isFalse();
        List<Integer> ids1 = ids(run1);
        // Everything below the largest value (customer 500 holds it alone), and the 50 NULL rows.
        assertThat(ids1).hasSize(499).doesNotContain(500).contains(5, 15, 495);
        WatermarkPosition p1 = w1.nextPosition().orElseThrow();
        assertThat(p1).isEqualTo(new WatermarkPosition(Watermark.ofTimestamp(MAX), false));

        insert(501, MAX);               // a tie at the watermark, committed after run 1
        insert(502, MAX.plusHours(1));
        db.execute("UPDATE dbo.customers SET modified_date = NULL WHERE customer_id = 10"); // NULLs only on run 1

        IncrementalRequest second = IncrementalRequest.after(CUSTOMERS, "modified_date", p1)
                .withUpperBound(UpperBoundStrategy.MAX_EXCLUSIVE).withLag(Duration.ZERO);
        IncrementalRead read2 = connector.readIncremental(second, ReadOptions.defaults(), allocator);
        assertThat(read2.window().lower()).contains(Watermark.ofTimestamp(MAX));
        assertThat(read2.window().lowerInclusive()).isTrue();
        assertThat(ids(read2)).containsExactlyInAnyOrder(500, 501); // customer 10, now NULL, is not read again
        WatermarkPosition p2 = read2.window().nextPosition().orElseThrow();
        assertThat(p2).isEqualTo(new WatermarkPosition(Watermark.ofTimestamp(MAX.plusHours(1)), false));

        // Nothing above the position: an empty window that leaves the position where it was.
        IncrementalRead read3 = connector.readIncremental(IncrementalRequest.after(CUSTOMERS, "modified_date", p2)
                .withUpperBound(UpperBoundStrategy.MAX_EXCLUSIVE).withLag(Duration.ZERO), ReadOptions.defaults(), allocator);
        assertThat(read3.window().isEmpty()).isTrue();
        assertThat(read3.window().nextPosition()).contains(p2);
        assertThat(read3.reader().getVectorSchemaRoot().getSchema().getFields()).hasSize(11);
        assertThat(ids(read3)).isEmpty();
    }

    @Test
    void autoOnADatetimeColumnUsesTheDatabaseClockAndPicksUpTiesAndUpdates() throws Exception {
        IncrementalRead run1 = connector.readIncremental(IncrementalRequest.initial(CUSTOMERS, "modified_date"),
                ReadOptions.defaults().withBatchSize(64), allocator);
        IncrementalWindow w1 = run1.window();
        LocalDateTime upper1 = (LocalDateTime) w1.upper().orElseThrow().toJavaValue();
        assertThat(upper1.getNano() % 1_000_000).as("cut to DATETIME's milliseconds").isZero();
        assertThat(upper1).isAfter(MAX);
        assertThat(ids(run1)).hasSize(500);

        insert(501, upper1);                                         // exactly at the watermark: next run
        insert(502, upper1.minusNanos(1_000_000));                   // below it, committed late: lost without a lag
        insert(503, LocalDateTime.of(2999, 1, 1, 0, 0));             // in the future: not yet
        db.execute("UPDATE dbo.customers SET email = 'changed@example.com', modified_date = NULL WHERE customer_id = 7");
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "UPDATE dbo.customers SET modified_date = ? WHERE customer_id = 8")) {
            ps.setObject(1, upper1.plusNanos(2_000_000));
            ps.executeUpdate();
        }
        Thread.sleep(5); // the database clock must pass the updated row's stamp

        WatermarkPosition p1 = w1.nextPosition().orElseThrow();
        assertThat(p1.valueConsumed()).isFalse();
        IncrementalRead run2 = connector.readIncremental(IncrementalRequest.after(CUSTOMERS, "modified_date", p1),
                ReadOptions.defaults(), allocator);
        List<Map<String, Object>> rows;
        try (run2) {
            rows = GenericJdbcConnectorTest.rows(run2.reader());
        }
        assertThat(rows).extracting(r -> r.get("customer_id")).containsExactlyInAnyOrder(501, 8);
        assertThat(run2.window().lowerInclusive()).isTrue();

        IncrementalRead run3 = connector.readIncremental(
                IncrementalRequest.after(CUSTOMERS, "modified_date", run2.window().nextPosition().orElseThrow()),
                ReadOptions.defaults(), allocator);
        assertThat(ids(run3)).isEmpty();
    }

    @Test
    void lagMovesTheClockBoundBack() {
        IncrementalWindow w = connector.planIncremental(IncrementalRequest.initial(CUSTOMERS, "modified_date")
                .withUpperBound(UpperBoundStrategy.DATABASE_NOW).withLag(Duration.ofDays(3650)));
        LocalDateTime upper = (LocalDateTime) w.upper().orElseThrow().toJavaValue();
        assertThat(upper).isBefore(LocalDateTime.now().minusDays(3649));
    }

    @Test
    void integerKeyWithMaxInclusive() throws Exception {
        // H2 shows the generic connector no open transactions, so keys would wait for the default
        // lag; this test has no concurrent writer, so lag 0 is exact here.
        IncrementalRequest first = IncrementalRequest.initial(CUSTOMERS, "customer_id")
                .withUpperBound(UpperBoundStrategy.MAX_INCLUSIVE).withLag(Duration.ZERO);
        IncrementalRead run1 = connector.readIncremental(first, ReadOptions.defaults(), allocator);
        assertThat(run1.window().watermarkType()).isEqualTo(Watermark.Type.INTEGER);
        assertThat(ids(run1)).hasSize(500);
        WatermarkPosition p1 = run1.window().nextPosition().orElseThrow();
        assertThat(p1).isEqualTo(new WatermarkPosition(Watermark.ofLong(500), true));

        insert(501, null);
        insert(502, null);
        IncrementalRequest next = IncrementalRequest.after(CUSTOMERS, "customer_id", p1)
                .withUpperBound(UpperBoundStrategy.MAX_INCLUSIVE).withLag(Duration.ZERO);
        IncrementalRead run2 = connector.readIncremental(next, ReadOptions.defaults(), allocator);
        assertThat(ids(run2)).containsExactlyInAnyOrder(501, 502);
        WatermarkPosition p2 = run2.window().nextPosition().orElseThrow();

        IncrementalWindow empty = connector.planIncremental(IncrementalRequest.after(CUSTOMERS, "customer_id", p2)
                .withUpperBound(UpperBoundStrategy.MAX_INCLUSIVE).withLag(Duration.ZERO));
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.nextPosition()).contains(new WatermarkPosition(Watermark.ofLong(502), true));
    }

    @Test
    void autoOnAnIntegerColumnIsMaxExclusive() {
        IncrementalWindow w = connector.planIncremental(IncrementalRequest.initial(CUSTOMERS, "customer_id")
                .withLag(Duration.ZERO));
        assertThat(w.upper()).contains(Watermark.ofLong(500));
        assertThat(w.upperInclusive()).isFalse();
        assertThat(w.report().strategy()).isEqualTo(UpperBoundStrategy.MAX_EXCLUSIVE);
    }

    @Test
    void withoutATransactionGuardAKeyWaitsForTheDefaultLagAcrossRuns() {
        IncrementalWindow first = connector.planIncremental(IncrementalRequest.initial(CUSTOMERS, "customer_id"));
        assertThat(first.isEmpty()).as("the maximum was seen just now: not yet the default lag old").isTrue();
        assertThat(first.report().lag()).isEqualTo(IncrementalRequest.DEFAULT_LAG);
        assertThat(first.report().guard()).startsWith("open transactions not checked (the jdbc connector cannot list "
                + "the database's open transactions); a value is used once it is 60 s old; the maximum seen now (500 at ");
        assertThat(first.report().observations()).singleElement()
                .satisfies(o -> assertThat(o.value()).isEqualTo(Watermark.ofLong(500)));

        // A later run, once that observation is older than the lag, reads up to it.
        BoundObservation old = new BoundObservation(Watermark.ofLong(500),
                first.report().observations().get(0).observedAt().minus(IncrementalRequest.DEFAULT_LAG));
        IncrementalWindow later = connector.planIncremental(IncrementalRequest.initial(CUSTOMERS, "customer_id")
                .withObservations(List.of(old)));
        assertThat(later.upper()).contains(Watermark.ofLong(500));
        assertThat(later.report().observations()).as("the new maximum is kept for a later run").hasSize(1);
    }

    @Test
    void firstRunOnAnEmptyTableIsEmptyAndStaysAFirstRun() throws Exception {
        db.execute("DELETE FROM dbo.accounts", "DELETE FROM dbo.customers");
        IncrementalWindow w = connector.planIncremental(IncrementalRequest.initial(CUSTOMERS, "customer_id"));
        assertThat(w.isEmpty()).isTrue();
        assertThat(w.nextPosition()).isEqualTo(Optional.empty());
    }

    @Test
    void stringWatermarksAreBoundNotSpliced() throws Exception {
        WatermarkPosition tricky = new WatermarkPosition(Watermark.ofString("customer499@example.com' OR 1=1 --"), true);
        IncrementalRead r = connector.readIncremental(IncrementalRequest.after(CUSTOMERS, "email", tricky)
                .withUpperBound(UpperBoundStrategy.MAX_INCLUSIVE).withLag(Duration.ZERO), ReadOptions.defaults(), allocator);
        assertThat(ids(r)).containsExactly(500);
    }

    @Test
    void unknownDeltaColumnListsTheColumns() {
        assertThatThrownBy(() -> connector.planIncremental(IncrementalRequest.initial(CUSTOMERS, "updated_at")))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("Delta column 'updated_at' was not found in table 'dbo.customers'. Its columns are: "
                        + "customer_id, first_name, last_name, email, phone, date_of_birth, credit_limit, "
                        + "account_balance, is_active, created_at, modified_date.");
    }

    @Test
    void wrongStrategyOrWatermarkTypeIsExplained() {
        assertThatThrownBy(() -> connector.planIncremental(IncrementalRequest.initial(CUSTOMERS, "customer_id")
                .withUpperBound(UpperBoundStrategy.DATABASE_NOW)))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("UpperBoundStrategy.DATABASE_NOW needs a date or timestamp delta column; 'customer_id' is "
                        + "INTEGER. Use MAX_EXCLUSIVE (or AUTO).");
        assertThatThrownBy(() -> connector.planIncremental(IncrementalRequest.initial(CUSTOMERS, "customer_id")
                .withUpperBound(UpperBoundStrategy.ROWVERSION)))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("UpperBoundStrategy.ROWVERSION needs a database with row versions; jdbc has none. "
                        + "Use MAX_EXCLUSIVE or DATABASE_NOW.");
        WatermarkPosition dateAt = new WatermarkPosition(Watermark.ofTimestamp(MAX), false);
        assertThatThrownBy(() -> connector.planIncremental(IncrementalRequest.after(CUSTOMERS, "customer_id", dateAt)))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("The last watermark of 'dbo.customers.customer_id' is a TIMESTAMP watermark, but the column "
                        + "gives INTEGER watermarks; start again with IncrementalRequest.initial or use the column it came from.");
        assertThatThrownBy(() -> connector.planIncremental(IncrementalRequest.initial(CUSTOMERS, "is_active")))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("Column 'dbo.customers.is_active' has type BOOLEAN, which cannot be a delta column: use an "
                        + "integer, decimal, date, timestamp or string column.");
    }
}

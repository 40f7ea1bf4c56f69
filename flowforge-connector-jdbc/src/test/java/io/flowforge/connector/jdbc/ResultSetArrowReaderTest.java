package io.flowforge.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.TemporalPrecision;
import io.flowforge.connector.arrow.ConversionCount;
import io.flowforge.connector.arrow.ConversionReport;
import io.flowforge.connector.UnsupportedTypePolicy;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Streaming, memory, cancellation, the unsupported-type policy and out-of-range values. */
class ResultSetArrowReaderTest {

    static final TableId ODD = TableId.of("dbo", "odd");
    static BfsiH2 db;
    static GenericJdbcConnector connector;

    @BeforeAll
    static void load() throws Exception {
        db = BfsiH2.create();
        db.execute("CREATE TABLE dbo.odd (id INT PRIMARY KEY, span INTERVAL DAY, doc JSON, big NUMERIC(50,2))",
                "INSERT INTO dbo.odd VALUES (1, INTERVAL '3' DAY, JSON '{\"a\":1}', 12.5)",
                "CREATE TABLE dbo.events (id INT PRIMARY KEY, ts TIMESTAMP(9))",
                "INSERT INTO dbo.events VALUES (1, TIMESTAMP '2300-01-01 00:00:00.123456789')");
        connector = new GenericJdbcConnector(db.config());
    }

    @AfterAll
    static void shutdown() throws Exception {
        db.close();
    }

    @Test
    void unsupportedTypesFailBeforeAnyRowWithOneMessage() throws Exception {
        try (BufferAllocator allocator = new RootAllocator()) {
            assertThatThrownBy(() -> connector.readTable(ODD, ReadOptions.defaults(), allocator))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessage("Column 'dbo.odd.span' has type INTERVAL DAY, which has no exact Arrow type: "
                            + "JDBC type OTHER (1111) is not mapped. "
                            + "Column 'dbo.odd.doc' has type JSON, which has no exact Arrow type: "
                            + "JDBC type OTHER (1111) is not mapped. "
                            + "Column 'dbo.odd.big' has type NUMERIC, which has no exact Arrow type: its precision 50 "
                            + "and scale 2 are unknown or beyond decimal128's 38 digits; cast it to DECIMAL(38, s) in a query. "
                            + "Read them with UnsupportedTypePolicy.AS_STRING or SKIP, or convert them in a query.");
            assertThat(allocator.getAllocatedMemory()).isZero();
        }
    }

    @Test
    void unsupportedTypeInAQueryNamesTheQuery() throws Exception {
        try (BufferAllocator allocator = new RootAllocator()) {
            assertThatThrownBy(() -> connector.readQuery("SELECT id, doc FROM dbo.odd", ReadOptions.defaults(), allocator))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessage("Column 'query.doc' has type JSON, which has no exact Arrow type: JDBC type OTHER (1111) "
                            + "is not mapped. Read it with UnsupportedTypePolicy.AS_STRING or SKIP, or convert it in a query.");
        }
    }

    @Test
    void skipLeavesTheColumnsOut() throws Exception {
        ReadOptions skip = ReadOptions.defaults().withUnsupportedTypePolicy(UnsupportedTypePolicy.SKIP);
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader r = connector.readTable(ODD, skip, allocator)) {
            assertThat(GenericJdbcConnectorTest.fieldNames(r)).containsExactly("id");
            assertThat(GenericJdbcConnectorTest.rows(r)).containsExactly(Map.of("id", 1));
        }
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader r = connector.readQuery("SELECT doc, id FROM dbo.odd", skip, allocator)) {
            assertThat(GenericJdbcConnectorTest.rows(r)).containsExactly(Map.of("id", 1));
        }
    }

    @Test
    void asStringReadsTheDriversText() throws Exception {
        ReadOptions asString = ReadOptions.defaults().withUnsupportedTypePolicy(UnsupportedTypePolicy.AS_STRING);
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader r = connector.readTable(ODD, asString, allocator)) {
            Map<String, Object> row = GenericJdbcConnectorTest.rows(r).get(0);
            assertThat(r.getVectorSchemaRoot().getSchema().findField("doc").getType().toString()).isEqualTo("Utf8");
            assertThat(row.get("span")).hasToString("INTERVAL '3' DAY");
            assertThat(row.get("doc")).hasToString("{\"a\":1}");
            assertThat(row.get("big")).hasToString("12.50");
        }
    }

    @Test
    void valueOutOfRangeNamesTableColumnValueAndTheFix() throws Exception {
        ReadOptions exact = ReadOptions.defaults().withTemporalPrecision(TemporalPrecision.EXACT);
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader r = connector.readTable(TableId.of("dbo", "events"), exact, allocator)) {
            assertThat(r.getVectorSchemaRoot().getSchema().findField("ts").getType().toString())
                    .isEqualTo("Timestamp(NANOSECOND, null)");
            assertThatThrownBy(r::loadNextBatch)
                    .isInstanceOf(ConnectorException.class)
                    .hasMessage("Cannot read 'dbo.events': value 2300-01-01T00:00:00.123456789 of column 'ts' is outside "
                            + "the range of a nanosecond timestamp (1677-09-21..2262-04-11 for nanoseconds); read with "
                            + "TemporalPrecision.MICROSECONDS to keep it at microsecond precision.");
        }
    }

    @Test
    void theDefaultReadsMicrosecondsAndCountsEveryTruncatedValue() throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader r = connector.readTable(TableId.of("dbo", "events"), ReadOptions.defaults(), allocator)) {
            assertThat(r.getVectorSchemaRoot().getSchema().findField("ts").getType().toString())
                    .isEqualTo("Timestamp(MICROSECOND, null)");
            assertThat(ConversionReport.of(r)).isEmpty();
            assertThat(GenericJdbcConnectorTest.rows(r).get(0).get("ts"))
                    .isEqualTo(LocalDateTime.of(2300, 1, 1, 0, 0, 0, 123_456_000));
            assertThat(ConversionReport.of(r)).extracting(ConversionCount::describe).containsExactly(
                    "dbo.events.ts: 1 values with a non-zero 7th (or later) fractional digit truncated to microseconds");
            r.close();
            assertThat(ConversionReport.of(r)).as("still there after close").hasSize(1);
        }
    }

    @Test
    void batchesStopAtMaxBatchBytes() throws Exception {
        // The expected batch sizes, from the rule: a batch closes once its text bytes reach the cap.
        List<Integer> expected = new java.util.ArrayList<>();
        try (Connection c = db.connect(); java.sql.Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT first_name, last_name, email, phone FROM dbo.customers")) {
            int rows = 0;
            long bytes = 0;
            while (rs.next()) {
                if (rows > 0 && bytes >= 2000) {
                    expected.add(rows);
                    rows = 0;
                    bytes = 0;
                }
                for (int i = 1; i <= 4; i++) {
                    String v = rs.getString(i);
                    bytes += v == null ? 0 : v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                }
                rows++;
            }
            expected.add(rows);
        }
        ReadOptions small = ReadOptions.defaults().withBatchSize(1000).withMaxBatchBytes(2000);
        List<Integer> actual = new java.util.ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader r = connector.readTable(GenericJdbcConnectorTest.CUSTOMERS, small, allocator)) {
            while (r.loadNextBatch()) {
                actual.add(r.getVectorSchemaRoot().getRowCount());
            }
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.stream().mapToInt(Integer::intValue).sum()).isEqualTo(500);
        assertThat(actual).hasSizeGreaterThan(5);
    }

    @Test
    void allocatorLimitIsEnforcedAndReported() throws Exception {
        ReadOptions tiny = ReadOptions.defaults().withAllocatorLimitBytes(4096);
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader r = connector.readTable(GenericJdbcConnectorTest.CUSTOMERS, tiny, allocator)) {
            assertThatThrownBy(r::loadNextBatch)
                    .isInstanceOf(ConnectorException.class)
                    .hasMessage("A batch of 'dbo.customers' needs more Arrow memory than ReadOptions.allocatorLimitBytes "
                            + "(4096 bytes) allows; lower batchSize or maxBatchBytes, or raise allocatorLimitBytes.");
        }
    }

    @Test
    void readerMemoryIsReleasedOnCloseAndComesFromANamedChild() throws Exception {
        try (BufferAllocator allocator = new RootAllocator()) {
            ArrowReader r = connector.readTable(GenericJdbcConnectorTest.CUSTOMERS,
                    ReadOptions.defaults().withBatchSize(100), allocator);
            assertThat(r.loadNextBatch()).isTrue();
            assertThat(allocator.getChildAllocators()).singleElement()
                    .satisfies(child -> {
                        assertThat(child.getName()).isEqualTo("flowforge-read:dbo.customers");
                        assertThat(child.getLimit()).isEqualTo(ReadOptions.DEFAULT_ALLOCATOR_LIMIT);
                    });
            assertThat(allocator.getAllocatedMemory()).isPositive();
            r.close();
            assertThat(allocator.getAllocatedMemory()).isZero();
            assertThat(allocator.getChildAllocators()).isEmpty();
        }
    }

    @Test
    void closingEarlyCancelsTheStatementBeforeClosingTheResultSet() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        AtomicLong nextCalls = new AtomicLong();
        String url = "jdbc:h2:mem:big;LAZY_QUERY_EXECUTION=TRUE";
        JdbcConnector recording = new JdbcConnector("recording", ConnectionConfig.builder().jdbcUrl(url).build(),
                new DefaultJdbcDialect(), new GenericJdbcTypeMapping()) {
            @Override
            protected Connection openConnection() throws SQLException {
                return recordingConnection(DriverManager.getConnection(url), events, nextCalls);
            }
        };
        try (BufferAllocator allocator = new RootAllocator()) {
            long start = System.nanoTime();
            ArrowReader r = recording.readQuery("SELECT X AS n FROM SYSTEM_RANGE(1, 50000000)",
                    ReadOptions.defaults().withBatchSize(1000), allocator);
            assertThat(r.loadNextBatch()).isTrue();
            assertThat(r.getVectorSchemaRoot().getRowCount()).isEqualTo(1000);
            r.close();
            System.out.printf("one batch of a 50M-row query, then close: %d ms%n", (System.nanoTime() - start) / 1_000_000);
            assertThat(events).containsSubsequence("cancel", "resultSet.close", "statement.close", "connection.close");
            assertThat(nextCalls.get()).isEqualTo(1000);
            assertThat(allocator.getAllocatedMemory()).isZero();
        }
        events.clear();
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader r = recording.readQuery("SELECT X AS n FROM SYSTEM_RANGE(1, 10)", ReadOptions.defaults(), allocator)) {
            while (r.loadNextBatch()) {
                assertThat(r.getVectorSchemaRoot().getRowCount()).isEqualTo(10);
            }
        }
        assertThat(events).doesNotContain("cancel").contains("resultSet.close", "connection.close");
    }

    // Wraps the connection so the test sees cancel/close calls and counts rows fetched.
    private static Connection recordingConnection(Connection real, List<String> events, AtomicLong nextCalls) {
        return proxy(Connection.class, real, (name, result) -> {
            if (name.equals("close")) events.add("connection.close");
            if (result instanceof PreparedStatement ps) {
                return proxy(PreparedStatement.class, ps, (n2, r2) -> {
                    if (n2.equals("cancel")) events.add("cancel");
                    if (n2.equals("close")) events.add("statement.close");
                    if (r2 instanceof ResultSet rs) {
                        return proxy(ResultSet.class, rs, (n3, r3) -> {
                            if (n3.equals("next")) nextCalls.incrementAndGet();
                            if (n3.equals("close")) events.add("resultSet.close");
                            return r3;
                        });
                    }
                    return r2;
                });
            }
            return result;
        });
    }

    @FunctionalInterface
    interface AfterCall {
        Object after(String method, Object result);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, AfterCall after) {
        InvocationHandler h = (p, m, args) -> {
            try {
                return after.after(m.getName(), m.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h);
    }
}

package io.flowforge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.jdbc.GenericJdbcConnector;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A JDBC read through {@link PrefetchingArrowReader}: the same rows as a direct read (the reader
 * refills vectors whose buffers the prefetcher took), and no leak when abandoned or failing.
 */
class PrefetchedReadTest {

    private static final TableId CUSTOMERS = TableId.of("PUBLIC", "CUSTOMERS");
    private static final String URL = "jdbc:h2:mem:prefetched-read;DB_CLOSE_DELAY=-1;DATABASE_TO_UPPER=FALSE";
    static Connection keepAlive;
    static GenericJdbcConnector connector;

    @BeforeAll
    static void load() throws Exception {
        keepAlive = DriverManager.getConnection(URL);
        try (Statement s = keepAlive.createStatement()) {
            s.execute("CREATE TABLE CUSTOMERS (ID INT PRIMARY KEY, NAME VARCHAR(40), BALANCE DECIMAL(12,2),"
                    + " OPENED DATE, ACTIVE BOOLEAN)");
            s.execute("INSERT INTO CUSTOMERS SELECT X, 'customer ' || X, CASE WHEN MOD(X, 10) = 0 THEN NULL ELSE X * 1.25 END,"
                    + " DATE '2020-01-01' + CAST(X AS INT), MOD(X, 2) = 0 FROM SYSTEM_RANGE(1, 500)");
        }
        connector = new GenericJdbcConnector(ConnectionConfig.builder().jdbcUrl(URL).build());
    }

    @AfterAll
    static void shutdown() throws Exception {
        connector.close();
        try (Statement s = keepAlive.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    private static List<String> rows(ArrowReader r) throws Exception {
        List<String> out = new ArrayList<>();
        while (r.loadNextBatch()) {
            VectorSchemaRoot root = r.getVectorSchemaRoot();
            for (int i = 0; i < root.getRowCount(); i++) {
                StringBuilder row = new StringBuilder();
                for (FieldVector v : root.getFieldVectors()) {
                    row.append(v.getObject(i)).append('|');
                }
                out.add(row.toString());
            }
        }
        return out;
    }

    @Test
    void prefetchedRowsEqualDirectRows() throws Exception {
        ReadOptions small = ReadOptions.defaults().withBatchSize(7);
        List<String> direct;
        List<String> prefetched;
        try (BufferAllocator allocator = new RootAllocator()) {
            try (ArrowReader r = connector.readTable(CUSTOMERS, small, allocator)) {
                direct = rows(r);
            }
            try (ArrowReader r = PrefetchingArrowReader.start(
                    connector.readTable(CUSTOMERS, small, allocator), allocator, 2, "customers")) {
                prefetched = rows(r);
            }
            assertThat(allocator.getAllocatedMemory()).isZero();
        }
        assertThat(direct).hasSize(500);
        assertThat(prefetched).containsExactlyElementsOf(direct);
    }

    @Test
    void abandoningALargePrefetchedQueryCancelsItAndLeaksNothing() throws Exception {
        String url = "jdbc:h2:mem:prefetch-big;LAZY_QUERY_EXECUTION=TRUE";
        GenericJdbcConnector big = new GenericJdbcConnector(ConnectionConfig.builder().jdbcUrl(url).build());
        try (BufferAllocator allocator = new RootAllocator()) {
            long start = System.nanoTime();
            ArrowReader r = PrefetchingArrowReader.start(big.readQuery("SELECT X AS n FROM SYSTEM_RANGE(1, 50000000)",
                    ReadOptions.defaults().withBatchSize(1000), allocator), allocator, 2, "big");
            assertThat(r.loadNextBatch()).isTrue();
            assertThat(r.getVectorSchemaRoot().getRowCount()).isEqualTo(1000);
            r.close();
            assertThat((System.nanoTime() - start) / 1_000_000_000.0).as("seconds to abandon 50M rows").isLessThan(10);
            assertThat(allocator.getAllocatedMemory()).isZero();
        }
    }

    @Test
    void aValueErrorInTheSourceReachesTheConsumer() throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader r = PrefetchingArrowReader.start(connector.readQuery(
                        "SELECT CAST(TIMESTAMP '2300-01-01 00:00:00.123456789' AS TIMESTAMP(9)) AS ts",
                        ReadOptions.defaults().withTemporalPrecision(io.flowforge.connector.TemporalPrecision.EXACT),
                        allocator), allocator, 2, "query")) {
            assertThatThrownBy(r::loadNextBatch).isInstanceOf(ConnectorException.class)
                    .hasMessage("Cannot read 'query': value 2300-01-01T00:00:00.123456789 of column 'ts' is outside the "
                            + "range of a nanosecond timestamp (1677-09-21..2262-04-11 for nanoseconds); read with "
                            + "TemporalPrecision.MICROSECONDS to keep it at microsecond precision.");
        }
    }

    @Test
    void theConversionCountsOfTheSourceComeThroughThePrefetcher() throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader r = PrefetchingArrowReader.start(connector.readQuery(
                        "SELECT CAST(TIMESTAMP '2024-01-01 00:00:00.1234567' AS TIMESTAMP(7)) AS ts FROM SYSTEM_RANGE(1, 5)"
                                + " UNION ALL SELECT CAST(TIMESTAMP '2024-01-01 00:00:00.123456' AS TIMESTAMP(7))",
                        ReadOptions.defaults().withBatchSize(2), allocator), allocator, 2, "query")) {
            long rows = 0;
            while (r.loadNextBatch()) {
                rows += r.getVectorSchemaRoot().getRowCount();
            }
            assertThat(rows).isEqualTo(6);
            assertThat(io.flowforge.connector.arrow.ConversionReport.of(r)).extracting(c -> c.column() + "=" + c.count())
                    .containsExactly("ts=5");
        }
    }
}

package io.flowforge.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.TableSplit;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Split reads on H2: the splits of a plan, read concurrently, hold every row exactly once. */
class SplitReadTest {

    private static final String URL = "jdbc:h2:mem:splits;DB_CLOSE_DELAY=-1;DATABASE_TO_UPPER=FALSE";
    private Connection admin;
    private ConnectionConfig config;

    @BeforeEach
    void setUp() throws Exception {
        admin = DriverManager.getConnection(URL, "sa", "pw");
        try (Statement s = admin.createStatement()) {
            // Keys 1..3000 with gaps (every 7th missing), and a far outlier.
            s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, name VARCHAR(20), maybe INT, ts TIMESTAMP)");
            s.execute("INSERT INTO t SELECT X, 'n' || X, NULL, NULL FROM SYSTEM_RANGE(1, 3000) WHERE MOD(X, 7) <> 0");
            s.execute("INSERT INTO t VALUES (1000000, 'outlier', 1, NULL)");
            s.execute("CREATE TABLE nokey (a INT NOT NULL, b INT NOT NULL)");
            s.execute("CREATE TABLE empty_t (id INT PRIMARY KEY)");
        }
        config = ConnectionConfig.builder().jdbcUrl(URL).username("sa").password("pw").build();
    }

    @AfterEach
    void tearDown() throws Exception {
        try (Statement s = admin.createStatement()) {
            s.execute("DROP ALL OBJECTS");
        }
        admin.close();
    }

    private static List<String> readAll(DatabaseConnector db, TableSplit split, BufferAllocator allocator) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ArrowReader r = db.readSplit(split, ReadOptions.defaults().withBatchSize(500), allocator)) {
            while (r.loadNextBatch()) {
                var root = r.getVectorSchemaRoot();
                for (int i = 0; i < root.getRowCount(); i++) {
                    rows.add(root.getVector("id").getObject(i) + ":" + root.getVector("name").getObject(i));
                }
            }
        }
        return rows;
    }

    @ParameterizedTest(name = "{0} splits")
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void concurrentSplitReadsHoldEveryRowOnce(int count) throws Exception {
        List<String> expected = new ArrayList<>();
        try (DatabaseConnector db = Connectors.open("jdbc", config); BufferAllocator allocator = new RootAllocator()) {
            try (ArrowReader r = db.readTable(TableId.of(null, "t"), ReadOptions.defaults(), allocator)) {
                while (r.loadNextBatch()) {
                    var root = r.getVectorSchemaRoot();
                    for (int i = 0; i < root.getRowCount(); i++) {
                        expected.add(root.getVector("id").getObject(i) + ":" + root.getVector("name").getObject(i));
                    }
                }
            }
            List<TableSplit> splits = db.planSplits(TableId.of(null, "t"), Optional.empty(), count);
            assertThat(splits).hasSize(count);
            ExecutorService pool = Executors.newFixedThreadPool(count);
            try {
                List<Future<List<String>>> parts = new ArrayList<>();
                for (TableSplit split : splits) {
                    parts.add(pool.submit(() -> {
                        // One connector per thread, as the SPI asks.
                        try (DatabaseConnector own = Connectors.open("jdbc", config)) {
                            return readAll(own, split, allocator);
                        }
                    }));
                }
                List<String> union = new ArrayList<>();
                for (Future<List<String>> f : parts) {
                    union.addAll(f.get());
                }
                assertThat(union).hasSize(2573).containsExactlyInAnyOrderElementsOf(expected);
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void aSpanSmallerThanTheCountGivesFewerSplits() throws Exception {
        try (Statement s = admin.createStatement()) {
            s.execute("CREATE TABLE small (id INT PRIMARY KEY)");
            s.execute("INSERT INTO small VALUES (5), (6), (7)");
        }
        try (DatabaseConnector db = Connectors.open("jdbc", config)) {
            List<TableSplit> splits = db.planSplits(TableId.of(null, "small"), Optional.empty(), 8);
            assertThat(splits).hasSize(3);
            // The last range ends at MAX inclusive: MAX + 1 could leave the column's type (2^63 for a bigint).
            assertThat(splits).extracting(sp -> "[" + sp.range().lower().orElseThrow().value() + ".."
                    + sp.range().upper().orElseThrow().value() + (sp.range().upperInclusive() ? "]" : ")"))
                    .containsExactly("[5..6)", "[6..7)", "[7..7]");
        }
    }

    @Test
    void anEmptyTableIsOneEmptySplit() throws Exception {
        try (DatabaseConnector db = Connectors.open("jdbc", config); BufferAllocator allocator = new RootAllocator()) {
            List<TableSplit> splits = db.planSplits(TableId.of(null, "empty_t"), Optional.empty(), 4);
            assertThat(splits).hasSize(1);
            assertThat(readAll(db, splits.get(0), allocator)).isEmpty();
        }
    }

    @Test
    void columnsThatCannotSplitAreRefusedByName() throws Exception {
        try (DatabaseConnector db = Connectors.open("jdbc", config)) {
            assertThatThrownBy(() -> db.planSplits(TableId.of(null, "t"), Optional.of("maybe"), 2))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessage("Column 't.maybe' is nullable: rows holding NULL would be in no split. Split by an integer NOT NULL column.");
            assertThatThrownBy(() -> db.planSplits(TableId.of(null, "t"), Optional.of("name"), 2))
                    .hasMessageStartingWith("Column 't.name' has type CHARACTER VARYING: reads are split by an integer column.");
            assertThatThrownBy(() -> db.planSplits(TableId.of(null, "nokey"), Optional.empty(), 2))
                    .hasMessage("Table 'nokey' has no single-column primary key: name an integer NOT NULL column to split its reads by.");
        }
    }
}

package io.flowforge.ingest;

import io.flowforge.bronze.DuckDb;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.bronze.store.LocalObjectStore;
import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.UpperBoundStrategy;
import io.flowforge.connector.Watermark;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Three incremental runs per delta column type (integer, decimal, date, datetime, datetime2) with
 * ties at the boundary inserted between runs: the union of the bronze files equals the source
 * rows, each once.
 */
class DeltaColumnTypesTest {

    @TempDir Path lake;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "INT; 1; 2; 3; INTEGER",
        "DECIMAL(12,4); 1.0001; 1.0002; 1.0003; DECIMAL",
        "DATE; DATE '2024-01-01'; DATE '2024-01-02'; DATE '2024-01-03'; DATE",
        "DATETIME; TIMESTAMP '2024-01-01 00:00:00.003'; TIMESTAMP '2024-01-01 00:00:00.007'; TIMESTAMP '2024-01-01 00:00:00.010'; TIMESTAMP",
        "DATETIME2(7); TIMESTAMP '2024-01-01 00:00:00.1234567'; TIMESTAMP '2024-01-01 00:00:00.1234568'; TIMESTAMP '2024-01-01 00:00:00.1234569'; TIMESTAMP",
    })
    void threeRunsWithTiesLandEveryRowOnce(String type, String v1, String v2, String v3, String watermarkType) throws Exception {
        String url = "jdbc:h2:mem:delta" + Math.abs(type.hashCode()) + ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;DB_CLOSE_DELAY=-1";
        try (Connection admin = DriverManager.getConnection(url, "sa", "pw"); Statement st = admin.createStatement();
                RootAllocator allocator = new RootAllocator()) {
            st.execute("CREATE TABLE t (id INT PRIMARY KEY, d " + type + ")");
            st.execute("INSERT INTO t VALUES (1, " + v1 + "), (2, " + v2 + "), (3, " + v2 + ")");
            ConnectionConfig conn = ConnectionConfig.builder().jdbcUrl(url).username("sa").password("pw").build();
            JobConfig job = new JobConfig("j", Optional.empty(), new JobConfig.Source("jdbc", conn,
                    Optional.of(TableId.of(null, "t")), Optional.empty(), true, Optional.of("d"),
                    UpperBoundStrategy.MAX_EXCLUSIVE, Duration.ZERO, ReadOptions.defaults()),
                    new JobConfig.Destination("bt", "snappy", new JobConfig.LocalStorage(lake)));
            List<IngestionResult> results = new ArrayList<>();
            try (DatabaseConnector c = Connectors.open("jdbc", conn)) {
                BronzeIngestion ingestion = new BronzeIngestion(new LocalObjectStore(lake));
                results.add(ingestion.run(job, c, allocator));              // reads id 1; 2 and 3 hold the max
                st.execute("INSERT INTO t VALUES (4, " + v2 + "), (5, " + v3 + ")");  // a tie at the watermark, and a newer row
                results.add(ingestion.run(job, c, allocator));              // reads 2, 3, 4
                st.execute("INSERT INTO t VALUES (6, " + v3 + "), (7, " + v3 + ")");
                st.execute("INSERT INTO t VALUES (8, " + bump(type) + ")");
                results.add(ingestion.run(job, c, allocator));              // reads 5, 6, 7
            }
            assertThat(results).extracting(IngestionResult::recordsProcessed).containsExactly(1L, 3L, 3L);
            assertThat(results.get(2).watermarkAfter().orElseThrow().value().type()).isEqualTo(Watermark.Type.valueOf(watermarkType));
            List<String> bronze = DuckDb.rows("SELECT id FROM read_parquet('" + lake.resolve("bronze/bt") + "/*.parquet') ORDER BY id");
            assertThat(bronze).containsExactly("1", "2", "3", "4", "5", "6", "7");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM t")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(8);   // id 8 holds the new maximum and waits for the next run
            }
        }
    }

    private static String bump(String type) {
        return switch (type) {
            case "INT" -> "4";
            case "DECIMAL(12,4)" -> "1.0004";
            case "DATE" -> "DATE '2024-01-04'";
            case "DATETIME" -> "TIMESTAMP '2024-01-01 00:00:00.013'";
            default -> "TIMESTAMP '2024-01-01 00:00:00.1234570'";
        };
    }
}

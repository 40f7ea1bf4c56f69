package io.flowforge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.bronze.DuckDb;
import io.flowforge.bronze.store.LocalObjectStore;
import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values changed by the default microsecond precision are counted in the run's result, never silent. */
class ConversionReportingTest {

    @TempDir Path lake;

    @Test
    void subMicrosecondDigitsDroppedByTheDefaultAreCountedInTheResult() throws Exception {
        String url = "jdbc:h2:mem:conversions;DB_CLOSE_DELAY=-1";
        try (Connection admin = DriverManager.getConnection(url, "sa", "pw"); Statement st = admin.createStatement()) {
            st.execute("CREATE TABLE t (id INT PRIMARY KEY, ts TIMESTAMP(9))");
            st.execute("INSERT INTO t VALUES (1, TIMESTAMP '2024-01-01 10:00:00.1234567'), (2, TIMESTAMP '2024-01-01 10:00:00.123456'),"
                    + " (3, TIMESTAMP '9999-12-31 23:59:59.9999999'), (4, NULL)");
            JobConfig job = JobConfigParser.parse("""
                    {"job_id": "conv", "source_config": {"type": "jdbc", "connection": {"jdbcUrl": "%s", "username": "sa", "password": "pw"},
                      "databaseConfig": {"tableName": "T"}},
                     "destination_config": {"bronzeConfig": {"tableName": "bronze_t"}, "storage": {"type": "local", "path": "%s"}}}
                    """.formatted(url, lake));
            IngestionResult r;
            try (DatabaseConnector c = Connectors.open("jdbc", job.source().connection()); RootAllocator allocator = new RootAllocator()) {
                r = new BronzeIngestion(new LocalObjectStore(lake)).run(job, c, allocator);
            }
            assertThat(r.conversions()).singleElement().satisfies(cc -> {
                assertThat(cc.column()).isEqualTo("TS");
                assertThat(cc.count()).isEqualTo(2);
            });
            @SuppressWarnings("unchecked")
            var listed = (java.util.List<Map<String, Object>>) r.toMap().get("conversions");
            assertThat(listed).singleElement().satisfies(m -> assertThat(m.get("description"))
                    .isEqualTo("T.TS: 2 values with a non-zero 7th (or later) fractional digit truncated to microseconds"));
            Path file = Path.of(java.net.URI.create(r.bronzeFilePath().orElseThrow()));
            assertThat(DuckDb.rows("SELECT id || ' ' || coalesce(strftime(TS, '%Y-%m-%d %H:%M:%S.%f'), 'NULL') FROM read_parquet('"
                    + file + "') ORDER BY id")).containsExactly("1 2024-01-01 10:00:00.123456", "2 2024-01-01 10:00:00.123456",
                    "3 9999-12-31 23:59:59.999999", "4 NULL");
            st.execute("SHUTDOWN");
        }
    }
}

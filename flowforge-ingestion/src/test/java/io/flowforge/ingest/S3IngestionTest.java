package io.flowforge.ingest;

import io.flowforge.bronze.DuckDb;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.bronze.S3ProxyServer;
import io.flowforge.bronze.store.S3ObjectStore;
import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.Secret;
import io.flowforge.connector.TableId;
import io.flowforge.connector.UpperBoundStrategy;
import io.minio.ListMultipartUploadsArgs;
import io.minio.MakeBucketArgs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An incremental job whose data and state both live in S3 (S3Proxy in-process), run twice. */
class S3IngestionTest {

    private static final String BUCKET = "flowforge-data";
    @TempDir Path tmp;

    @Test
    void dataAndStateLandInTheBucket() throws Exception {
        String url = "jdbc:h2:mem:s3ingest;MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;DB_CLOSE_DELAY=-1";
        try (S3ProxyServer s3 = new S3ProxyServer();
                S3ObjectStore store = new S3ObjectStore(s3.config(BUCKET));
                Connection admin = DriverManager.getConnection(url, "sa", "pw");
                Statement st = admin.createStatement()) {
            store.client().makeBucket(MakeBucketArgs.builder().bucket(BUCKET).build()).get();
            st.execute("CREATE TABLE orders (id INT PRIMARY KEY, amount DECIMAL(15,2), modified_date DATETIME2)");
            st.execute("INSERT INTO orders SELECT X, X * 1.25, TIMESTAMP '2024-01-01 00:00:00' + X * INTERVAL '1' SECOND"
                    + " FROM SYSTEM_RANGE(1, 20000)");

            ConnectionConfig conn = ConnectionConfig.builder().jdbcUrl(url).username("sa").password("pw").build();
            JobConfig.Source src = new JobConfig.Source("jdbc", conn, Optional.of(TableId.of(null, "orders")),
                    Optional.empty(), true, Optional.of("modified_date"), UpperBoundStrategy.AUTO, Duration.ZERO,
                    ReadOptions.defaults().withBatchSize(3000));
            JobConfig.Destination dst = new JobConfig.Destination("bronze_orders", "snappy", new JobConfig.S3Storage(
                    s3.endpoint(), "us-east-1", BUCKET, S3ProxyServer.ACCESS_KEY, Secret.of(S3ProxyServer.SECRET_KEY), true, ""));

            IngestionResult first = BronzeIngestion.ingestFromDatabase(new JobConfig("orders_job", Optional.of("b1"), src, dst));
            assertThat(first.recordsProcessed()).isEqualTo(20_000);
            assertThat(first.bronzeFilePath()).contains("s3://flowforge-data/bronze/bronze_orders/b1.parquet");

            st.execute("UPDATE orders SET amount = -1, modified_date = LOCALTIMESTAMP WHERE id IN (5, 50, 500)");
            Thread.sleep(5);
            IngestionResult second = BronzeIngestion.ingestFromDatabase(new JobConfig("orders_job", Optional.of("b2"), src, dst));
            assertThat(second.recordsProcessed()).isEqualTo(3);

            Path f1 = tmp.resolve("b1.parquet");
            Path f2 = tmp.resolve("b2.parquet");
            Files.write(f1, store.get("bronze/bronze_orders/b1.parquet").orElseThrow());
            Files.write(f2, store.get("bronze/bronze_orders/b2.parquet").orElseThrow());
            assertThat(DuckDb.rows("SELECT count(*), sum(amount) FROM read_parquet('" + f1 + "')"))
                    .containsExactly("20000|250012500.00");
            assertThat(DuckDb.rows("SELECT id, amount FROM read_parquet('" + f2 + "') ORDER BY id"))
                    .containsExactly("5|-1.00", "50|-1.00", "500|-1.00");

            String state = store.getString("_flowforge/state/orders_job/orders.json").orElseThrow();
            assertThat(state).contains("\"last_batch_id\" : \"b2\"").contains("\"pending\" : null")
                    .contains(second.watermarkAfter().orElseThrow().value().value());
            assertThat(store.client().listMultipartUploads(ListMultipartUploadsArgs.builder().bucket(BUCKET).build())
                    .get().result().uploads()).isEmpty();
        }
    }
}

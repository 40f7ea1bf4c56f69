package io.flowforge.bronze;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.bronze.parquet.ParquetWriteOptions;
import io.flowforge.bronze.store.LocalObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which encoding each column chunk gets, and that DuckDB reads every value back: columns whose
 * values hardly repeat are PLAIN in every row group (after the first, without trying a
 * dictionary again), repeating ones keep PLAIN_DICTIONARY in every row group, strings' min/max
 * statistics stay exact (empty and non-ASCII strings included), and a NULL-only column reads as NULLs.
 */
class EncodingChoicesTest {
    static final int BATCH = 10_000;
    static final int BATCHES = 12;
    /** Cities: the empty string and non-ASCII ones included; unsigned byte order puts "" first and "東京" last. */
    static final String[] CITIES = {"", "Zürich", "東京", "Amsterdam", "Ørsted", "city with spaces", "Åre"};

    @TempDir
    Path dir;

    static boolean isNull(long id) {
        return id % 11 == 3;
    }

    static void fill(int batch, VectorSchemaRoot root) {
        IntVector id = (IntVector) root.getVector(0);
        VarCharVector email = (VarCharVector) root.getVector(1);
        VarCharVector city = (VarCharVector) root.getVector(2);
        BigIntVector created = (BigIntVector) root.getVector(3);
        IntVector bucket = (IntVector) root.getVector(4);
        VarCharVector nothing = (VarCharVector) root.getVector(5);
        for (int i = 0; i < BATCH; i++) {
            int v = batch * BATCH + i;
            id.setSafe(i, v);
            if (isNull(v)) {
                email.setNull(i);
                city.setNull(i);
                created.setNull(i);
                bucket.setNull(i);
            } else {
                email.setSafe(i, ("customer" + v + "@example.com").getBytes(StandardCharsets.UTF_8));
                city.setSafe(i, CITIES[v % CITIES.length].getBytes(StandardCharsets.UTF_8));
                created.setSafe(i, 1_600_000_000_000_000L + v * 1_000_003L);
                bucket.setSafe(i, v % 40);
            }
            nothing.setNull(i);
        }
        root.setRowCount(BATCH);
    }

    @Test
    void uniqueColumnsGoPlainRepeatingOnesKeepTheirDictionaryAndEveryValueReadsBack() throws Exception {
        Schema schema = new Schema(List.of(
                new Field("id", new FieldType(false, new ArrowType.Int(32, true), null), null),
                new Field("email", new FieldType(true, ArrowType.Utf8.INSTANCE, null), null),
                new Field("city", new FieldType(true, ArrowType.Utf8.INSTANCE, null), null),
                new Field("created", new FieldType(true, new ArrowType.Int(64, true), null), null),
                new Field("bucket", new FieldType(true, new ArrowType.Int(32, true), null), null),
                new Field("nothing", new FieldType(true, ArrowType.Utf8.INSTANCE, null), null)));
        LocalObjectStore store = LocalObjectStore.at(dir.toUri().toString());
        // 256 KiB row groups, 32 KiB pages: several row groups, several pages in each.
        ParquetWriteOptions options = ParquetWriteOptions.defaults().withRowGroupBytes(256 * 1024).withPageBytes(32 * 1024);
        BronzeWriteResult result;
        try (BufferAllocator allocator = new RootAllocator();
                TestArrowReader reader = new TestArrowReader(allocator, schema, BATCHES, EncodingChoicesTest::fill)) {
            result = new BronzeWriter(store, options).write(reader,
                    IngestionMetadata.of("bronze_customers", "batch_7", "sql-server", "dbo.customers",
                            Instant.parse("2025-11-08T10:00:00Z")));
        }
        Path file = dir.resolve(result.objectKey());
        long rows = (long) BATCH * BATCHES;
        assertThat(result.rowGroups()).isGreaterThanOrEqualTo(3);

        // Every value, row by row, against the generator.
        StringBuilder cityCase = new StringBuilder("CASE id % " + CITIES.length);
        for (int i = 0; i < CITIES.length; i++) {
            cityCase.append(" WHEN ").append(i).append(" THEN '").append(CITIES[i]).append('\'');
        }
        cityCase.append(" END");
        List<Map<String, Object>> wrong = DuckDb.query(file, "SELECT id FROM read_parquet($f) WHERE"
                + " CASE WHEN id % 11 = 3 THEN NOT (email IS NULL AND city IS NULL AND created IS NULL AND bucket IS NULL)"
                + " ELSE (email IS DISTINCT FROM 'customer' || id || '@example.com' OR city IS DISTINCT FROM " + cityCase
                + " OR created IS DISTINCT FROM 1600000000000000 + CAST(id AS BIGINT) * 1000003 OR bucket IS DISTINCT FROM id % 40) END"
                + " OR nothing IS NOT NULL LIMIT 5");
        assertThat(wrong).isEmpty();
        Map<String, Object> totals = DuckDb.query(file, "SELECT count(*) AS n, count(DISTINCT id) AS d, count(email) AS e,"
                + " count(DISTINCT city) AS c, count(nothing) AS z FROM read_parquet($f)").get(0);
        long nulls = java.util.stream.LongStream.range(0, rows).filter(EncodingChoicesTest::isNull).count();
        assertThat(totals).containsEntry("n", rows).containsEntry("d", rows).containsEntry("e", rows - nulls)
                .containsEntry("c", (long) CITIES.length).containsEntry("z", 0L);

        // Encodings per column chunk.
        List<Map<String, Object>> chunks = DuckDb.query(file, "SELECT path_in_schema AS col, row_group_id AS rg,"
                + " encodings, stats_min_value AS lo, stats_max_value AS hi FROM parquet_metadata($f)"
                + " ORDER BY row_group_id, column_id");
        for (Map<String, Object> c : chunks) {
            String col = (String) c.get("col");
            String encodings = String.valueOf(c.get("encodings"));
            switch (col) {
                case "id", "email", "created" -> assertThat(encodings).as("%s in row group %s", col, c.get("rg"))
                        .doesNotContain("DICTIONARY");
                case "city", "bucket" -> assertThat(encodings).as("%s in row group %s", col, c.get("rg"))
                        .contains("PLAIN_DICTIONARY");
                default -> { }
            }
            if (col.equals("city")) {
                assertThat(c.get("lo")).isEqualTo("");
                assertThat(c.get("hi")).isEqualTo("東京");
            }
        }
        // String statistics per row group are exactly the min and max DuckDB sees in that row group's rows.
        Map<String, Object> emailStats = DuckDb.query(file, "SELECT min(stats_min_value) AS lo, max(stats_max_value) AS hi"
                + " FROM parquet_metadata($f) WHERE path_in_schema = 'email'").get(0);
        Map<String, Object> emailValues = DuckDb.query(file, "SELECT min(email) AS lo, max(email) AS hi FROM read_parquet($f)")
                .get(0);
        assertThat(emailStats.get("lo")).isEqualTo(emailValues.get("lo"));
        assertThat(emailStats.get("hi")).isEqualTo(emailValues.get("hi"));
        // Filters on the statistics still prune correctly (a value only in one row group is found once).
        assertThat(DuckDb.query(file, "SELECT count(*) AS n FROM read_parquet($f) WHERE email = 'customer99999@example.com'")
                .get(0)).containsEntry("n", 1L);
    }
}

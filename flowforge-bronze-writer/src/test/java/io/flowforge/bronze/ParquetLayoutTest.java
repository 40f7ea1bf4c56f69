package io.flowforge.bronze;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.bronze.parquet.ParquetWriteOptions;
import io.flowforge.bronze.store.LocalObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file's layout under the column-at-a-time encoder: row groups flushed in the middle of
 * batches, NULLs on both sides of the encoder's row slices, and the constant audit columns
 * written as pages (one dictionary value, RLE-run indexes), all read back by DuckDB.
 */
class ParquetLayoutTest {
    static final int BATCH = 10_000;
    static final int BATCHES = 30;
    static final Instant NOW = Instant.parse("2025-11-08T10:00:00Z");

    @TempDir
    Path dir;

    static boolean isNull(long id) {
        // Every 7th row, plus rows around the encoder's 4096-row slice boundaries.
        long inBatch = id % BATCH;
        return id % 7 == 0 || inBatch == 4095 || inBatch == 4096 || inBatch == 8191;
    }

    static void fill(int batch, VectorSchemaRoot root) {
        BigIntVector id = (BigIntVector) root.getVector(0);
        VarCharVector name = (VarCharVector) root.getVector(1);
        BigIntVector amount = (BigIntVector) root.getVector(2);
        for (int i = 0; i < BATCH; i++) {
            long v = (long) batch * BATCH + i;
            id.setSafe(i, v);
            if (isNull(v)) {
                name.setNull(i);
                amount.setNull(i);
            } else {
                name.setSafe(i, ("customer " + v).getBytes(StandardCharsets.UTF_8));
                amount.setSafe(i, v * 3);
            }
        }
        root.setRowCount(BATCH);
    }

    /**
     * 256 KiB row groups: a flush every few slices, mostly in the middle of a 10,000-row batch.
     * 64 MiB: one row group of 300,000 rows, so each audit column has 15 data pages of 20,000 rows.
     */
    @ParameterizedTest
    @ValueSource(ints = {256 * 1024, 64 * 1024 * 1024})
    void everyRowValueAndAuditColumnSurvives(int rowGroupBytes) throws Exception {
        Schema schema = new Schema(List.of(
                new Field("id", new FieldType(false, new ArrowType.Int(64, true), null), null),
                new Field("name", new FieldType(true, ArrowType.Utf8.INSTANCE, null), null),
                new Field("amount", new FieldType(true, new ArrowType.Int(64, true), null), null)));
        LocalObjectStore store = LocalObjectStore.at(dir.toUri().toString());
        ParquetWriteOptions options = ParquetWriteOptions.defaults().withRowGroupBytes(rowGroupBytes).withPageBytes(16 * 1024);
        BronzeWriteResult result;
        try (BufferAllocator allocator = new RootAllocator();
                TestArrowReader reader = new TestArrowReader(allocator, schema, BATCHES, ParquetLayoutTest::fill)) {
            result = new BronzeWriter(store, options).write(reader,
                    IngestionMetadata.of("bronze_customers", "batch_042", "sql-server", "dbo.customers", NOW));
        }
        Path file = dir.resolve(result.objectKey());
        long rows = (long) BATCH * BATCHES;
        assertThat(result.recordsProcessed()).isEqualTo(rows);
        if (rowGroupBytes < 1024 * 1024) {
            assertThat(result.rowGroups()).isGreaterThan(3);
        } else {
            assertThat(result.rowGroups()).isEqualTo(1);
        }

        // Every row once, every value where it belongs: compared row by row against the generator.
        List<Map<String, Object>> wrong = DuckDb.query(file, "SELECT id, name, amount FROM read_parquet($f) WHERE "
                + "(name IS NULL) <> (id % 7 = 0 OR id % 10000 IN (4095, 4096, 8191))"
                + " OR (name IS NOT NULL AND (name <> 'customer ' || id OR amount <> id * 3))"
                + " OR (name IS NULL AND amount IS NOT NULL) LIMIT 5");
        assertThat(wrong).isEmpty();
        Map<String, Object> totals = one(file, "SELECT count(*) AS n, count(DISTINCT id) AS d, min(id) AS lo,"
                + " max(id) AS hi, count(name) AS names FROM read_parquet($f)");
        long expectedNulls = java.util.stream.LongStream.range(0, rows).filter(ParquetLayoutTest::isNull).count();
        assertThat(totals).containsEntry("n", rows).containsEntry("d", rows).containsEntry("lo", 0L)
                .containsEntry("hi", rows - 1).containsEntry("names", rows - expectedNulls);

        // Audit columns: the constant on every row of every row group, never NULL.
        Map<String, Object> audit = one(file, "SELECT count(*) FILTER (WHERE _batch_id = 'batch_042'"
                + " AND _source_system = 'sql-server' AND _source_file = 'dbo.customers'"
                + " AND _ingestion_time = TIMESTAMPTZ '2025-11-08 10:00:00+00'"
                + " AND _file_modified_time = TIMESTAMPTZ '2025-11-08 10:00:00+00') AS ok FROM read_parquet($f)");
        assertThat(audit).containsEntry("ok", rows);

        // Their chunks: one per row group, as many values as the row group has rows, min = max = the value.
        List<Map<String, Object>> chunks = DuckDb.query(file, "SELECT row_group_id, row_group_num_rows, num_values,"
                + " stats_min_value, stats_max_value, stats_null_count, encodings FROM parquet_metadata($f)"
                + " WHERE path_in_schema = '_batch_id' ORDER BY row_group_id");
        assertThat(chunks).hasSize(result.rowGroups());
        assertThat(chunks.stream().mapToLong(c -> ((Number) c.get("row_group_num_rows")).longValue()).sum()).isEqualTo(rows);
        for (Map<String, Object> c : chunks) {
            assertThat(((Number) c.get("num_values")).longValue())
                    .isEqualTo(((Number) c.get("row_group_num_rows")).longValue());
            assertThat(c.get("stats_min_value")).isEqualTo("batch_042");
            assertThat(c.get("stats_max_value")).isEqualTo("batch_042");
            assertThat(((Number) c.get("stats_null_count")).longValue()).isZero();
            assertThat(String.valueOf(c.get("encodings"))).contains("PLAIN_DICTIONARY");
        }
    }

    /**
     * The default row-group size bounds what the writer buffers: 20 batches of 10,000 random
     * 200-byte values (~40 MB that Snappy cannot shrink) with {@link ParquetWriteOptions#defaults()}
     * make row groups of at most the default size of compressed column chunks, as DuckDB reads the
     * footer, plus the one slice and one page checked after the bound is reached; every full row group
     * reaches the bound, so the writer does not flush early either.
     */
    @Test
    void defaultRowGroupsHoldAtMostTheDefaultSize() throws Exception {
        Schema schema = new Schema(List.of(
                new Field("id", new FieldType(false, new ArrowType.Int(64, true), null), null),
                new Field("payload", new FieldType(false, ArrowType.Binary.INSTANCE, null), null)));
        int batches = 20;
        Random random = new Random(42);
        byte[] value = new byte[200];
        LocalObjectStore store = LocalObjectStore.at(dir.toUri().toString());
        BronzeWriteResult result;
        try (BufferAllocator allocator = new RootAllocator();
                TestArrowReader reader = new TestArrowReader(allocator, schema, batches, (batch, root) -> {
                    BigIntVector id = (BigIntVector) root.getVector(0);
                    VarBinaryVector payload = (VarBinaryVector) root.getVector(1);
                    for (int i = 0; i < BATCH; i++) {
                        id.setSafe(i, (long) batch * BATCH + i);
                        random.nextBytes(value);
                        payload.setSafe(i, value);
                    }
                    root.setRowCount(BATCH);
                })) {
            result = new BronzeWriter(store, ParquetWriteOptions.defaults()).write(reader,
                    IngestionMetadata.of("bronze_blobs", "batch_007", "sql-server", "dbo.blobs", NOW));
        }
        Path file = dir.resolve(result.objectKey());
        long bound = ParquetWriteOptions.DEFAULT_ROW_GROUP_BYTES;
        long slack = 4096L * (8 + 4 + 200) + ParquetWriteOptions.DEFAULT_PAGE_BYTES;
        List<Map<String, Object>> groups = DuckDb.query(file, "SELECT row_group_id AS g, sum(total_compressed_size) AS bytes,"
                + " max(row_group_num_rows) AS n FROM parquet_metadata($f) GROUP BY row_group_id ORDER BY row_group_id");
        assertThat(groups).hasSize(result.rowGroups()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(groups.stream().mapToLong(g -> ((Number) g.get("n")).longValue()).sum()).isEqualTo((long) batches * BATCH);
        for (Map<String, Object> g : groups) {
            assertThat(((Number) g.get("bytes")).longValue()).as("row group %s", g.get("g")).isLessThanOrEqualTo(bound + slack);
        }
        for (Map<String, Object> g : groups.subList(0, groups.size() - 1)) {
            assertThat(((Number) g.get("bytes")).longValue()).as("row group %s", g.get("g")).isGreaterThanOrEqualTo(bound - slack);
        }
    }

    private static Map<String, Object> one(Path file, String sql) throws Exception {
        List<Map<String, Object>> rows = DuckDb.query(file, sql);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }
}

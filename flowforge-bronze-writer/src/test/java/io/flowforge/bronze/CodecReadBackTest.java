package io.flowforge.bronze;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.bronze.parquet.ParquetWriteOptions;
import io.flowforge.bronze.store.LocalObjectStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every codec over hundreds of 8 KiB pages: the compressor reuses its arrays from
 * page to page, so a page whose bytes were kept by reference instead of copied would show up here
 * as a wrong value (or an unreadable page) when DuckDB reads the file back.
 */
class CodecReadBackTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"SNAPPY", "ZSTD", "GZIP", "UNCOMPRESSED"})
    void everyPageOfEveryCodecReadsBack(CompressionCodecName codec) throws Exception {
        Schema schema = new Schema(List.of(
                new Field("id", new FieldType(false, new ArrowType.Int(64, true), null), null),
                new Field("name", new FieldType(true, ArrowType.Utf8.INSTANCE, null), null),
                new Field("amount", new FieldType(true, new ArrowType.Int(64, true), null), null)));
        LocalObjectStore store = LocalObjectStore.at(dir.toUri().toString());
        ParquetWriteOptions options = ParquetWriteOptions.defaults().withCodec(codec).withRowGroupBytes(256 * 1024)
                .withPageBytes(8 * 1024);
        BronzeWriteResult result;
        try (BufferAllocator allocator = new RootAllocator();
                TestArrowReader reader = new TestArrowReader(allocator, schema, 20, ParquetLayoutTest::fill)) {
            result = new BronzeWriter(store, options).write(reader,
                    IngestionMetadata.of("bronze_customers", "batch_1", "sql-server", "dbo.customers",
                            Instant.parse("2025-11-08T10:00:00Z")));
        }
        Path file = dir.resolve(result.objectKey());
        long rows = 20L * ParquetLayoutTest.BATCH;
        List<Map<String, Object>> codecs = DuckDb.query(file, "SELECT DISTINCT compression FROM parquet_metadata($f)");
        assertThat(codecs).extracting(m -> m.get("compression")).containsExactly(codec.name());
        List<Map<String, Object>> wrong = DuckDb.query(file, "SELECT id FROM read_parquet($f) WHERE "
                + "(name IS NULL) <> (id % 7 = 0 OR id % 10000 IN (4095, 4096, 8191))"
                + " OR (name IS NOT NULL AND (name <> 'customer ' || id OR amount <> id * 3))"
                + " OR (name IS NULL AND amount IS NOT NULL) OR _batch_id <> 'batch_1' LIMIT 5");
        assertThat(wrong).isEmpty();
        assertThat(DuckDb.query(file, "SELECT count(*) AS n, count(DISTINCT id) AS d FROM read_parquet($f)").get(0))
                .containsEntry("n", rows).containsEntry("d", rows);
    }
}

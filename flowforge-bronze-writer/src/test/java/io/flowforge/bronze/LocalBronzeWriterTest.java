package io.flowforge.bronze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.bronze.parquet.ParquetWriteOptions;
import io.flowforge.bronze.store.AtomicObjectWrite;
import io.flowforge.bronze.store.LocalObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local-folder store: layout, atomic rename, failures, errors and the small-object helpers. */
class LocalBronzeWriterTest {
    static final Instant NOW = Instant.parse("2025-11-08T10:00:00Z");

    @TempDir
    Path dir;

    static Schema schema(String secondColumn, boolean secondNullable) {
        return new Schema(List.of(new Field("id", new FieldType(false, new ArrowType.Int(32, true), null), null),
                new Field(secondColumn, new FieldType(secondNullable, ArrowType.Utf8.INSTANCE, null), null)));
    }

    static void fill(int batch, VectorSchemaRoot root) {
        for (int i = 0; i < 1000; i++) {
            ((IntVector) root.getVector(0)).setSafe(i, batch * 1000 + i);
            ((VarCharVector) root.getVector(1)).setSafe(i, ("row " + (batch * 1000 + i)).getBytes(StandardCharsets.UTF_8));
        }
        root.setRowCount(1000);
    }

    static IngestionMetadata metadata() {
        return IngestionMetadata.of("bronze_customers", "batch_001", "sql-server", "dbo.customers", NOW);
    }

    List<Path> filesUnder(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void writesAtTheBronzeLayoutPathAndReplacesOnRerun() throws Exception {
        LocalObjectStore store = LocalObjectStore.at(dir.toUri().toString());
        for (int run = 0; run < 2; run++) {
            try (BufferAllocator allocator = new RootAllocator();
                    TestArrowReader reader = new TestArrowReader(allocator, schema("name", true), 3 + run, LocalBronzeWriterTest::fill)) {
                BronzeWriteResult result = new BronzeWriter(store).write(reader, metadata());
                assertThat(result.objectKey()).isEqualTo("bronze/bronze_customers/batch_001.parquet");
                assertThat(result.bytesWritten()).isEqualTo(Files.size(dir.resolve(result.objectKey())));
            }
        }
        assertThat(filesUnder(dir)).containsExactly(dir.resolve("bronze/bronze_customers/batch_001.parquet"));
        assertThat(DuckDb.count(dir.resolve("bronze/bronze_customers/batch_001.parquet"))).isEqualTo(4000);
    }

    @Test
    void sourceFailureLeavesNeitherTheObjectNorATemporaryFile() throws Exception {
        LocalObjectStore store = new LocalObjectStore(dir);
        try (BufferAllocator allocator = new RootAllocator();
                TestArrowReader reader = new TestArrowReader(allocator, schema("name", true), 5, LocalBronzeWriterTest::fill, 2)) {
            assertThatThrownBy(() -> new BronzeWriter(store).write(reader, metadata()))
                    .isInstanceOf(BronzeWriteException.class)
                    .hasMessage("writing bronze table bronze_customers batch batch_001 (" + store.uri("bronze/bronze_customers/batch_001.parquet")
                            + ") failed after 2 batches (2000 rows); nothing was left at the final key: source failed after 2 batches");
        }
        assertThat(filesUnder(dir)).isEmpty();
    }

    @Test
    void sourceColumnNamedLikeAnAuditColumnIsAnError() throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                TestArrowReader reader = new TestArrowReader(allocator, schema("_Batch_Id", true), 1, LocalBronzeWriterTest::fill)) {
            assertThatThrownBy(() -> new BronzeWriter(new LocalObjectStore(dir)).write(reader, metadata()))
                    .isInstanceOf(BronzeWriteException.class)
                    .hasMessage("source column '_Batch_Id' of dbo.customers has the name of the audit column '_batch_id'"
                            + " that bronze adds to every row; rename or alias it in the source query");
        }
        assertThat(Files.exists(dir.resolve("bronze"))).isFalse();
    }

    @Test
    void sourceColumnsDifferingOnlyInCaseAreAnError() throws Exception {
        Schema schema = new Schema(List.of(Field.nullable("id", new ArrowType.Int(32, true)), Field.nullable("A", ArrowType.Utf8.INSTANCE),
                Field.nullable("a", ArrowType.Utf8.INSTANCE)));
        try (BufferAllocator allocator = new RootAllocator();
                TestArrowReader reader = new TestArrowReader(allocator, schema, 1, (b, r) -> { })) {
            assertThatThrownBy(() -> new BronzeWriter(new LocalObjectStore(dir)).write(reader, metadata()))
                    .isInstanceOf(BronzeWriteException.class)
                    .hasMessage("source columns 'A' and 'a' of dbo.customers differ only in case, which query engines reading"
                            + " bronze do not tell apart (DuckDB renames one, Spark refuses the file); alias one of them in a"
                            + " source query, e.g. \"a\" AS a_2");
        }
        assertThat(Files.exists(dir.resolve("bronze"))).isFalse();
    }

    /**
     * Why: the Parquet file such a source made before (written here by the encoder, without the
     * check) reads back in DuckDB with the second column renamed.
     */
    @Test
    void duckDbRenamesOneOfTwoColumnsDifferingOnlyInCase() throws Exception {
        Schema schema = new Schema(List.of(Field.nullable("A", new ArrowType.Int(32, true)), Field.nullable("a", new ArrowType.Int(32, true))));
        LocalObjectStore store = new LocalObjectStore(dir);
        try (BufferAllocator allocator = new RootAllocator(); VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
                AtomicObjectWrite out = store.openAtomicWrite("both.parquet")) {
            ((IntVector) root.getVector(0)).setSafe(0, 1);
            ((IntVector) root.getVector(1)).setSafe(0, 2);
            root.setRowCount(1);
            var parquet = io.flowforge.bronze.parquet.ParquetBatchWriter.open(out, schema, List.of(), ParquetWriteOptions.defaults(), Map.of());
            parquet.write(root);
            parquet.finish();
            out.commit();
        }
        assertThat(DuckDb.query(dir.resolve("both.parquet"), "SELECT * FROM read_parquet($f)"))
                .containsExactly(Map.of("A", 1, "a_1", 2));
    }

    @Test
    void unsupportedArrowTypeIsAnErrorNamingTheColumn() throws Exception {
        Schema schema = new Schema(List.of(new Field("span", new FieldType(true, new ArrowType.Duration(TimeUnit.SECOND), null), null)));
        try (BufferAllocator allocator = new RootAllocator();
                TestArrowReader reader = new TestArrowReader(allocator, schema, 0, (b, r) -> { })) {
            assertThatThrownBy(() -> new BronzeWriter(new LocalObjectStore(dir)).write(reader, metadata()))
                    .isInstanceOf(BronzeWriteException.class)
                    .hasMessageEndingWith("nothing was left at the final key: column 'span' has Arrow type Duration(SECOND),"
                            + " which the bronze writer cannot store in Parquet; cast it in the source query to a supported type"
                            + " (boolean, integers, float, double, decimal, date, time, timestamp, string, binary, fixed-size binary)");
        }
        assertThat(Files.exists(dir.resolve("bronze"))).isFalse();
    }

    @Test
    void nullInANonNullableColumnIsAnError() throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                TestArrowReader reader = new TestArrowReader(allocator, schema("name", false), 1, (b, root) -> {
                    fill(b, root);
                    root.getVector(1).setNull(7);
                })) {
            assertThatThrownBy(() -> new BronzeWriter(new LocalObjectStore(dir)).write(reader, metadata()))
                    .hasMessageEndingWith("column 'name' is declared NOT NULL (non-nullable Arrow field) but row 7 of the batch is null");
        }
        assertThat(filesUnder(dir)).isEmpty();
    }

    @Test
    void emptySourceWritesAFileWithTheSchemaAndNoRows() throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                TestArrowReader reader = new TestArrowReader(allocator, schema("name", true), 0, LocalBronzeWriterTest::fill)) {
            BronzeWriteResult result = new BronzeWriter(new LocalObjectStore(dir)).write(reader, metadata());
            assertThat(result.recordsProcessed()).isZero();
            Path file = dir.resolve(result.objectKey());
            assertThat(DuckDb.count(file)).isZero();
            assertThat(DuckDb.query(file, "SELECT count(*) AS n FROM parquet_schema($f)")).containsExactly(Map.of("n", 8L));
        }
    }

    @Test
    void emptySourceWithSkipIfEmptyLeavesNoFile() throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                TestArrowReader reader = new TestArrowReader(allocator, schema("name", true), 0, LocalBronzeWriterTest::fill)) {
            BronzeWriteResult result = new BronzeWriter(new LocalObjectStore(dir)).write(reader, metadata(), true);
            assertThat(result.status()).isEqualTo(BronzeWriteResult.EMPTY);
            assertThat(result.recordsProcessed()).isZero();
        }
        assertThat(filesUnder(dir)).isEmpty();
    }

    @Test
    void resultMapHasTheSeedKeysFirst() throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                TestArrowReader reader = new TestArrowReader(allocator, schema("name", true), 2, LocalBronzeWriterTest::fill)) {
            BronzeWriteResult result = new BronzeWriter(new LocalObjectStore(dir),
                    ParquetWriteOptions.defaults()).write(reader, metadata());
            assertThat(result.toMap().keySet()).containsExactly("status", "records_processed", "bronze_file_path", "object_key",
                    "bytes_written", "codec", "row_groups", "batches", "duration_ms", "rows_per_second", "parquet_schema");
            assertThat(result.toMap()).containsEntry("status", "success").containsEntry("records_processed", 2000L)
                    .containsEntry("row_groups", 1).containsEntry("batches", 2L);
            assertThat((String) result.toMap().get("parquet_schema")).contains("required int32 id;", "optional binary name (STRING);",
                    "required int64 _ingestion_time (TIMESTAMP(MICROS,true));");
        }
    }

    @Test
    void smallObjectHelpers() throws Exception {
        LocalObjectStore store = new LocalObjectStore(dir);
        assertThat(store.getString("state/job_1/customers.json")).isEmpty();
        store.putString("state/job_1/customers.json", "{\"watermark\":1}");
        store.putString("state/job_1/customers.json", "{\"watermark\":2}");
        store.put("state/job_2/orders.json", "{}".getBytes(StandardCharsets.UTF_8));
        try (AtomicObjectWrite pending = store.openAtomicWrite("state/job_1/pending.json")) {
            pending.write('x');
            assertThat(store.list("state/")).as("in-progress writes are not listed")
                    .containsExactly("state/job_1/customers.json", "state/job_2/orders.json");
        }
        assertThat(store.getString("state/job_1/customers.json")).contains("{\"watermark\":2}");
        assertThat(store.exists("state/job_2/orders.json")).isTrue();
        store.delete("state/job_2/orders.json");
        store.delete("state/job_2/orders.json");
        assertThat(store.exists("state/job_2/orders.json")).isFalse();
        assertThat(filesUnder(dir)).containsExactly(dir.resolve("state/job_1/customers.json"));
        assertThatThrownBy(() -> store.get("../outside.json"))
                .hasMessage("object key '../outside.json' must not contain '.' or '..' segments");
        assertThatThrownBy(() -> IngestionMetadata.of("bronze/x", "b", "s", "f", NOW))
                .hasMessage("bronze table name 'bronze/x' cannot be used in the object path: use letters, digits, '_', '-', '.', '='"
                        + " (not starting with '.' or '-', no '..', at most 255 characters)");
    }
}

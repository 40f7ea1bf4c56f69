package io.flowforge.bronze.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.bronze.BronzeWriteResult;
import io.flowforge.bronze.BronzeWriter;
import io.flowforge.bronze.DuckDb;
import io.flowforge.bronze.IngestionMetadata;
import io.flowforge.bronze.TestArrowReader;
import io.flowforge.bronze.store.LocalObjectStore;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.TimeStampSecVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property-style check of {@link DirectPages} against the value-by-value path it replaces: random
 * batches of every covered type (nulls at random rates, all-null and all-valid columns, empty
 * strings, min/max integers, NaN, -0.0, infinities, empty batches, many pages and row groups) are
 * written once through each path, and both files are read back by DuckDB and by parquet-java's
 * own reader, value by value; their statistics must agree: per row group through DuckDB's
 * {@code parquet_metadata()} when both paths cut the same row groups, and otherwise over spans of
 * row groups that end on the same row in both files (parquet-java's footer statistics, merged).
 */
class DirectPagesReadBackTest {
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    @TempDir
    Path dir;

    record Column(Field field, Filler filler) {}

    interface Filler {
        void set(FieldVector v, int row, Random random);
    }

    static Field field(String name, boolean nullable, ArrowType type) {
        return new Field(name, new FieldType(nullable, type, null), null);
    }

    static final long[] LONG_EDGES = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE};
    static final int[] INT_EDGES = {Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1, 1};
    static final double[] DOUBLE_EDGES = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, 1.5, -1.5};
    static final float[] FLOAT_EDGES = {Float.NaN, -0.0f, 0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.MIN_VALUE, -Float.MAX_VALUE, Float.MAX_VALUE, 2.5f};
    static final String[] STRINGS = {"", "a", "A", "ab", "abcdefgh", "abcdefghi", "Zürich", "東京", "✓ done", "zzz",
            "x".repeat(300), "\u007f", "é"};

    static String randomString(Random r) {
        int pick = r.nextInt(10);
        if (pick < 4) {
            return STRINGS[r.nextInt(STRINGS.length)];
        }
        int length = pick == 9 ? r.nextInt(200) : r.nextInt(24);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append((char) (r.nextInt(10) == 0 ? 0xC0 + r.nextInt(200) : 'a' + r.nextInt(26)));
        }
        return b.toString();
    }

    static long longValue(Random r, long bound) {
        return r.nextInt(8) == 0 ? LONG_EDGES[r.nextInt(LONG_EDGES.length)] : (r.nextLong() % bound);
    }

    /** Every type {@link DirectPages} covers, some twice (low cardinality for dictionaries; all null). */
    static List<Column> columns() {
        List<Column> c = new ArrayList<>();
        c.add(new Column(field("row_no", false, new ArrowType.Int(32, true)), (v, i, r) -> { }));
        c.add(new Column(field("b", true, ArrowType.Bool.INSTANCE), (v, i, r) -> ((BitVector) v).setSafe(i, r.nextInt(2))));
        c.add(new Column(field("b_req", false, ArrowType.Bool.INSTANCE), (v, i, r) -> ((BitVector) v).setSafe(i, r.nextInt(3) == 0 ? 1 : 0)));
        c.add(new Column(field("i8", true, new ArrowType.Int(8, true)), (v, i, r) -> ((TinyIntVector) v).setSafe(i, (byte) r.nextInt())));
        c.add(new Column(field("u8", true, new ArrowType.Int(8, false)), (v, i, r) -> ((UInt1Vector) v).setSafe(i, r.nextInt(256))));
        c.add(new Column(field("i16", true, new ArrowType.Int(16, true)), (v, i, r) -> ((SmallIntVector) v).setSafe(i, (short) r.nextInt())));
        c.add(new Column(field("u16", true, new ArrowType.Int(16, false)), (v, i, r) -> ((UInt2Vector) v).setSafe(i, (char) r.nextInt(65536))));
        c.add(new Column(field("i32", true, new ArrowType.Int(32, true)), (v, i, r) -> ((IntVector) v).setSafe(i,
                r.nextInt(6) == 0 ? INT_EDGES[r.nextInt(INT_EDGES.length)] : r.nextInt())));
        c.add(new Column(field("i32_low", true, new ArrowType.Int(32, true)), (v, i, r) -> ((IntVector) v).setSafe(i, r.nextInt(5) - 2)));
        c.add(new Column(field("i64", true, new ArrowType.Int(64, true)), (v, i, r) -> ((BigIntVector) v).setSafe(i, longValue(r, Long.MAX_VALUE))));
        c.add(new Column(field("i64_req", false, new ArrowType.Int(64, true)), (v, i, r) -> ((BigIntVector) v).setSafe(i, r.nextInt(1000))));
        c.add(new Column(field("f32", true, new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)), (v, i, r) -> ((Float4Vector) v)
                .setSafe(i, r.nextInt(4) == 0 ? FLOAT_EDGES[r.nextInt(FLOAT_EDGES.length)] : (float) r.nextGaussian())));
        c.add(new Column(field("f64", true, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), (v, i, r) -> ((Float8Vector) v)
                .setSafe(i, r.nextInt(4) == 0 ? DOUBLE_EDGES[r.nextInt(DOUBLE_EDGES.length)] : r.nextGaussian() * 1e6)));
        c.add(new Column(field("f64_low", true, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), (v, i, r) -> ((Float8Vector) v)
                .setSafe(i, r.nextInt(3) * 0.5)));
        c.add(new Column(field("s", true, ArrowType.Utf8.INSTANCE), (v, i, r) -> ((VarCharVector) v)
                .setSafe(i, randomString(r).getBytes(StandardCharsets.UTF_8))));
        c.add(new Column(field("s_low", true, ArrowType.Utf8.INSTANCE), (v, i, r) -> ((VarCharVector) v)
                .setSafe(i, STRINGS[r.nextInt(4)].getBytes(StandardCharsets.UTF_8))));
        c.add(new Column(field("s_req", false, ArrowType.Utf8.INSTANCE), (v, i, r) -> ((VarCharVector) v)
                .setSafe(i, ("customer" + r.nextInt(1_000_000) + "@example.com").getBytes(StandardCharsets.UTF_8))));
        c.add(new Column(field("ls", true, ArrowType.LargeUtf8.INSTANCE), (v, i, r) -> ((LargeVarCharVector) v)
                .setSafe(i, randomString(r).getBytes(StandardCharsets.UTF_8))));
        c.add(new Column(field("bin", true, ArrowType.Binary.INSTANCE), (v, i, r) -> {
            byte[] bytes = new byte[r.nextInt(12)];
            r.nextBytes(bytes);
            ((VarBinaryVector) v).setSafe(i, bytes);
        }));
        c.add(new Column(field("dec9", true, new ArrowType.Decimal(9, 2, 128)), (v, i, r) -> ((DecimalVector) v)
                .setSafe(i, BigDecimal.valueOf(r.nextInt(3) == 0 ? (r.nextBoolean() ? 999_999_999L : -999_999_999L)
                        : r.nextInt(2_000_000) - 1_000_000, 2))));
        c.add(new Column(field("dec18", true, new ArrowType.Decimal(18, 4, 128)), (v, i, r) -> ((DecimalVector) v)
                .setSafe(i, BigDecimal.valueOf(r.nextInt(5) == 0 ? (r.nextBoolean() ? 999_999_999_999_999_999L
                        : -999_999_999_999_999_999L) : r.nextLong() % 1_000_000_000_000L, 4))));
        c.add(new Column(field("d_day", true, new ArrowType.Date(DateUnit.DAY)), (v, i, r) -> ((DateDayVector) v)
                .setSafe(i, r.nextInt(200_000) - 100_000)));
        c.add(new Column(field("d_ms", true, new ArrowType.Date(DateUnit.MILLISECOND)), (v, i, r) -> ((DateMilliVector) v)
                .setSafe(i, (r.nextInt(200_000) - 100_000) * 86_400_000L)));
        c.add(new Column(field("t_s", true, new ArrowType.Time(TimeUnit.SECOND, 32)), (v, i, r) -> ((TimeSecVector) v)
                .setSafe(i, r.nextInt(86_400))));
        c.add(new Column(field("t_ms", true, new ArrowType.Time(TimeUnit.MILLISECOND, 32)), (v, i, r) -> ((TimeMilliVector) v)
                .setSafe(i, r.nextInt(86_400_000))));
        c.add(new Column(field("t_us", true, new ArrowType.Time(TimeUnit.MICROSECOND, 64)), (v, i, r) -> ((TimeMicroVector) v)
                .setSafe(i, Math.floorMod(r.nextLong(), 86_400_000_000L))));
        c.add(new Column(field("t_ns", true, new ArrowType.Time(TimeUnit.NANOSECOND, 64)), (v, i, r) -> ((TimeNanoVector) v)
                .setSafe(i, Math.floorMod(r.nextLong(), 86_400_000_000_000L))));
        c.add(new Column(field("ts_us_utc", true, new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")), (v, i, r) ->
                ((TimeStampMicroTZVector) v).setSafe(i, r.nextLong() % 200_000_000_000_000_000L)));
        c.add(new Column(field("ts_ms", true, new ArrowType.Timestamp(TimeUnit.MILLISECOND, null)), (v, i, r) ->
                ((TimeStampMilliVector) v).setSafe(i, r.nextLong() % 200_000_000_000_000L)));
        c.add(new Column(field("ts_s", true, new ArrowType.Timestamp(TimeUnit.SECOND, null)), (v, i, r) ->
                ((TimeStampSecVector) v).setSafe(i, r.nextLong() % 200_000_000_000L)));
        c.add(new Column(field("ts_ns", true, new ArrowType.Timestamp(TimeUnit.NANOSECOND, null)), (v, i, r) ->
                ((TimeStampNanoVector) v).setSafe(i, r.nextLong())));
        c.add(new Column(field("s_null", true, ArrowType.Utf8.INSTANCE), null));
        c.add(new Column(field("i64_null", true, new ArrowType.Int(64, true)), null));
        return c;
    }

    /** Batches of the given sizes; each nullable column's null rate is drawn per batch (0, 10%, 50%, 100%). */
    static TestArrowReader.BatchFiller filler(List<Column> columns, int[] sizes, long seed) {
        int[] starts = new int[sizes.length];
        for (int b = 1; b < sizes.length; b++) {
            starts[b] = starts[b - 1] + sizes[b - 1];
        }
        return (batch, root) -> {
            Random r = new Random(seed * 31 + batch);
            int n = sizes[batch];
            for (int ci = 0; ci < columns.size(); ci++) {
                Column c = columns.get(ci);
                FieldVector v = root.getVector(ci);
                if (ci == 0) {
                    for (int i = 0; i < n; i++) {
                        ((IntVector) v).setSafe(i, starts[batch] + i);
                    }
                    v.setValueCount(n);
                    continue;
                }
                double nullRate = !c.field().isNullable() ? 0 : c.filler() == null ? 1 : new double[] {0, 0.1, 0.5, 1}[r.nextInt(4)];
                for (int i = 0; i < n; i++) {
                    if (nullRate > 0 && (nullRate == 1 || r.nextDouble() < nullRate)) {
                        if (v instanceof BaseFixedWidthVector f) {
                            f.setNull(i);
                        } else if (v instanceof org.apache.arrow.vector.BaseVariableWidthVector w) {
                            w.setNull(i);
                        } else {
                            ((org.apache.arrow.vector.BaseLargeVariableWidthVector) v).setNull(i);
                        }
                    } else {
                        c.filler().set(v, i, r);
                    }
                }
                v.setValueCount(n);
            }
            root.setRowCount(n);
        };
    }

    Path write(String name, boolean direct, List<Column> columns, int[] sizes, long seed, ParquetWriteOptions options)
            throws Exception {
        Schema schema = new Schema(columns.stream().map(Column::field).toList());
        LocalObjectStore store = LocalObjectStore.at(dir.resolve(name).toUri().toString());
        String before = System.getProperty(DirectPages.PROPERTY);
        System.setProperty(DirectPages.PROPERTY, Boolean.toString(direct));
        try (BufferAllocator allocator = new RootAllocator();
                TestArrowReader reader = new TestArrowReader(allocator, schema, sizes.length, filler(columns, sizes, seed))) {
            BronzeWriteResult result = new BronzeWriter(store, options).write(reader,
                    IngestionMetadata.of("bronze_types", "batch_1", "sql-server", "dbo.types", NOW));
            assertThat(result.recordsProcessed()).isEqualTo(Arrays.stream(sizes).asLongStream().sum());
            return dir.resolve(name).resolve(result.objectKey());
        } finally {
            if (before == null) {
                System.clearProperty(DirectPages.PROPERTY);
            } else {
                System.setProperty(DirectPages.PROPERTY, before);
            }
        }
    }

    /** Every source column as text (BLOBs as hex; -0.0, NaN and infinities keep their text), ordered by row. */
    static List<String> duckDbRows(Path file, List<Column> columns) throws Exception {
        String select = columns.stream().map(c -> c.field().getType() instanceof ArrowType.Binary
                ? "hex(" + c.field().getName() + ")" : "CAST(" + c.field().getName() + " AS VARCHAR)")
                .collect(Collectors.joining(", "));
        String path = "'" + file.toAbsolutePath() + "'";
        return DuckDb.rows("SELECT " + select + " FROM read_parquet(" + path + ") ORDER BY row_no");
    }

    static List<BlockMetaData> blocks(Path file) throws Exception {
        return ParquetJavaReader.footer(file).getBlocks();
    }

    /** Footer statistics merged over spans of row groups ending on the same row in both files, compared. */
    static int compareMergedStatistics(Path oldFile, Path newFile) throws Exception {
        List<BlockMetaData> a = blocks(oldFile);
        List<BlockMetaData> b = blocks(newFile);
        Map<String, Statistics<?>> sa = new HashMap<>();
        Map<String, Statistics<?>> sb = new HashMap<>();
        long rowsA = 0;
        long rowsB = 0;
        int i = 0;
        int j = 0;
        int spans = 0;
        while (i < a.size() || j < b.size()) {
            if (j >= b.size() || i < a.size() && rowsA <= rowsB) {
                merge(sa, a.get(i));
                rowsA += a.get(i++).getRowCount();
            } else {
                merge(sb, b.get(j));
                rowsB += b.get(j++).getRowCount();
            }
            if (rowsA == rowsB) {
                for (String column : sa.keySet()) {
                    Statistics<?> x = sa.get(column);
                    Statistics<?> y = sb.get(column);
                    String at = column + " up to row " + rowsA;
                    assertThat(y.getNumNulls()).as("null count of %s", at).isEqualTo(x.getNumNulls());
                    assertThat(y.hasNonNullValue()).as("has values: %s", at).isEqualTo(x.hasNonNullValue());
                    assertThat(y.isNanCountSet()).as("NaN count set: %s", at).isEqualTo(x.isNanCountSet());
                    if (x.isNanCountSet()) {
                        assertThat(y.getNanCount()).as("NaN count of %s", at).isEqualTo(x.getNanCount());
                    }
                    if (x.hasNonNullValue()) {
                        assertThat(y.getMinBytes()).as("min of %s", at).isEqualTo(x.getMinBytes());
                        assertThat(y.getMaxBytes()).as("max of %s", at).isEqualTo(x.getMaxBytes());
                    }
                }
                sa.clear();
                sb.clear();
                spans++;
            }
        }
        assertThat(rowsA).isEqualTo(rowsB);
        return spans;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void merge(Map<String, Statistics<?>> into, BlockMetaData block) {
        for (ColumnChunkMetaData chunk : block.getColumns()) {
            String column = chunk.getPath().toDotString();
            Statistics s = into.get(column);
            if (s == null) {
                into.put(column, chunk.getStatistics().copy());
            } else {
                s.mergeStatistics(chunk.getStatistics());
            }
        }
    }

    static final String METADATA = "SELECT row_group_id, row_group_num_rows, path_in_schema, num_values, stats_min_value,"
            + " stats_max_value, stats_null_count, stats_min, stats_max FROM parquet_metadata($f)"
            + " WHERE path_in_schema NOT LIKE '\\_%' ESCAPE '\\' ORDER BY row_group_id, column_id";

    void assertSameValues(Path oldFile, Path newFile, List<Column> columns, long rows) throws Exception {
        List<String> oldRows = duckDbRows(oldFile, columns);
        List<String> newRows = duckDbRows(newFile, columns);
        assertThat(oldRows).hasSize((int) rows);
        for (int k = 0; k < oldRows.size(); k++) {
            assertThat(newRows.get(k)).as("row %d (DuckDB)", k).isEqualTo(oldRows.get(k));
        }
        List<List<String>> oldJava = ParquetJavaReader.columns(oldFile);
        List<List<String>> newJava = ParquetJavaReader.columns(newFile);
        assertThat(oldJava.get(0)).hasSize((int) rows);
        assertThat(newJava).hasSameSizeAs(oldJava);
        for (int c = 0; c < oldJava.size(); c++) {
            assertThat(newJava.get(c)).as("column %d (parquet-java)", c).isEqualTo(oldJava.get(c));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void randomBatchesReadBackTheSameThroughBothPaths(long seed) throws Exception {
        Random r = new Random(seed);
        int[] choices = {0, 1, 7, 63, 64, 65, 1000, 4095, 4096, 4097, 10_000};
        int[] sizes = new int[8 + r.nextInt(6)];
        for (int b = 0; b < sizes.length; b++) {
            sizes[b] = choices[r.nextInt(choices.length)];
        }
        sizes[0] = 0;
        sizes[sizes.length - 1] = 10_000;
        ParquetWriteOptions options = ParquetWriteOptions.defaults().withRowGroupBytes(64 * 1024 * (1 + seed % 3))
                .withPageBytes(1024 << (seed % 4)).withDictionary(seed != 3)
                .withCodec(seed == 2 ? CompressionCodecName.UNCOMPRESSED : CompressionCodecName.SNAPPY);
        List<Column> columns = columns();
        Path oldFile = write("old", false, columns, sizes, seed, options);
        Path newFile = write("new", true, columns, sizes, seed, options);
        long rows = Arrays.stream(sizes).asLongStream().sum();
        assertSameValues(oldFile, newFile, columns, rows);
        assertThat(blocks(newFile).size()).as("row groups").isGreaterThan(1);
        assertThat(compareMergedStatistics(oldFile, newFile)).isGreaterThanOrEqualTo(1);
    }

    /**
     * Batches of 8,192 rows and 64 KiB row groups: every 4,096-row slice fills a row group in both
     * paths, so the row groups are the same and DuckDB's {@code parquet_metadata()} must list the
     * same statistics for each; then one 64 MiB row group of many 1 KiB pages, compared the same way.
     */
    @ParameterizedTest
    @ValueSource(ints = {64 * 1024, 64 * 1024 * 1024})
    void sameRowGroupsHaveTheSameStatisticsInDuckDb(int rowGroupBytes) throws Exception {
        int[] sizes = {8192, 8192, 8192};
        ParquetWriteOptions options = ParquetWriteOptions.defaults().withRowGroupBytes(rowGroupBytes).withPageBytes(1024);
        List<Column> columns = columns();
        Path oldFile = write("old", false, columns, sizes, 7, options);
        Path newFile = write("new", true, columns, sizes, 7, options);
        assertSameValues(oldFile, newFile, columns, 3 * 8192);
        List<Map<String, Object>> oldStats = DuckDb.query(oldFile, METADATA);
        List<Map<String, Object>> newStats = DuckDb.query(newFile, METADATA);
        assertThat(oldStats).hasSize(columns.size() * (rowGroupBytes == 64 * 1024 ? 6 : 1));
        assertThat(newStats).hasSameSizeAs(oldStats);
        for (int k = 0; k < oldStats.size(); k++) {
            assertThat(newStats.get(k)).as("statistics %s", oldStats.get(k).get("path_in_schema")).isEqualTo(oldStats.get(k));
        }
        // Several pages per column chunk in both files (1 KiB pages).
        for (Path file : List.of(oldFile, newFile)) {
            for (ColumnChunkMetaData chunk : blocks(file).get(0).getColumns()) {
                if (chunk.getPath().toDotString().equals("s_req")) {
                    // More bytes than one 1 KiB page plus its header and the dictionary page can hold.
                    assertThat(chunk.getTotalUncompressedSize()).as("bytes of s_req in %s", file).isGreaterThan(8 * 1024);
                }
            }
        }
    }

    /**
     * Odd batch sizes under the default 20,000-row page limit: pages end in the middle of a byte of
     * the validity bitmap (a slice then starts at row 19,993 of a batch, bit 1 of its byte), which
     * the 64-rows-at-a-time copy of validity bits into definition levels must shift correctly. One
     * row group of the default size, so DuckDB's statistics compare row group by row group as well.
     */
    @Test
    void pagesCutInsideAValidityByteReadBackTheSame() throws Exception {
        int[] sizes = {7, 30_000, 13, 25_000, 3, 20_001};
        ParquetWriteOptions options = ParquetWriteOptions.defaults();
        List<Column> columns = columns();
        Path oldFile = write("old", false, columns, sizes, 11, options);
        Path newFile = write("new", true, columns, sizes, 11, options);
        assertSameValues(oldFile, newFile, columns, Arrays.stream(sizes).sum());
        List<Map<String, Object>> oldStats = DuckDb.query(oldFile, METADATA);
        List<Map<String, Object>> newStats = DuckDb.query(newFile, METADATA);
        assertThat(oldStats).hasSize(columns.size());
        assertThat(newStats).isEqualTo(oldStats);
    }

    /**
     * 200 KiB strings, 64 to a batch (12.5 MiB of one column in one slice): pages still end near the
     * 1 MiB page size (the slice is cut by bytes, not only at 4,096 rows), and both paths read back
     * the same.
     */
    @Test
    void longStringsAreCutIntoPagesOfAboutThePageSize() throws Exception {
        List<Column> columns = List.of(new Column(field("row_no", false, new ArrowType.Int(32, true)), (v, i, r) -> { }),
                new Column(field("doc", false, ArrowType.Utf8.INSTANCE), (v, i, r) -> {
                    byte[] b = new byte[200 * 1024];
                    Arrays.fill(b, (byte) ('a' + r.nextInt(26)));
                    b[r.nextInt(b.length)] = 'Z';
                    ((VarCharVector) v).setSafe(i, b);
                }));
        int[] sizes = {64, 64};
        ParquetWriteOptions options = ParquetWriteOptions.defaults();
        Path oldFile = write("old", false, columns, sizes, 13, options);
        Path newFile = write("new", true, columns, sizes, 13, options);
        assertSameValues(oldFile, newFile, columns, 128);
        long present = 128;
        // About one page per 5 values of 200 KiB; without the cut it would be one page per 64.
        assertThat(ParquetJavaReader.dataPages(newFile, "doc")).isGreaterThanOrEqualTo((int) (present / 6));
    }

    /** Every column of the test goes through {@link DirectPages} (so the comparisons above compare two paths). */
    @Test
    void everyTestedTypeIsCoveredAndThePropertyTurnsItOff() {
        List<Column> columns = columns();
        Schema schema = new Schema(columns.stream().map(Column::field).toList());
        MessageType parquet = ParquetBatchWriter.parquetSchema(schema, List.of());
        ParquetProperties props = ParquetProperties.builder().build();
        for (Field f : schema.getFields()) {
            ColumnDescriptor d = parquet.getColumnDescription(new String[] {f.getName()});
            assertThat(DirectPages.of(f, d, props)).as(f.getName()).isNotNull();
        }
        Field uuidLike = field("fixed", true, new ArrowType.FixedSizeBinary(4));
        Field unsigned = field("u64", true, new ArrowType.Int(64, false));
        Field wide = field("dec38", true, new ArrowType.Decimal(38, 2, 128));
        MessageType others = ParquetBatchWriter.parquetSchema(new Schema(List.of(uuidLike, unsigned, wide)), List.of());
        for (Field f : List.of(uuidLike, unsigned, wide)) {
            assertThat(DirectPages.of(f, others.getColumnDescription(new String[] {f.getName()}), props)).as(f.getName()).isNull();
        }
        String before = System.getProperty(DirectPages.PROPERTY);
        System.setProperty(DirectPages.PROPERTY, "false");
        try {
            Field f = schema.getFields().get(1);
            assertThat(DirectPages.of(f, parquet.getColumnDescription(new String[] {f.getName()}), props)).isNull();
        } finally {
            if (before == null) {
                System.clearProperty(DirectPages.PROPERTY);
            } else {
                System.setProperty(DirectPages.PROPERTY, before);
            }
        }
    }

}

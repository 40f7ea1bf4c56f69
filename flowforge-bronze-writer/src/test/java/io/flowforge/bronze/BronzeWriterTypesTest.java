package io.flowforge.bronze;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.bronze.store.LocalObjectStore;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.TimeStampNanoTZVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.TinyIntVector;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every supported Arrow type, written to a local store and read back by DuckDB value by value. */
class BronzeWriterTypesTest {
    static final Instant INGESTED = Instant.parse("2025-11-08T10:15:30.123456Z");
    static final Instant MODIFIED = Instant.parse("2025-11-07T23:59:59Z");
    static final int BATCHES = 3;
    static final int ROWS_PER_BATCH = 4;

    @TempDir
    Path dir;

    static Field field(String name, boolean nullable, ArrowType type) {
        return new Field(name, new FieldType(nullable, type, null), null);
    }

    static Schema schema() {
        return new Schema(List.of(
                field("id", false, new ArrowType.Int(32, true)),
                field("i8", true, new ArrowType.Int(8, true)),
                field("i16", true, new ArrowType.Int(16, true)),
                field("big", false, new ArrowType.Int(64, true)),
                field("flag", true, ArrowType.Bool.INSTANCE),
                field("f32", true, new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
                field("f64", true, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                field("dec_small", true, new ArrowType.Decimal(5, 2, 128)),
                field("dec", true, new ArrowType.Decimal(15, 2, 128)),
                field("dec_big", true, new ArrowType.Decimal(38, 10, 128)),
                field("d", true, new ArrowType.Date(DateUnit.DAY)),
                field("t_ms", true, new ArrowType.Time(TimeUnit.MILLISECOND, 32)),
                field("t_us", true, new ArrowType.Time(TimeUnit.MICROSECOND, 64)),
                field("ts_ms", true, new ArrowType.Timestamp(TimeUnit.MILLISECOND, null)),
                field("ts_us_utc", true, new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
                field("ts_ns", true, new ArrowType.Timestamp(TimeUnit.NANOSECOND, null)),
                field("ts_ns_utc", true, new ArrowType.Timestamp(TimeUnit.NANOSECOND, "UTC")),
                field("name", true, ArrowType.Utf8.INSTANCE),
                field("bin", true, ArrowType.Binary.INSTANCE),
                field("fixed", true, new ArrowType.FixedSizeBinary(4)),
                new Field("uid", new FieldType(true, new ArrowType.FixedSizeBinary(16), null,
                        Map.of("ARROW:extension:name", "arrow.uuid", "ARROW:extension:metadata", "")), null)));
    }

    /** Row {@code r} overall; every nullable column is null on rows where r % 5 == 3. */
    static boolean isNullRow(int r) {
        return r % 5 == 3;
    }

    static String name(int r) {
        return "Zoë #" + r + " — 東京 🚀";
    }

    static UUID uuid(int r) {
        return new UUID(0x0123456789abcdefL + r, 0xfedcba9876543210L - r);
    }

    static LocalTime time(int r) {
        return LocalTime.of(r % 24, 34, 56, 789_000_000 + r * 1000);
    }

    static long tsMicros(int r) {
        return 1_700_000_000_123_456L + r * 86_400_000_000L;
    }

    static byte[] uuidBytes(UUID u) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
        b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return b.array();
    }

    static void fill(int batch, VectorSchemaRoot root) {
        for (int i = 0; i < ROWS_PER_BATCH; i++) {
            int r = batch * ROWS_PER_BATCH + i;
            ((IntVector) root.getVector("id")).setSafe(i, r);
            ((BigIntVector) root.getVector("big")).setSafe(i, Long.MIN_VALUE + r);
            if (isNullRow(r)) {
                for (int c = 0; c < root.getFieldVectors().size(); c++) {
                    if (root.getSchema().getFields().get(c).isNullable()) {
                        root.getVector(c).setNull(i);
                    }
                }
                continue;
            }
            ((TinyIntVector) root.getVector("i8")).setSafe(i, (byte) (r % 2 == 0 ? -128 + r : 127 - r));
            ((SmallIntVector) root.getVector("i16")).setSafe(i, (short) (r % 2 == 0 ? -32768 + r : 32767 - r));
            ((BitVector) root.getVector("flag")).setSafe(i, r % 2);
            ((Float4Vector) root.getVector("f32")).setSafe(i, r + 0.5f);
            ((Float8Vector) root.getVector("f64")).setSafe(i, -r * 1.25e100);
            ((DecimalVector) root.getVector("dec_small")).setSafe(i, new BigDecimal("-999.99").add(BigDecimal.valueOf(r)));
            ((DecimalVector) root.getVector("dec")).setSafe(i, new BigDecimal("1234567890123.45").negate().add(BigDecimal.valueOf(r)));
            ((DecimalVector) root.getVector("dec_big")).setSafe(i,
                    new BigDecimal("9999999999999999999999999999.9999999999").subtract(BigDecimal.valueOf(r)));
            ((DateDayVector) root.getVector("d")).setSafe(i, (int) LocalDate.of(1969, 12, 31).plusDays(r * 400L).toEpochDay());
            ((TimeMilliVector) root.getVector("t_ms")).setSafe(i, (int) (time(r).toNanoOfDay() / 1_000_000));
            ((TimeMicroVector) root.getVector("t_us")).setSafe(i, time(r).toNanoOfDay() / 1000);
            ((TimeStampMilliVector) root.getVector("ts_ms")).setSafe(i, tsMicros(r) / 1000);
            ((TimeStampMicroTZVector) root.getVector("ts_us_utc")).setSafe(i, tsMicros(r));
            ((TimeStampNanoVector) root.getVector("ts_ns")).setSafe(i, tsMicros(r) * 1000 + 789);
            ((TimeStampNanoTZVector) root.getVector("ts_ns_utc")).setSafe(i, tsMicros(r) * 1000 + 999);
            ((VarCharVector) root.getVector("name")).setSafe(i, name(r).getBytes(StandardCharsets.UTF_8));
            ((VarBinaryVector) root.getVector("bin")).setSafe(i, new byte[] {0, (byte) 0xff, (byte) r});
            ((FixedSizeBinaryVector) root.getVector("fixed")).setSafe(i, new byte[] {1, 2, 3, (byte) r});
            ((FixedSizeBinaryVector) root.getVector("uid")).setSafe(i, uuidBytes(uuid(r)));
        }
        root.setRowCount(ROWS_PER_BATCH);
    }

    Path writeSample() throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                TestArrowReader reader = new TestArrowReader(allocator, schema(), BATCHES, BronzeWriterTypesTest::fill)) {
            BronzeWriteResult result = new BronzeWriter(new LocalObjectStore(dir)).write(reader,
                    new IngestionMetadata("bronze_customers", "batch_001", "sql-server", "dbo.customers", INGESTED, MODIFIED));
            assertThat(result.recordsProcessed()).isEqualTo(BATCHES * ROWS_PER_BATCH);
            assertThat(result.batches()).isEqualTo(BATCHES);
            assertThat(result.bronzeFilePath()).isEqualTo(dir.resolve("bronze/bronze_customers/batch_001.parquet").toUri().toString());
            return dir.resolve("bronze/bronze_customers/batch_001.parquet");
        }
    }

    @Test
    void everyValueReadsBackInDuckDb() throws Exception {
        Path file = writeSample();
        List<Map<String, Object>> rows = DuckDb.query(file, "SELECT id, i8, i16, big, flag, f32, f64,"
                + " CAST(dec_small AS VARCHAR) AS dec_small, CAST(dec AS VARCHAR) AS dec, CAST(dec_big AS VARCHAR) AS dec_big,"
                + " CAST(d AS VARCHAR) AS d, CAST(t_ms AS VARCHAR) AS t_ms, CAST(t_us AS VARCHAR) AS t_us,"
                + " epoch_ms(ts_ms) AS ts_ms, epoch_us(ts_us_utc) AS ts_us_utc, epoch_ns(ts_ns) AS ts_ns,"
                + " epoch_ns(ts_ns_utc) AS ts_ns_utc, name, hex(bin) AS bin, hex(fixed) AS fixed, CAST(uid AS VARCHAR) AS uid,"
                + " _batch_id, epoch_us(_ingestion_time) AS _ingestion_time, _source_system, _source_file,"
                + " epoch_us(_file_modified_time) AS _file_modified_time"
                + " FROM read_parquet($f) ORDER BY id");
        assertThat(rows).hasSize(BATCHES * ROWS_PER_BATCH);
        for (int r = 0; r < rows.size(); r++) {
            Map<String, Object> row = rows.get(r);
            assertThat(row.get("id")).isEqualTo(r);
            assertThat(row.get("big")).isEqualTo(Long.MIN_VALUE + r);
            assertThat(row.get("_batch_id")).isEqualTo("batch_001");
            assertThat(row.get("_ingestion_time")).isEqualTo(1_762_596_930_123_456L);
            assertThat(row.get("_source_system")).isEqualTo("sql-server");
            assertThat(row.get("_source_file")).isEqualTo("dbo.customers");
            assertThat(row.get("_file_modified_time")).isEqualTo(MODIFIED.getEpochSecond() * 1_000_000);
            Map<String, Object> nullable = new HashMap<>(row);
            List.of("id", "big", "_batch_id", "_ingestion_time", "_source_system", "_source_file", "_file_modified_time")
                    .forEach(nullable::remove);
            if (isNullRow(r)) {
                assertThat(nullable.values()).as("row %d", r).containsOnlyNulls();
                continue;
            }
            assertThat(row.get("i8")).isEqualTo((byte) (r % 2 == 0 ? -128 + r : 127 - r));
            assertThat(row.get("i16")).isEqualTo((short) (r % 2 == 0 ? -32768 + r : 32767 - r));
            assertThat(row.get("flag")).isEqualTo(r % 2 == 1);
            assertThat(row.get("f32")).isEqualTo(r + 0.5f);
            assertThat(row.get("f64")).isEqualTo(-r * 1.25e100);
            assertThat(row.get("dec_small")).isEqualTo(new BigDecimal("-999.99").add(BigDecimal.valueOf(r)).toPlainString());
            assertThat(row.get("dec")).isEqualTo(new BigDecimal("1234567890123.45").negate().add(BigDecimal.valueOf(r)).toPlainString());
            assertThat(row.get("dec_big")).isEqualTo(
                    new BigDecimal("9999999999999999999999999999.9999999999").subtract(BigDecimal.valueOf(r)).toPlainString());
            assertThat(row.get("d")).isEqualTo(LocalDate.of(1969, 12, 31).plusDays(r * 400L).toString());
            assertThat(LocalTime.parse((String) row.get("t_ms"))).isEqualTo(time(r).withNano(789_000_000));
            assertThat(LocalTime.parse((String) row.get("t_us"))).isEqualTo(time(r));
            assertThat(row.get("ts_ms")).isEqualTo(tsMicros(r) / 1000);
            assertThat(row.get("ts_us_utc")).isEqualTo(tsMicros(r));
            assertThat(row.get("ts_ns")).isEqualTo(tsMicros(r) * 1000 + 789);
            // DuckDB has no nanosecond TIMESTAMP WITH TIME ZONE: it reads this column in microseconds.
            assertThat(row.get("ts_ns_utc")).isEqualTo(tsMicros(r) * 1000);
            assertThat(row.get("name")).isEqualTo(name(r));
            assertThat(row.get("bin")).isEqualTo(String.format("00FF%02X", r));
            assertThat(row.get("fixed")).isEqualTo(String.format("010203%02X", r));
            assertThat(row.get("uid")).isEqualTo(uuid(r).toString());
        }
    }

    @Test
    void logicalTypesNullabilityAndCodecAreThoseOfTheMapping() throws Exception {
        Path file = writeSample();
        Map<String, String> types = DuckDb.query(file,
                "SELECT name, repetition_type, type, type_length, logical_type FROM parquet_schema($f) WHERE name <> 'schema'")
                .stream().collect(Collectors.toMap(r -> (String) r.get("name"),
                        r -> r.get("repetition_type") + " " + r.get("type")
                                + (r.get("type_length") == null || "0".equals(String.valueOf(r.get("type_length"))) ? "" : "(" + r.get("type_length") + ")")
                                + " " + r.get("logical_type")));
        List<String> lines = new ArrayList<>();
        schema().getFields().forEach(f -> lines.add(f.getName() + ": " + types.get(f.getName())));
        AuditColumns.NAMES.forEach(n -> lines.add(n + ": " + types.get(n)));
        assertThat(lines).containsExactly(
                "id: REQUIRED INT32 null",
                // DuckDB prints the bit width as a raw byte; the column types below show 8 and 16.
                "i8: OPTIONAL INT32 IntType(bitWidth=\u0008, isSigned=1)",
                "i16: OPTIONAL INT32 IntType(bitWidth=\u0010, isSigned=1)",
                "big: REQUIRED INT64 null",
                "flag: OPTIONAL BOOLEAN null",
                "f32: OPTIONAL FLOAT null",
                "f64: OPTIONAL DOUBLE null",
                "dec_small: OPTIONAL INT32 DecimalType(scale=2, precision=5)",
                "dec: OPTIONAL INT64 DecimalType(scale=2, precision=15)",
                "dec_big: OPTIONAL FIXED_LEN_BYTE_ARRAY(16) DecimalType(scale=10, precision=38)",
                "d: OPTIONAL INT32 DateType()",
                "t_ms: OPTIONAL INT32 TimeType(isAdjustedToUTC=0, unit=TimeUnit(MILLIS=MilliSeconds(), MICROS=<null>, NANOS=<null>))",
                "t_us: OPTIONAL INT64 TimeType(isAdjustedToUTC=0, unit=TimeUnit(MILLIS=<null>, MICROS=MicroSeconds(), NANOS=<null>))",
                "ts_ms: OPTIONAL INT64 TimestampType(isAdjustedToUTC=0, unit=TimeUnit(MILLIS=MilliSeconds(), MICROS=<null>, NANOS=<null>))",
                "ts_us_utc: OPTIONAL INT64 TimestampType(isAdjustedToUTC=1, unit=TimeUnit(MILLIS=<null>, MICROS=MicroSeconds(), NANOS=<null>))",
                "ts_ns: OPTIONAL INT64 TimestampType(isAdjustedToUTC=0, unit=TimeUnit(MILLIS=<null>, MICROS=<null>, NANOS=NanoSeconds()))",
                "ts_ns_utc: OPTIONAL INT64 TimestampType(isAdjustedToUTC=1, unit=TimeUnit(MILLIS=<null>, MICROS=<null>, NANOS=NanoSeconds()))",
                "name: OPTIONAL BYTE_ARRAY StringType()",
                "bin: OPTIONAL BYTE_ARRAY null",
                "fixed: OPTIONAL FIXED_LEN_BYTE_ARRAY(4) null",
                "uid: OPTIONAL FIXED_LEN_BYTE_ARRAY(16) UUIDType()",
                "_batch_id: REQUIRED BYTE_ARRAY StringType()",
                "_ingestion_time: REQUIRED INT64 TimestampType(isAdjustedToUTC=1, unit=TimeUnit(MILLIS=<null>, MICROS=MicroSeconds(), NANOS=<null>))",
                "_source_system: REQUIRED BYTE_ARRAY StringType()",
                "_source_file: REQUIRED BYTE_ARRAY StringType()",
                "_file_modified_time: REQUIRED INT64 TimestampType(isAdjustedToUTC=1, unit=TimeUnit(MILLIS=<null>, MICROS=MicroSeconds(), NANOS=<null>))");
        assertThat(DuckDb.query(file, "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet($f))"))
                .extracting(r -> r.get("column_name") + " " + r.get("column_type"))
                .containsExactly("id INTEGER", "i8 TINYINT", "i16 SMALLINT", "big BIGINT", "flag BOOLEAN", "f32 FLOAT",
                        "f64 DOUBLE", "dec_small DECIMAL(5,2)", "dec DECIMAL(15,2)", "dec_big DECIMAL(38,10)", "d DATE",
                        "t_ms TIME", "t_us TIME", "ts_ms TIMESTAMP", "ts_us_utc TIMESTAMP WITH TIME ZONE",
                        "ts_ns TIMESTAMP_NS", "ts_ns_utc TIMESTAMP WITH TIME ZONE", "name VARCHAR", "bin BLOB",
                        "fixed BLOB", "uid UUID", "_batch_id VARCHAR", "_ingestion_time TIMESTAMP WITH TIME ZONE",
                        "_source_system VARCHAR", "_source_file VARCHAR", "_file_modified_time TIMESTAMP WITH TIME ZONE");
        assertThat(DuckDb.query(file, "SELECT DISTINCT compression FROM parquet_metadata($f)"))
                .extracting(r -> r.get("compression")).containsExactly("SNAPPY");
    }
}

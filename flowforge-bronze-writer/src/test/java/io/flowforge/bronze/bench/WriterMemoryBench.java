package io.flowforge.bronze.bench;

import io.flowforge.bronze.BronzeWriteResult;
import io.flowforge.bronze.BronzeWriter;
import io.flowforge.bronze.IngestionMetadata;
import io.flowforge.bronze.parquet.ParquetWriteOptions;
import io.flowforge.bronze.store.LocalObjectStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes N synthetic rows (7 columns like a customers table, 10,000-row batches) to a local store
 * and prints rows/s, MB/s and the peak heap. Run with a small heap (-Xmx256m) to show that memory
 * does not grow with the table. Usage: {@code WriterMemoryBench <output dir> [rows] [row group MiB]}.
 */
public final class WriterMemoryBench {
    static final int BATCH = 10_000;
    static final long DAY0 = LocalDate.of(2020, 1, 1).toEpochDay();

    private WriterMemoryBench() {
    }

    /** The largest heap in use right after any GC: the live set, which is what must stay bounded. */
    static final java.util.concurrent.atomic.AtomicLong MAX_LIVE_AFTER_GC = new java.util.concurrent.atomic.AtomicLong();

    static void watchGc() {
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((javax.management.NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                        (javax.management.openmbean.CompositeData) notification.getUserData());
                long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                        .mapToLong(java.lang.management.MemoryUsage::getUsed).sum();
                MAX_LIVE_AFTER_GC.accumulateAndGet(used, Math::max);
            }, null, null);
        }
    }

    public static void main(String[] args) throws Exception {
        watchGc();
        Path out = Path.of(args[0]);
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
        ParquetWriteOptions options = args.length > 2
                ? ParquetWriteOptions.defaults().withRowGroupBytes(Long.parseLong(args[2]) * 1024 * 1024)
                : ParquetWriteOptions.defaults();
        Schema schema = new Schema(List.of(
                field("customer_id", false, new ArrowType.Int(64, true)),
                field("email", true, ArrowType.Utf8.INSTANCE),
                field("balance", true, new ArrowType.Decimal(15, 2, 128)),
                field("created_at", true, new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
                field("birth_date", true, new ArrowType.Date(DateUnit.DAY)),
                field("active", true, ArrowType.Bool.INSTANCE),
                field("score", true, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE))));
        // The synthetic source's own cost, measured alone, so the writer's share can be told apart.
        double sourceSeconds;
        try (BufferAllocator allocator = new RootAllocator(256L * 1024 * 1024);
                SyntheticReader source = new SyntheticReader(allocator, schema, rows)) {
            long start = System.nanoTime();
            while (source.loadNextBatch()) {
                // discard
            }
            sourceSeconds = (System.nanoTime() - start) / 1e9;
        }
        try (BufferAllocator allocator = new RootAllocator(256L * 1024 * 1024);
                SyntheticReader reader = new SyntheticReader(allocator, schema, rows)) {
            BronzeWriteResult result = new BronzeWriter(new LocalObjectStore(out), options).write(reader,
                    IngestionMetadata.of("bronze_customers", "bench_" + rows, "sql-server", "dbo.customers", Instant.now()));
            double seconds = result.duration().toNanos() / 1e9;
            System.out.println("file=" + out.resolve(result.objectKey()));
            System.out.println("rows=" + result.recordsProcessed());
            System.out.println("row_groups=" + result.rowGroups());
            System.out.printf("bytes=%d%n", result.bytesWritten());
            System.out.printf("seconds=%.2f%n", seconds);
            System.out.printf("rows_per_second=%.0f%n", result.rowsPerSecond());
            System.out.printf("source_only_seconds=%.2f%n", sourceSeconds);
            System.out.printf("writer_rows_per_second_excluding_source=%.0f%n", rows / Math.max(1e-9, seconds - sourceSeconds));
            System.out.printf("parquet_mb_per_second=%.1f%n", result.bytesWritten() / 1e6 / seconds);
            System.out.printf("arrow_mb_per_second=%.1f%n", reader.arrowBytes / 1e6 / seconds);
            System.out.printf("peak_heap_mb=%.1f%n", peakHeap() / 1e6);
            System.out.printf("max_live_heap_after_gc_mb=%.1f%n", MAX_LIVE_AFTER_GC.get() / 1e6);
            System.out.printf("max_heap_mb=%.1f%n", Runtime.getRuntime().maxMemory() / 1e6);
        }
    }

    /** The sum of the heap pools' peaks: an upper bound of the heap in use at any one time. */
    static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    static Field field(String name, boolean nullable, ArrowType type) {
        return new Field(name, new FieldType(nullable, type, null), null);
    }

    /** Deterministic customer-like rows, refilled into one root per batch. */
    static final class SyntheticReader extends ArrowReader {
        private final Schema schema;
        private final long rows;
        private long next;
        long arrowBytes;

        SyntheticReader(BufferAllocator allocator, Schema schema, long rows) {
            super(allocator);
            this.schema = schema;
            this.rows = rows;
        }

        @Override
        public boolean loadNextBatch() throws IOException {
            if (next >= rows) {
                return false;
            }
            VectorSchemaRoot root = getVectorSchemaRoot();
            for (FieldVector v : root.getFieldVectors()) {
                v.reset();
            }
            int n = (int) Math.min(BATCH, rows - next);
            BigIntVector id = (BigIntVector) root.getVector(0);
            VarCharVector email = (VarCharVector) root.getVector(1);
            DecimalVector balance = (DecimalVector) root.getVector(2);
            TimeStampMicroTZVector created = (TimeStampMicroTZVector) root.getVector(3);
            DateDayVector birth = (DateDayVector) root.getVector(4);
            BitVector active = (BitVector) root.getVector(5);
            Float8Vector score = (Float8Vector) root.getVector(6);
            for (int i = 0; i < n; i++) {
                long r = next + i;
                id.setSafe(i, r);
                email.setSafe(i, ("customer" + r + "@example.com").getBytes(StandardCharsets.UTF_8));
                if (r % 10 == 0) {
                    balance.setNull(i);
                } else {
                    balance.setSafe(i, BigDecimal.valueOf(r * 37 % 10_000_000, 2));
                }
                created.setSafe(i, 1_600_000_000_000_000L + r * 1_000_003L);
                birth.setSafe(i, (int) (DAY0 - r % 20_000));
                active.setSafe(i, (int) (r & 1));
                score.setSafe(i, (r % 1000) / 7.0);
            }
            root.setRowCount(n);
            for (FieldVector v : root.getFieldVectors()) {
                arrowBytes += v.getBufferSize();
            }
            next += n;
            return true;
        }

        @Override
        public long bytesRead() {
            return arrowBytes;
        }

        @Override
        protected void closeReadSource() {
        }

        @Override
        protected Schema readSchema() {
            return schema;
        }
    }
}

package io.flowforge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.arrow.CancellableReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** Order and values kept, bounded read-ahead, failures rethrown, and no leak on any way out. */
class PrefetchingArrowReaderTest {

    static final Schema SCHEMA = new Schema(List.of(Field.nullable("id", new ArrowType.Int(32, true)),
            Field.nullable("name", ArrowType.Utf8.INSTANCE)));

    /** Batches of {@code size} rows numbered from 0; fails at batch {@code failAt}, blocks at {@code blockAt}. */
    static final class SourceReader extends ArrowReader implements CancellableReader {
        final int batches;
        final int size;
        final int failAt;
        final int blockAt;
        final AtomicInteger loaded = new AtomicInteger();
        final AtomicBoolean cancelled = new AtomicBoolean();
        final AtomicBoolean closed = new AtomicBoolean();
        final CountDownLatch blocked = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        SourceReader(BufferAllocator allocator, int batches, int size, int failAt, int blockAt) {
            super(allocator);
            this.batches = batches;
            this.size = size;
            this.failAt = failAt;
            this.blockAt = blockAt;
        }

        @Override
        public boolean loadNextBatch() throws IOException {
            prepareLoadNextBatch();
            int b = loaded.get();
            if (b == failAt) {
                throw new ConnectorException("source failed at batch " + b);
            }
            if (b == blockAt) {
                blocked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                throw new ConnectorException("query cancelled");
            }
            if (b == batches) {
                return false;
            }
            VectorSchemaRoot root = getVectorSchemaRoot();
            IntVector id = (IntVector) root.getVector("id");
            VarCharVector name = (VarCharVector) root.getVector("name");
            id.allocateNew(size);
            name.allocateNew(size);
            for (int i = 0; i < size; i++) {
                int v = b * size + i;
                id.set(i, v);
                if (v % 7 == 0) {
                    name.setNull(i);
                } else {
                    name.setSafe(i, ("row-" + v).getBytes(StandardCharsets.UTF_8));
                }
            }
            root.setRowCount(size);
            loaded.incrementAndGet();
            return true;
        }

        @Override
        public void cancel() {
            cancelled.set(true);
            release.countDown();
        }

        @Override
        public long bytesRead() {
            return 0;
        }

        @Override
        protected void closeReadSource() {
            closed.set(true);
            // Like a real reader, the source owns its allocator: a batch leaked on its side fails here.
            allocator.close();
        }

        @Override
        protected Schema readSchema() {
            return SCHEMA;
        }
    }

    @Test
    void everyRowArrivesInOrderWithItsValues() throws Exception {
        try (BufferAllocator allocator = new RootAllocator()) {
            SourceReader source = new SourceReader(allocator.newChildAllocator("source", 0, Long.MAX_VALUE), 25, 1000,
                    -1, -1);
            List<String> seen = new ArrayList<>();
            try (ArrowReader reader = PrefetchingArrowReader.start(source, allocator, 2, "test")) {
                assertThat(reader.getVectorSchemaRoot().getSchema()).isEqualTo(SCHEMA);
                while (reader.loadNextBatch()) {
                    VectorSchemaRoot root = reader.getVectorSchemaRoot();
                    IntVector id = (IntVector) root.getVector("id");
                    VarCharVector name = (VarCharVector) root.getVector("name");
                    for (int i = 0; i < root.getRowCount(); i++) {
                        seen.add(id.get(i) + ":" + (name.isNull(i) ? "null" : new String(name.get(i), StandardCharsets.UTF_8)));
                    }
                }
                assertThat(reader.loadNextBatch()).isFalse();
            }
            assertThat(seen).hasSize(25_000);
            for (int v = 0; v < 25_000; v++) {
                assertThat(seen.get(v)).isEqualTo(v + ":" + (v % 7 == 0 ? "null" : "row-" + v));
            }
            assertThat(source.closed).isTrue();
        }
    }

    @Test
    void readsAtMostDepthBatchesAheadOfTheConsumer() throws Exception {
        try (BufferAllocator allocator = new RootAllocator()) {
            SourceReader source = new SourceReader(allocator.newChildAllocator("source", 0, Long.MAX_VALUE), 100, 10,
                    -1, -1);
            try (ArrowReader reader = PrefetchingArrowReader.start(source, allocator, 2, "test")) {
                assertThat(reader.loadNextBatch()).isTrue();
                // One batch consumed, two queued, one more loaded and waiting for room: then no more.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (source.loaded.get() < 4 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                Thread.sleep(200);
                assertThat(source.loaded.get()).isEqualTo(4);
            }
        }
    }

    @Test
    void abandoningMidwayStopsTheProducerAndLeaksNothing() throws Exception {
        try (BufferAllocator allocator = new RootAllocator()) {
            SourceReader source = new SourceReader(allocator.newChildAllocator("source", 0, Long.MAX_VALUE), 1000, 500,
                    -1, -1);
            ArrowReader reader = PrefetchingArrowReader.start(source, allocator, 2, "test");
            assertThat(reader.loadNextBatch()).isTrue();
            assertThat(reader.loadNextBatch()).isTrue();
            reader.close();
            assertThat(source.closed).isTrue();
            assertThat(source.cancelled).as("a source still reading is cancelled").isTrue();
            assertThat(source.loaded.get()).isLessThan(10);
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("flowforge-prefetch-test"));
            assertThat(allocator.getAllocatedMemory()).isZero();
        }
    }

    @Test
    void aSourceFailureIsThrownToTheConsumerAfterTheBatchesBeforeIt() throws Exception {
        try (BufferAllocator allocator = new RootAllocator()) {
            SourceReader source = new SourceReader(allocator.newChildAllocator("source", 0, Long.MAX_VALUE), 10, 100,
                    3, -1);
            try (ArrowReader reader = PrefetchingArrowReader.start(source, allocator, 2, "test")) {
                assertThat(reader.loadNextBatch()).isTrue();
                assertThat(reader.loadNextBatch()).isTrue();
                assertThat(reader.loadNextBatch()).isTrue();
                assertThatThrownBy(reader::loadNextBatch).isInstanceOf(ConnectorException.class)
                        .hasMessage("source failed at batch 3");
                assertThat(reader.loadNextBatch()).isFalse();
            }
            assertThat(source.cancelled).as("a finished source is not cancelled").isFalse();
        }
    }

    @Test
    void closeCancelsASourceBlockedInARead() throws Exception {
        try (BufferAllocator allocator = new RootAllocator()) {
            SourceReader source = new SourceReader(allocator.newChildAllocator("source", 0, Long.MAX_VALUE), 10, 100,
                    -1, 1);
            ArrowReader reader = PrefetchingArrowReader.start(source, allocator, 2, "test");
            assertThat(reader.loadNextBatch()).isTrue();
            assertThat(source.blocked.await(5, TimeUnit.SECONDS)).isTrue();
            reader.close();
            assertThat(source.cancelled).isTrue();
            assertThat(source.closed).isTrue();
        }
    }

    @Test
    void depthMustBePositive() throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                SourceReader source = new SourceReader(allocator.newChildAllocator("source", 0, Long.MAX_VALUE), 1, 1, -1, -1)) {
            assertThatThrownBy(() -> PrefetchingArrowReader.start(source, allocator, 0, "test"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("depth must be at least 1, was 0");
        }
    }
}

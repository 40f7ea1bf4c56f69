package io.flowforge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class ProgressReaderTest {

    /** Three batches of 1,000 rows each. */
    private static final class ThreeBatches extends ArrowReader {
        private int sent;

        ThreeBatches(BufferAllocator a) {
            super(a);
        }

        @Override
        public boolean loadNextBatch() throws IOException {
            if (sent == 3) return false;
            VectorSchemaRoot root = getVectorSchemaRoot();
            IntVector v = (IntVector) root.getVector(0);
            v.allocateNew(1000);
            for (int i = 0; i < 1000; i++) v.set(i, sent * 1000 + i);
            root.setRowCount(1000);
            sent++;
            return true;
        }

        @Override public long bytesRead() { return 0; }
        @Override protected void closeReadSource() {}
        @Override protected Schema readSchema() {
            return new Schema(List.of(Field.nullable("id", new ArrowType.Int(32, true))));
        }
    }

    @Test
    void passesBatchesThroughAndReportsRowsRateAndPercent() throws Exception {
        AtomicLong clock = new AtomicLong();
        try (RootAllocator allocator = new RootAllocator();
                ProgressReader reader = new ProgressReader(allocator, new ThreeBatches(allocator), "job 'j' dbo.t",
                        OptionalLong.of(6000), 5_000_000_000L, clock::get)) {
            long sum = 0;
            while (reader.loadNextBatch()) {
                IntVector v = (IntVector) reader.getVectorSchemaRoot().getVector("id");
                for (int i = 0; i < v.getValueCount(); i++) sum += v.get(i);
                clock.addAndGet(1_000_000_000L);
            }
            assertThat(sum).isEqualTo(2999L * 3000 / 2);
            assertThat(reader.rows()).isEqualTo(3000);
            assertThat(reader.batches()).isEqualTo(3);
            assertThat(reader.progressLine(2_000_000_000L)).isEqualTo("job 'j' dbo.t: 3,000 rows read, 1,500 rows/s, about 50% of ~6,000 rows");
        }
    }
}

package io.flowforge.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.IncrementalRead;
import io.flowforge.connector.IncrementalRequest;
import io.flowforge.connector.IncrementalWindow;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.TableSplit;
import io.flowforge.connector.UpperBoundStrategy;
import io.flowforge.connector.Watermark;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Split and window bounds at the edges of a 64-bit integer key (-2^63 and 2^63-1): every bound a
 * plan binds must itself be a 64-bit value (a driver that sends a BigInteger as its
 * {@code longValue()} turns 2^63 into -2^63), and the rows at both edges are read exactly once.
 */
final class IntegerLimitsCase {

    /** The keys of the case's table, in order. */
    static final List<Long> KEYS = List.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, -1L, 0L, 1L, Long.MAX_VALUE - 1,
            Long.MAX_VALUE);

    private IntegerLimitsCase() {}

    static void check(Supplier<DatabaseConnector> open, TableId table) throws Exception {
        try (DatabaseConnector connector = open.get(); BufferAllocator allocator = new RootAllocator()) {
            for (int count : new int[] {1, 2, 3, 7}) {
                List<TableSplit> splits = connector.planSplits(table, Optional.of("id"), count);
                List<Long> union = new ArrayList<>();
                for (TableSplit split : splits) {
                    assertBoundsFitALong(split.range());
                    try (ArrowReader reader = connector.readSplit(split, ReadOptions.defaults(), allocator)) {
                        union.addAll(ids(reader));
                    }
                }
                assertThat(union).as(count + " splits").containsExactlyInAnyOrderElementsOf(KEYS);
            }
            IncrementalRequest initial = IncrementalRequest.initial(table, "id").withUpperBound(UpperBoundStrategy.MAX_INCLUSIVE)
                    .withLag(java.time.Duration.ZERO);   // no writer: keeps the case about bounds, not late commits
            try (IncrementalRead read = connector.readIncremental(initial, ReadOptions.defaults(), allocator)) {
                assertBoundsFitALong(read.window());
                assertThat(ids(read.reader())).containsExactlyInAnyOrderElementsOf(KEYS);
                IncrementalRequest next = IncrementalRequest.after(table, "id", read.window().nextPosition().orElseThrow())
                        .withUpperBound(UpperBoundStrategy.MAX_INCLUSIVE).withLag(java.time.Duration.ZERO);
                try (IncrementalRead after = connector.readIncremental(next, ReadOptions.defaults(), allocator)) {
                    assertThat(ids(after.reader())).isEmpty();
                }
            }
            IncrementalRequest exclusive = IncrementalRequest.initial(table, "id").withUpperBound(UpperBoundStrategy.MAX_EXCLUSIVE)
                    .withLag(java.time.Duration.ZERO);
            try (IncrementalRead read = connector.readIncremental(exclusive, ReadOptions.defaults(), allocator)) {
                assertBoundsFitALong(read.window());
                assertThat(ids(read.reader())).containsExactlyInAnyOrderElementsOf(KEYS.subList(0, KEYS.size() - 1));
            }
        }
    }

    private static void assertBoundsFitALong(IncrementalWindow w) {
        for (Optional<Watermark> bound : List.of(w.lower(), w.upper())) {
            bound.ifPresent(b -> assertThat(b.toJavaValue()).as("bound " + b.value() + " of " + w).isInstanceOf(Long.class));
        }
    }

    private static List<Long> ids(ArrowReader reader) throws Exception {
        List<Long> out = new ArrayList<>();
        while (reader.loadNextBatch()) {
            FieldVector v = reader.getVectorSchemaRoot().getVector("id");
            for (int i = 0; i < reader.getVectorSchemaRoot().getRowCount(); i++) {
                out.add(Long.parseLong(ArrowValues.render(v, i)));
            }
        }
        return out;
    }
}

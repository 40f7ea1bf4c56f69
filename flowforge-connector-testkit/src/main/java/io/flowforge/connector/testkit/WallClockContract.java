package io.flowforge.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.IncrementalRead;
import io.flowforge.connector.IncrementalRequest;
import io.flowforge.connector.IncrementalWindow;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.UpperBoundStrategy;
import io.flowforge.connector.Watermark;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Wall clocks and instants at daylight-saving edges ({@link WallClockCase}) read exactly, whatever
 * the JVM's zone: in table reads, query reads, and incremental windows, whose watermarks (a MAX()
 * read back, bounds bound as parameters) must neither move nor lose a row. The build runs the
 * contract suite in UTC and again with {@code -Duser.timezone=America/New_York}, where each value
 * of a case is inside the gap or the repeated hour.
 */
public interface WallClockContract extends ContractSupport {

    @TestFactory
    default Stream<DynamicTest> wallClocksAtDaylightSavingEdgesReadExactly() {
        List<WallClockCase> cases = contractDatabase().wallClockCases();
        assumeFalse(cases.isEmpty(), contractDatabase().displayName() + " gives no temporal types to check");
        String zone = TimeZone.getDefault().getID();
        return IntStream.range(0, cases.size()).mapToObj(n -> DynamicTest.dynamicTest(
                cases.get(n).sqlType() + " in " + zone, () -> check(cases.get(n), "wall_clock_" + n)));
    }

    private void check(WallClockCase c, String name) throws Exception {
        ContractDatabase db = contractDatabase();
        String table = db.qualified(contractSchema(), name);
        execute("CREATE TABLE " + table + " (" + db.quote("id") + " " + db.integerType() + " NOT NULL PRIMARY KEY, "
                + db.quote("v") + " " + c.sqlType() + ")");
        execute("INSERT INTO " + table + " VALUES (0, NULL)");
        for (int i = 0; i < c.literals().size(); i++) {
            execute("INSERT INTO " + table + " VALUES (" + (i + 1) + ", " + c.literals().get(i) + ")");
        }
        List<String> expected = new ArrayList<>();
        expected.add(null);
        expected.addAll(c.expected());
        TableId id = TableId.of(contractSchema(), name);
        assertThat(values(readAll(id, ReadOptions.defaults()))).as(c.sqlType() + " table read").containsExactlyElementsOf(expected);
        try (DatabaseConnector connector = open(); BufferAllocator allocator = new RootAllocator();
                ArrowReader reader = connector.readQuery("SELECT " + db.quote("id") + ", " + db.quote("v") + " FROM " + table,
                        ReadOptions.defaults(), allocator)) {
            assertThat(values(ArrowValues.rows(reader))).as(c.sqlType() + " query read").containsExactlyElementsOf(expected);
        }
        if (c.deltaColumn()) {
            checkWindows(c, id);
        }
    }

    /**
     * A first window up to MAX (whose watermark must be the largest value exactly), then a window
     * between each two neighbouring values, bound as parameters: each holds exactly its row.
     */
    private void checkWindows(WallClockCase c, TableId id) throws Exception {
        List<String> expected = c.expected();
        try (DatabaseConnector connector = open(); BufferAllocator allocator = new RootAllocator()) {
            IncrementalWindow first;
            // No writer here: lag 0 keeps the case about wall clocks, not late commits.
            try (IncrementalRead read = connector.readIncremental(IncrementalRequest.initial(id, "v")
                    .withUpperBound(UpperBoundStrategy.MAX_INCLUSIVE).withLag(java.time.Duration.ZERO),
                    ReadOptions.defaults(), allocator)) {
                assertThat(ids(read.reader())).as(c.sqlType() + " first window").hasSize(expected.size() + 1);
                first = read.window();
            }
            Watermark max = first.upper().orElseThrow();
            assertThat(normalized(max)).as(c.sqlType() + " MAX() watermark " + max)
                    .isEqualTo(normalized(watermark(first.watermarkType(), expected.get(expected.size() - 1))));
            for (int i = 0; i + 1 < expected.size(); i++) {
                Watermark lower = watermark(first.watermarkType(), expected.get(i));
                Watermark upper = watermark(first.watermarkType(), expected.get(i + 1));
                IncrementalWindow atLower = new IncrementalWindow(id, "v", first.watermarkType(), Optional.of(lower), true,
                        Optional.of(upper), false);
                IncrementalWindow atUpper = new IncrementalWindow(id, "v", first.watermarkType(), Optional.of(lower), false,
                        Optional.of(upper), true);
                try (ArrowReader reader = connector.readWindow(atLower, ReadOptions.defaults(), allocator)) {
                    assertThat(ids(reader)).as(c.sqlType() + " window [" + lower + ", " + upper + ")").containsExactly(i + 1);
                }
                try (ArrowReader reader = connector.readWindow(atUpper, ReadOptions.defaults(), allocator)) {
                    assertThat(ids(reader)).as(c.sqlType() + " window (" + lower + ", " + upper + "]").containsExactly(i + 2);
                }
            }
        }
    }

    /** A watermark of the window's type from a rendered value ({@code ...Z} for instants). */
    private static Watermark watermark(Watermark.Type type, String rendered) {
        String text = rendered.endsWith("Z") ? rendered.substring(0, rendered.length() - 1) : rendered;
        return switch (type) {
            case DATE -> Watermark.ofDate(LocalDate.parse(text));
            case TIMESTAMP -> Watermark.ofTimestamp(LocalDateTime.parse(text));
            case TIMESTAMP_TZ -> Watermark.ofTimestampTz(LocalDateTime.parse(text).atOffset(ZoneOffset.UTC));
            default -> throw new IllegalArgumentException("not a temporal watermark: " + type);
        };
    }

    /** The value a watermark stands for, with instants in UTC, so equal values compare equal. */
    private static Object normalized(Watermark w) {
        Object v = w.toJavaValue();
        return v instanceof OffsetDateTime t ? t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime() : v;
    }

    private static List<String> values(List<List<String>> rows) {
        return rows.stream().sorted((a, b) -> Integer.compare(Integer.parseInt(a.get(0)), Integer.parseInt(b.get(0))))
                .map(r -> r.get(1)).toList();
    }

    private static List<Integer> ids(ArrowReader reader) throws Exception {
        return ArrowValues.rows(reader).stream().map(r -> Integer.parseInt(r.get(0))).sorted().toList();
    }
}

package io.flowforge.connector.arrow;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.PublicEvolving;
import java.util.OptionalLong;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * A reader that counted, before its first row, how many rows its read returns — in the same
 * snapshot as the read, so the two can be compared exactly (asked for with
 * {@code ReadOptions.withRowCount(true)}). A caller that wrote fewer or more rows than counted
 * lost or repeated some. The ingestion module's {@code PrefetchingArrowReader} forwards its source's count.
 */
@PublicEvolving
public interface RowCountReport {

    /** The count, or why there is none. */
    RowCount sourceRowCount();

    /** The count of any reader: {@link #sourceRowCount()} if it reports one, otherwise "not counted". */
    static RowCount of(ArrowReader reader) {
        return reader instanceof RowCountReport r ? r.sourceRowCount() : RowCount.notCounted("this reader does not count rows");
    }

    /**
     * The rows the source holds for the read ({@code rows} empty when not counted) and how they
     * were counted, or why not, for logs and results.
     */
    record RowCount(OptionalLong rows, String how) {
        public RowCount {
            requireNonNull(rows, "rows is null");
            requireNonNull(how, "how is null");
        }

        public static RowCount counted(long rows, String how) {
            return new RowCount(OptionalLong.of(rows), how);
        }

        public static RowCount notCounted(String why) {
            return new RowCount(OptionalLong.empty(), why);
        }
    }
}

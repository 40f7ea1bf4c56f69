package io.flowforge.ingest;

import io.flowforge.connector.arrow.RowCountReport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The rows a run wrote, compared with the source's count over the same read (counted in the
 * read's own snapshot, see {@link RowCountReport}): {@code matched}, or {@code not_reconciled}
 * with the reason (counting off, or no snapshot to count in). A mismatch is never a result: it
 * fails the run before its object is committed ({@link ReconciliationException}).
 */
public record Reconciliation(String status, OptionalLong sourceRows, long bronzeRows, String how) {

    public static final String MATCHED = "matched";
    public static final String NOT_RECONCILED = "not_reconciled";

    /**
     * Compares {@code written} with the reader's count; throws {@link ReconciliationException}
     * naming both numbers when they differ.
     */
    public static Reconciliation check(String source, RowCountReport.RowCount count, long written, boolean asked) {
        if (!asked) {
            return new Reconciliation(NOT_RECONCILED, OptionalLong.empty(), written, "counting is off (reconcileCounts: false)");
        }
        if (count.rows().isEmpty()) {
            return new Reconciliation(NOT_RECONCILED, OptionalLong.empty(), written, count.how());
        }
        long expected = count.rows().getAsLong();
        if (expected != written) {
            throw new ReconciliationException(source, expected, written, count.how());
        }
        return new Reconciliation(MATCHED, count.rows(), written, count.how());
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("source_rows", sourceRows.isPresent() ? sourceRows.getAsLong() : null);
        m.put("bronze_rows", bronzeRows);
        m.put("how", how);
        return m;
    }

    /** The rows read differ from the source's count over the same snapshot: nothing was committed. */
    public static final class ReconciliationException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ReconciliationException(String source, long expected, long written, String how) {
            super("Counts differ for " + source + ": the source holds " + expected + " rows for this read (" + how
                    + ") but " + written + " were read; nothing was committed, and the next run reads the same window again");
        }
    }
}

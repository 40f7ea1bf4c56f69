package io.flowforge.ingest;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One difference between the schema a job last landed and the source's schema now. A rename is a
 * drop and an add; it is never guessed.
 *
 * @param kind what changed
 * @param column the column (or the key / delta column) it concerns
 * @param before what it was ({@code null} for an added column)
 * @param after what it is ({@code null} for a dropped column)
 */
public record SchemaChange(Kind kind, String column, String before, String after) {

    /** The kinds of change, and which a policy of {@code evolve} accepts. */
    public enum Kind {
        ADDED, DROPPED,
        /** The Arrow type widened losslessly (int32 → int64, decimal(15,2) → decimal(18,2), float32 → float64). */
        WIDENED,
        /** Only the source's declaration changed (varchar(50) → varchar(200)); the Arrow type is the same. */
        SOURCE_TYPE_CHANGED,
        /** The Arrow type narrowed or changed family: older values or newer ones would not fit one type. */
        NARROWED_OR_INCOMPATIBLE,
        NULLABILITY_CHANGED, KEY_CHANGED,
        /** The job now tracks rows by another delta column: its state's position means nothing for the new one. */
        DELTA_COLUMN_CHANGED,
        /** The job took up a delta column, or gave it up (full loads between incremental runs of one job id). */
        DELTA_COLUMN_SET_OR_CLEARED;

        /** Changes that no column policy lets through: they change what the job's state or files mean. */
        boolean breaking() {
            return this == NARROWED_OR_INCOMPATIBLE || this == KEY_CHANGED || this == DELTA_COLUMN_CHANGED;
        }
    }

    public SchemaChange {
        requireNonNull(kind, "kind is null");
        requireNonNull(column, "column is null");
    }

    /** One line for messages: {@code widened: amount decimal128(15, 2) -> decimal128(18, 2)}. */
    public String describe() {
        String k = kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return switch (kind) {
            case ADDED -> "added: " + column + " " + after;
            case DROPPED -> "dropped: " + column + " (was " + before + ")";
            default -> k + ": " + column + " " + before + " -> " + after;
        };
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
        m.put("column", column);
        m.put("before", before);
        m.put("after", after);
        return m;
    }
}

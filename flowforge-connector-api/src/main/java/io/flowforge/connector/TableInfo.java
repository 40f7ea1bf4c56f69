package io.flowforge.connector;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/** A table or view found in the catalog, with the database's row count estimate when it has one. */
@PublicEvolving
public record TableInfo(TableId id, Kind kind, OptionalLong approximateRowCount) {

    /** Whether the object is a base table or a view. */
    public enum Kind { TABLE, VIEW }

    public TableInfo {
        requireNonNull(id, "id is null");
        requireNonNull(kind, "kind is null");
        approximateRowCount = approximateRowCount == null ? OptionalLong.empty() : approximateRowCount;
    }
}

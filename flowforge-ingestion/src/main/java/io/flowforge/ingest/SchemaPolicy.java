package io.flowforge.ingest;

import static java.util.Objects.requireNonNull;

/**
 * What a job does when its source table's schema changed since its last run
 * ({@code databaseConfig.schemaChanges}, per job and per table).
 *
 * @param columns added, dropped and nullability changes: {@code EVOLVE} lands them (a dropped
 *     column is reported and absent from new files), {@code FREEZE} fails naming them,
 *     {@code DISCARD} lands the old column set (new columns are left out; a dropped column fails,
 *     since the old set cannot be landed)
 * @param types type changes within a column: {@code EVOLVE} lands lossless widenings and new source
 *     declarations of the same Arrow type, {@code FREEZE} fails on any
 * @param onBreakingChange narrowed or incompatible types, a changed key or delta column:
 *     {@code FAIL} (default) names every change, {@code RELOAD} starts the table over under a new
 *     schema version (a full load; older bronze files stay)
 */
public record SchemaPolicy(ColumnPolicy columns, TypePolicy types, BreakingPolicy onBreakingChange) {

    public enum ColumnPolicy { EVOLVE, FREEZE, DISCARD }

    public enum TypePolicy { EVOLVE, FREEZE }

    public enum BreakingPolicy { FAIL, RELOAD }

    /** Evolve added columns and widenings; fail, naming every change, on anything breaking. */
    public static final SchemaPolicy DEFAULT = new SchemaPolicy(ColumnPolicy.EVOLVE, TypePolicy.EVOLVE, BreakingPolicy.FAIL);

    public SchemaPolicy {
        requireNonNull(columns, "columns is null");
        requireNonNull(types, "types is null");
        requireNonNull(onBreakingChange, "onBreakingChange is null");
    }
}

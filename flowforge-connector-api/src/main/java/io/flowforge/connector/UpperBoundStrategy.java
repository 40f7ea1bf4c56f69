package io.flowforge.connector;

/** How an incremental window's upper bound is fixed when the run starts. */
public enum UpperBoundStrategy {
    /**
     * Chosen from the delta column: {@link #ROWVERSION} for SQL Server rowversion,
     * {@link #DATABASE_NOW} for date and time columns, {@link #MAX_EXCLUSIVE} otherwise.
     */
    AUTO,
    /**
     * The database's clock minus the lag, exclusive: every row stamped before that instant is
     * read now, rows stamped at or after it (also those still being written) in the next run.
     */
    DATABASE_NOW,
    /**
     * The largest delta value present, exclusive: rows holding that value wait for the next run,
     * because more rows may still arrive with it. Safe for any column.
     */
    MAX_EXCLUSIVE,
    /**
     * The largest delta value present, inclusive: exact only when no later row can take a value
     * at or below it (an identity or sequence key).
     */
    MAX_INCLUSIVE,
    /** SQL Server {@code MIN_ACTIVE_ROWVERSION()}, exclusive: exact even with open transactions. */
    ROWVERSION
}

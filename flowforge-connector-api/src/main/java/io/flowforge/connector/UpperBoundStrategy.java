package io.flowforge.connector;

/**
 * How an incremental window's upper bound is fixed when the run starts. Every strategy but
 * {@link #ROWVERSION} also never passes a value that a transaction still open in another session
 * may commit below it, where the database shows its open transactions to the connector; where it
 * does not, the request's lag is what protects late commits (see {@link IncrementalRequest}).
 */
@PublicEvolving
public enum UpperBoundStrategy {
    /**
     * Chosen from the delta column: {@link #ROWVERSION} for SQL Server rowversion,
     * {@link #DATABASE_NOW} for date and time columns, {@link #MAX_EXCLUSIVE} otherwise.
     */
    AUTO,
    /**
     * The database's clock minus the lag (default 60 s), and never past the start of the oldest
     * transaction open in another session; exclusive. Exact for rows the database stamps inside
     * their transaction, and for rows an application stamps at most the lag before its transaction begins.
     */
    DATABASE_NOW,
    /**
     * The largest delta value seen at a moment after which every older transaction has ended
     * (the plan waits for them, or leaves the value for a later run), and at least the lag old;
     * exclusive: rows holding that value wait for the next run, because more rows may still
     * arrive with it. Safe for columns whose values repeat.
     */
    MAX_EXCLUSIVE,
    /**
     * As {@link #MAX_EXCLUSIVE}, inclusive: exact for values the database assigns in increasing
     * order inside the inserting transaction (identity, sequence, auto-increment keys).
     */
    MAX_INCLUSIVE,
    /** SQL Server {@code MIN_ACTIVE_ROWVERSION()}, exclusive: exact even with open transactions. */
    ROWVERSION
}

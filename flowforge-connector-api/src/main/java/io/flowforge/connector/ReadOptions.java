package io.flowforge.connector;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How a read runs: rows per Arrow batch, a cap on a batch's variable-width bytes, the Arrow
 * memory limit, the policy for unsupported types and for sub-microsecond time, and a query
 * timeout ({@link Duration#ZERO} for none), and whether to count the read's rows first, in the same
 * snapshot ({@link #withRowCount}). {@link #defaults()}: 10,000 rows, 64 MiB, 1 GiB,
 * {@link UnsupportedTypePolicy#FAIL}, {@link TemporalPrecision#MICROSECONDS}, no timeout, no count.
 */
@PublicEvolving
public record ReadOptions(
        int batchSize,
        long maxBatchBytes,
        long allocatorLimitBytes,
        UnsupportedTypePolicy unsupportedTypePolicy,
        TemporalPrecision temporalPrecision,
        Duration queryTimeout,
        boolean countRows,
        java.util.List<String> columns) {

    public static final int DEFAULT_BATCH_SIZE = 10_000;
    public static final long DEFAULT_MAX_BATCH_BYTES = 64L << 20;
    public static final long DEFAULT_ALLOCATOR_LIMIT = 1L << 30;

    public ReadOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        if (maxBatchBytes < 1) {
            throw new IllegalArgumentException("maxBatchBytes must be positive, was " + maxBatchBytes);
        }
        if (allocatorLimitBytes < 1) {
            throw new IllegalArgumentException("allocatorLimitBytes must be positive, was " + allocatorLimitBytes);
        }
        requireNonNull(unsupportedTypePolicy, "unsupportedTypePolicy is null");
        requireNonNull(temporalPrecision, "temporalPrecision is null");
        requireNonNull(queryTimeout, "queryTimeout is null");
        columns = columns == null ? java.util.List.of() : java.util.List.copyOf(columns);
    }

    public static ReadOptions defaults() {
        return new ReadOptions(DEFAULT_BATCH_SIZE, DEFAULT_MAX_BATCH_BYTES, DEFAULT_ALLOCATOR_LIMIT,
                UnsupportedTypePolicy.FAIL, TemporalPrecision.MICROSECONDS, Duration.ZERO, false, java.util.List.of());
    }

    public ReadOptions withBatchSize(int n) {
        return new ReadOptions(n, maxBatchBytes, allocatorLimitBytes, unsupportedTypePolicy, temporalPrecision, queryTimeout, countRows, columns);
    }

    public ReadOptions withMaxBatchBytes(long n) {
        return new ReadOptions(batchSize, n, allocatorLimitBytes, unsupportedTypePolicy, temporalPrecision, queryTimeout, countRows, columns);
    }

    public ReadOptions withAllocatorLimitBytes(long n) {
        return new ReadOptions(batchSize, maxBatchBytes, n, unsupportedTypePolicy, temporalPrecision, queryTimeout, countRows, columns);
    }

    public ReadOptions withUnsupportedTypePolicy(UnsupportedTypePolicy p) {
        return new ReadOptions(batchSize, maxBatchBytes, allocatorLimitBytes, p, temporalPrecision, queryTimeout, countRows, columns);
    }

    public ReadOptions withTemporalPrecision(TemporalPrecision p) {
        return new ReadOptions(batchSize, maxBatchBytes, allocatorLimitBytes, unsupportedTypePolicy, p, queryTimeout, countRows, columns);
    }

    public ReadOptions withQueryTimeout(Duration d) {
        return new ReadOptions(batchSize, maxBatchBytes, allocatorLimitBytes, unsupportedTypePolicy, temporalPrecision, d, countRows, columns);
    }

    /**
     * With {@code true}, the read first counts the rows it will return, in the same snapshot where
     * the database gives one (PostgreSQL and MySQL REPEATABLE READ, SQL Server SNAPSHOT), and its
     * reader reports the count ({@code RowCountReport}); without a snapshot it says why not.
     */
    /**
     * Only these columns of a table, in the table's order (empty: every column). A name the table
     * lacks fails the read naming it. Queries ignore it.
     */
    public ReadOptions withColumns(java.util.List<String> names) {
        return new ReadOptions(batchSize, maxBatchBytes, allocatorLimitBytes, unsupportedTypePolicy, temporalPrecision,
                queryTimeout, countRows, names);
    }

    public ReadOptions withRowCount(boolean count) {
        return new ReadOptions(batchSize, maxBatchBytes, allocatorLimitBytes, unsupportedTypePolicy, temporalPrecision,
                queryTimeout, count, columns);
    }
}

package io.flowforge.ingest;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.UpperBoundStrategy;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One entry of a multi-table job's {@code databaseConfig.tables}: a table name or a pattern
 * ({@code dbo.*}, {@code sales.order_%}: {@code *} and {@code %} match any run of characters,
 * {@code ?} one), with what it overrides for the tables it matches. Empty overrides take the job's
 * defaults.
 */
public record TableSpec(
        String pattern,
        Optional<Boolean> incremental,
        Optional<String> deltaColumn,
        Optional<UpperBoundStrategy> upperBound,
        Optional<Duration> lag,
        OptionalInt batchSize,
        Optional<String> bronzeTable,
        Optional<String> key,
        Optional<SchemaPolicy> schemaChanges) {

    public TableSpec {
        requireNonNull(pattern, "pattern is null");
        incremental = incremental == null ? Optional.empty() : incremental;
        deltaColumn = deltaColumn == null ? Optional.empty() : deltaColumn;
        upperBound = upperBound == null ? Optional.empty() : upperBound;
        lag = lag == null ? Optional.empty() : lag;
        batchSize = batchSize == null ? OptionalInt.empty() : batchSize;
        bronzeTable = bronzeTable == null ? Optional.empty() : bronzeTable;
        key = key == null ? Optional.empty() : key;
        schemaChanges = schemaChanges == null ? Optional.empty() : schemaChanges;
    }

    /** An entry that is only a name or pattern. */
    public static TableSpec of(String pattern) {
        return new TableSpec(pattern, null, null, null, null, null, null, null, null);
    }

    /** Whether the entry is a pattern (it matches tables by wildcard) rather than one table's name. */
    public boolean isPattern() {
        return TableMatcher.isPattern(pattern);
    }
}

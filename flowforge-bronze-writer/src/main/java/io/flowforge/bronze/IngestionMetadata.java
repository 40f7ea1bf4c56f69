package io.flowforge.bronze;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * What one bronze write records about its data: where it goes (bronze table, batch id) and the
 * values of the audit columns (source system, source table, ingestion and file-modified times).
 *
 * @param bronzeTable the bronze table, a path segment, e.g. {@code bronze_customers}
 * @param batchId the batch id, a path segment, e.g. {@code batch_001}
 * @param sourceSystem e.g. {@code sql-server}
 * @param sourceFile the source table, schema-qualified, e.g. {@code dbo.customers}
 * @param ingestionTime the run's time, the same on every row
 * @param fileModifiedTime when the source was last modified; for a database read the plan uses the run's time
 */
public record IngestionMetadata(
        String bronzeTable,
        String batchId,
        String sourceSystem,
        String sourceFile,
        Instant ingestionTime,
        Instant fileModifiedTime) {

    private static final Pattern PATH_SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.=-]{0,254}");

    public IngestionMetadata {
        requireNonNull(bronzeTable, "bronzeTable is null");
        requireNonNull(batchId, "batchId is null");
        requireNonNull(sourceSystem, "sourceSystem is null");
        requireNonNull(sourceFile, "sourceFile is null");
        requireNonNull(ingestionTime, "ingestionTime is null");
        requireNonNull(fileModifiedTime, "fileModifiedTime is null");
        checkSegment("bronze table name", bronzeTable);
        checkSegment("batch id", batchId);
    }

    /** Metadata whose file-modified time is the ingestion time, as the seed plan does for database sources. */
    public static IngestionMetadata of(String bronzeTable, String batchId, String sourceSystem, String sourceFile,
            Instant ingestionTime) {
        return new IngestionMetadata(bronzeTable, batchId, sourceSystem, sourceFile, ingestionTime, ingestionTime);
    }

    private static void checkSegment(String what, String value) {
        if (!PATH_SEGMENT.matcher(value).matches() || value.contains("..")) {
            throw new IllegalArgumentException(what + " '" + value + "' cannot be used in the object path: use letters,"
                    + " digits, '_', '-', '.', '=' (not starting with '.' or '-', no '..', at most 255 characters)");
        }
    }
}

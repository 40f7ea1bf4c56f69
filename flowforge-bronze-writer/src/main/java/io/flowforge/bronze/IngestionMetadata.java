package io.flowforge.bronze;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import io.flowforge.bronze.store.PathSegment;

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
 * @param properties extra key-value pairs written to the Parquet footer ({@code flowforge.*} keys)
 */
public record IngestionMetadata(
        String bronzeTable,
        String batchId,
        String sourceSystem,
        String sourceFile,
        Instant ingestionTime,
        Instant fileModifiedTime,
        java.util.Map<String, String> properties) {

    public IngestionMetadata {
        requireNonNull(bronzeTable, "bronzeTable is null");
        requireNonNull(batchId, "batchId is null");
        requireNonNull(sourceSystem, "sourceSystem is null");
        requireNonNull(sourceFile, "sourceFile is null");
        requireNonNull(ingestionTime, "ingestionTime is null");
        requireNonNull(fileModifiedTime, "fileModifiedTime is null");
        properties = properties == null ? java.util.Map.of() : java.util.Map.copyOf(properties);
        PathSegment.check("bronze table name", bronzeTable);
        PathSegment.check("batch id", batchId);
    }

    public IngestionMetadata(String bronzeTable, String batchId, String sourceSystem, String sourceFile, Instant ingestionTime,
            Instant fileModifiedTime) {
        this(bronzeTable, batchId, sourceSystem, sourceFile, ingestionTime, fileModifiedTime, java.util.Map.of());
    }

    /** The same metadata with extra key-value pairs for the Parquet footer (e.g. the schema version). */
    public IngestionMetadata withProperties(java.util.Map<String, String> extra) {
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>(properties);
        all.putAll(extra);
        return new IngestionMetadata(bronzeTable, batchId, sourceSystem, sourceFile, ingestionTime, fileModifiedTime, all);
    }

    /** Metadata whose file-modified time is the ingestion time, as the seed plan does for database sources. */
    public static IngestionMetadata of(String bronzeTable, String batchId, String sourceSystem, String sourceFile,
            Instant ingestionTime) {
        return new IngestionMetadata(bronzeTable, batchId, sourceSystem, sourceFile, ingestionTime, ingestionTime);
    }
}

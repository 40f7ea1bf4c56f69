package io.flowforge.ingest;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.Secret;
import io.flowforge.connector.TableId;
import io.flowforge.connector.UpperBoundStrategy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One ingestion job, in the shape of the plan's {@code ingest_from_database} arguments: a job id,
 * an optional batch id (generated when absent), where to read and where to write. Parsed from
 * JSON by {@link JobConfigParser}; secrets never print.
 */
public record JobConfig(String jobId, Optional<String> batchId, Source source, Destination destination) implements JobSpec {

    public JobConfig {
        requireNonNull(jobId, "jobId is null");
        batchId = batchId == null ? Optional.empty() : batchId;
        requireNonNull(source, "source is null");
        requireNonNull(destination, "destination is null");
    }

    /**
     * The source: the connector identifier (e.g. {@code sql-server}), its connection, and what to
     * read — a table (optionally incremental on a delta column) or a query. {@code lag} null means
     * the upper-bound strategy's default (see {@link io.flowforge.connector.IncrementalRequest});
     * {@code openTransactionWait} null means the default wait for older transactions.
     */
    public record Source(
            String type,
            ConnectionConfig connection,
            Optional<TableId> table,
            Optional<String> query,
            boolean incremental,
            Optional<String> deltaColumn,
            UpperBoundStrategy upperBound,
            Duration lag,
            ReadOptions readOptions,
            Duration openTransactionWait,
            SchemaPolicy schemaPolicy,
            boolean reload,
            Splitting splitting) {

        /** A source read as one split (no {@code parallelism}). */
        public Source(String type, ConnectionConfig connection, Optional<TableId> table, Optional<String> query,
                boolean incremental, Optional<String> deltaColumn, UpperBoundStrategy upperBound, Duration lag,
                ReadOptions readOptions, Duration openTransactionWait, SchemaPolicy schemaPolicy, boolean reload) {
            this(type, connection, table, query, incremental, deltaColumn, upperBound, lag, readOptions,
                    openTransactionWait, schemaPolicy, reload, null);
        }

        /** A source with the default wait for older transactions and schema policy. */
        public Source(String type, ConnectionConfig connection, Optional<TableId> table, Optional<String> query,
                boolean incremental, Optional<String> deltaColumn, UpperBoundStrategy upperBound, Duration lag,
                ReadOptions readOptions) {
            this(type, connection, table, query, incremental, deltaColumn, upperBound, lag, readOptions, null);
        }

        /** A source with the default schema policy. */
        public Source(String type, ConnectionConfig connection, Optional<TableId> table, Optional<String> query,
                boolean incremental, Optional<String> deltaColumn, UpperBoundStrategy upperBound, Duration lag,
                ReadOptions readOptions, Duration openTransactionWait) {
            this(type, connection, table, query, incremental, deltaColumn, upperBound, lag, readOptions,
                    openTransactionWait, null, false);
        }

        public Source {
            requireNonNull(type, "type is null");
            requireNonNull(connection, "connection is null");
            table = table == null ? Optional.empty() : table;
            query = query == null ? Optional.empty() : query;
            deltaColumn = deltaColumn == null ? Optional.empty() : deltaColumn;
            upperBound = upperBound == null ? UpperBoundStrategy.AUTO : upperBound;
            readOptions = readOptions == null ? ReadOptions.defaults() : readOptions;
            schemaPolicy = schemaPolicy == null ? SchemaPolicy.DEFAULT : schemaPolicy;
            splitting = splitting == null ? Splitting.NONE : splitting;
            if (table.isEmpty() == query.isEmpty()) {
                throw new IllegalArgumentException("a source reads either a table or a query");
            }
            if (incremental && (table.isEmpty() || deltaColumn.isEmpty())) {
                throw new IllegalArgumentException("an incremental source needs a table and a delta column");
            }
        }

        /** The name written to {@code _source_file}: the schema-qualified table, or "query". */
        /** The same source reading only {@code columns} (a schema policy that discards new columns). */
        public Source withColumns(java.util.List<String> columns) {
            return new Source(type, connection, table, query, incremental, deltaColumn, upperBound, lag,
                    readOptions.withColumns(columns), openTransactionWait, schemaPolicy, reload, splitting);
        }

        /** The same source cut into splits as {@code s} says. */
        public Source withSplitting(Splitting s) {
            return new Source(type, connection, table, query, incremental, deltaColumn, upperBound, lag, readOptions,
                    openTransactionWait, schemaPolicy, reload, s);
        }

        public String sourceName() {
            return table.map(TableId::qualifiedName).orElse("query");
        }
    }

    /**
     * How a table's load is cut into splits ({@code parallelism}, {@code splits} and
     * {@code splitColumn} in a job file): {@code splits} key ranges of {@code splitColumn} (the
     * table's single-column primary key when absent), run {@code parallelism} at a time by the
     * thread-pool engine. One split is today's single reader and single object.
     */
    public record Splitting(int parallelism, int splits, Optional<String> splitColumn) {

        public static final Splitting NONE = new Splitting(1, 1, Optional.empty());

        public Splitting {
            if (parallelism < 1 || splits < 1) {
                throw new IllegalArgumentException("parallelism and splits must be at least 1");
            }
            splitColumn = splitColumn == null ? Optional.empty() : splitColumn;
        }

        public boolean split() {
            return splits > 1;
        }
    }

    /** Where the bronze data goes: the bronze table name, the Parquet codec, and the store. */
    public record Destination(String bronzeTable, String compression, Storage storage) {
        public Destination {
            requireNonNull(bronzeTable, "bronzeTable is null");
            requireNonNull(compression, "compression is null");
            requireNonNull(storage, "storage is null");
        }
    }

    /** An object store location: a local folder or an S3-compatible bucket. */
    public sealed interface Storage permits LocalStorage, S3Storage {}

    /** A local folder, the lake's root. */
    public record LocalStorage(Path root) implements Storage {
        public LocalStorage {
            requireNonNull(root, "root is null");
        }
    }

    /** An S3-compatible bucket (MinIO, S3), with an optional key prefix. The secret key never prints. */
    public record S3Storage(String endpoint, String region, String bucket, String accessKey, Secret secretKey,
            boolean pathStyle, String prefix) implements Storage {
        public S3Storage {
            requireNonNull(endpoint, "endpoint is null");
            requireNonNull(bucket, "bucket is null");
            requireNonNull(accessKey, "accessKey is null");
            requireNonNull(secretKey, "secretKey is null");
            prefix = prefix == null ? "" : prefix;
        }
    }
}

package io.flowforge.ingest;

import static java.util.Objects.requireNonNull;

import io.flowforge.bronze.store.PathSegment;
import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.TableInfo;
import io.flowforge.connector.UpperBoundStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job over many tables of one database ({@code databaseConfig.tables}): names and patterns
 * with per-table overrides, excludes, the job's defaults for every table, a bronze name template
 * ({@code bronze_{table}} by default; {@code {schema}} and {@code {table}} are replaced), and how
 * many tables run at once. {@link #expand} turns it into one {@link JobConfig} per table, each with
 * its own state file, under the job's one lease and batch id.
 */
public record MultiTableJob(
        String jobId,
        Optional<String> batchId,
        String type,
        ConnectionConfig connection,
        List<TableSpec> include,
        List<String> exclude,
        boolean incremental,
        Optional<String> deltaColumn,
        UpperBoundStrategy upperBound,
        Duration lag,
        Duration openTransactionWait,
        ReadOptions readOptions,
        int maxParallelTables,
        String bronzeTemplate,
        String compression,
        JobConfig.Storage storage,
        SchemaPolicy schemaPolicy) implements JobSpec {

    public static final String DEFAULT_BRONZE_TEMPLATE = "bronze_{table}";

    public MultiTableJob {
        requireNonNull(jobId, "jobId is null");
        batchId = batchId == null ? Optional.empty() : batchId;
        requireNonNull(type, "type is null");
        requireNonNull(connection, "connection is null");
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        deltaColumn = deltaColumn == null ? Optional.empty() : deltaColumn;
        upperBound = upperBound == null ? UpperBoundStrategy.AUTO : upperBound;
        readOptions = readOptions == null ? ReadOptions.defaults() : readOptions;
        bronzeTemplate = bronzeTemplate == null ? DEFAULT_BRONZE_TEMPLATE : bronzeTemplate;
        requireNonNull(compression, "compression is null");
        requireNonNull(storage, "storage is null");
        schemaPolicy = schemaPolicy == null ? SchemaPolicy.DEFAULT : schemaPolicy;
        if (include.isEmpty()) {
            throw new IllegalArgumentException("a multi-table job names at least one table or pattern");
        }
        if (maxParallelTables < 1) {
            throw new IllegalArgumentException("maxParallelTables must be at least 1, was " + maxParallelTables);
        }
    }

    /** The same job with a batch id (a workflow gives all its jobs one). */
    public MultiTableJob withBatchId(String id) {
        return new MultiTableJob(jobId, Optional.of(id), type, connection, include, exclude, incremental, deltaColumn,
                upperBound, lag, openTransactionWait, readOptions, maxParallelTables, bronzeTemplate, compression, storage,
                schemaPolicy);
    }

    /** A table of the job that cannot run as configured: not found, no delta column, ... */
    public record TableProblem(String table, String message) {}

    /** The job's tables as single-table jobs, and the entries that name no table or cannot run. */
    public record Expansion(List<JobConfig> tables, List<TableProblem> problems) {}

    /**
     * Resolves the entries against the database's catalog: a name must exist (an exact match, or a
     * single match ignoring case); a pattern matches tables (not views) and may match none; excludes
     * remove tables; the first entry that matches a table gives its overrides.
     *
     * @throws JobConfigException if two tables would land in one bronze table
     */
    public Expansion expand(List<TableInfo> catalog) {
        Map<TableId, TableSpec> chosen = new LinkedHashMap<>();
        List<TableProblem> problems = new ArrayList<>();
        List<TableMatcher> excluded = exclude.stream().map(TableMatcher::of).toList();
        for (TableSpec spec : include) {
            TableMatcher m = TableMatcher.of(spec.pattern());
            List<TableInfo> matched = catalog.stream().filter(t -> m.matches(t.id()))
                    .filter(t -> !spec.isPattern() || t.kind() == TableInfo.Kind.TABLE).toList();
            if (!spec.isPattern()) {
                TableId parsed = TableId.parse(spec.pattern());
                List<TableInfo> exact = catalog.stream().filter(t -> t.id().name().equals(parsed.name())
                        && (parsed.schema() == null || parsed.schema().equals(t.id().schema()))).toList();
                matched = exact.isEmpty() ? matched : exact;
                if (matched.size() != 1) {
                    problems.add(new TableProblem(spec.pattern(), matched.isEmpty()
                            ? "table '" + spec.pattern() + "' was not found in the database"
                            : "'" + spec.pattern() + "' names " + matched.size() + " tables ("
                                    + String.join(", ", matched.stream().map(t -> t.id().qualifiedName()).toList())
                                    + "); give the schema"));
                    continue;
                }
            }
            for (TableInfo t : matched) {
                if (excluded.stream().noneMatch(x -> x.matches(t.id()))) {
                    chosen.putIfAbsent(t.id(), spec);
                }
            }
        }
        List<JobConfig> jobs = new ArrayList<>();
        Map<String, TableId> bronzeNames = new LinkedHashMap<>();
        List<String> clashes = new ArrayList<>();
        for (Map.Entry<TableId, TableSpec> e : chosen.entrySet()) {
            TableId id = e.getKey();
            TableSpec spec = e.getValue();
            String bronze = spec.bronzeTable().orElseGet(() -> bronzeName(id));
            TableId previous = bronzeNames.putIfAbsent(bronze, id);
            if (previous != null) {
                clashes.add("tables '" + previous.qualifiedName() + "' and '" + id.qualifiedName() + "' would both land in "
                        + "bronze table '" + bronze + "'");
                continue;
            }
            boolean inc = spec.incremental().orElse(incremental);
            Optional<String> delta = spec.deltaColumn().or(() -> deltaColumn);
            if (inc && delta.isEmpty()) {
                problems.add(new TableProblem(id.qualifiedName(), "incremental, but no deltaColumn is given for it"));
                continue;
            }
            ReadOptions options = spec.batchSize().isPresent() ? readOptions.withBatchSize(spec.batchSize().getAsInt()) : readOptions;
            JobConfig.Source src = new JobConfig.Source(type, connection, Optional.of(id), Optional.empty(), inc,
                    inc ? delta : Optional.empty(), spec.upperBound().orElse(upperBound), spec.lag().orElse(lag), options,
                    openTransactionWait, spec.schemaChanges().orElse(schemaPolicy), false);
            jobs.add(new JobConfig(jobId, batchId, src, new JobConfig.Destination(bronze, compression, storage)));
        }
        if (!clashes.isEmpty()) {
            throw new JobConfigException("Job '" + jobId + "' maps several tables to one bronze table:\n- "
                    + String.join("\n- ", clashes) + "\nGive those tables bronzeTableName, or a destination_config."
                    + "bronzeConfig.tableName template with {schema} and {table}.", clashes);
        }
        return new Expansion(jobs, problems);
    }

    /** The template with {schema} and {table} filled in, made a valid path segment. */
    String bronzeName(TableId id) {
        String name = bronzeTemplate.replace("{schema}", id.schema() == null ? "" : id.schema()).replace("{table}", id.name());
        return PathSegment.sanitize("bronze table name", name);
    }
}

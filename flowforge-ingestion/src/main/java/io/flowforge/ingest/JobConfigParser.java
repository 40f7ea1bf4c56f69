package io.flowforge.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowforge.bronze.parquet.StandaloneCodecFactory;
import io.flowforge.bronze.store.PathSegment;
import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.Secret;
import io.flowforge.connector.TableId;
import io.flowforge.connector.TemporalPrecision;
import io.flowforge.connector.UnsupportedTypePolicy;
import io.flowforge.connector.UpperBoundStrategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a JSON job file in the plan's shape ({@code job_id}, {@code batch_id},
 * {@code source_config}, {@code destination_config}) into a {@link JobConfig}. Every unknown key,
 * missing key and wrong type is reported in one {@link JobConfigException}, each by its path.
 * Secrets can come from environment variables ({@code passwordEnv}, {@code secretKeyEnv}) so that
 * job files hold none.
 */
public final class JobConfigParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The job file's words for the codecs the writer supports: its own list, lower-cased. */
    private static final Set<String> COMPRESSIONS = StandaloneCodecFactory.SUPPORTED.stream()
            .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
    /** A lag beyond a year is a mistake, not a policy. */
    static final long MAX_LAG_SECONDS = 366L * 24 * 3600;

    private final ConfigFields f;
    private final List<String> problems;

    private JobConfigParser(Function<String, String> environment) {
        this.f = new ConfigFields(environment);
        this.problems = f.problems;
    }

    public static JobConfig parse(Path file) {
        return single(parseJob(file));
    }

    public static JobConfig parse(String json) {
        return parse(json, System::getenv);
    }

    /** Parses with a given environment, for tests and hosts that keep secrets elsewhere. */
    public static JobConfig parse(String json, Function<String, String> environment) {
        return single(parseJob(json, environment));
    }

    /** A job file of one table (or query), or of many tables ({@code databaseConfig.tables}). */
    public static JobSpec parseJob(Path file) {
        try {
            return parseJob(Files.readString(file));
        } catch (IOException e) {
            throw new JobConfigException("Cannot read job file " + file + ": " + e.getMessage(), List.of());
        }
    }

    public static JobSpec parseJob(String json) {
        return parseJob(json, System::getenv);
    }

    public static JobSpec parseJob(String json, Function<String, String> environment) {
        return parseJob(readJson(json, "job file"), environment);
    }

    /** A job given as a JSON tree (a workflow's {@code jobs} entry). */
    static JobSpec parseJob(JsonNode root, Function<String, String> environment) {
        JobConfigParser parser = new JobConfigParser(environment);
        return isMultiTable(root) ? parser.multi(root) : parser.job(root);
    }

    static JsonNode readJson(String json, String what) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new JobConfigException("The " + what + " is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")",
                    List.of());
        }
    }

    private static boolean isMultiTable(JsonNode root) {
        return root != null && root.path("source_config").path("databaseConfig").has("tables");
    }

    private static JobConfig single(JobSpec spec) {
        if (spec instanceof JobConfig job) {
            return job;
        }
        throw new JobConfigException("Job '" + spec.jobId() + "' names several tables (source_config.databaseConfig.tables):"
                + " run it with JobRunner (flowforge ingest), which lands every table", List.of());
    }

    private JobConfig job(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new JobConfigException("The job file must hold a JSON object", List.of());
        }
        f.allow(root, "", "job_id", "batch_id", "source_config", "destination_config");
        String jobId = f.segment(root, "", "job_id", "job id", true);
        String batchId = f.segment(root, "", "batch_id", "batch id", false);
        JobConfig.Source source = source(f.object(root, "", "source_config", true));
        JobConfig.Destination destination = destination(f.object(root, "", "destination_config", true));
        f.throwIfAny("job file");
        return new JobConfig(jobId, Optional.ofNullable(batchId), source, destination);
    }

    /** A job over many tables: {@code databaseConfig.tables} (names, patterns, per-table overrides). */
    private MultiTableJob multi(JsonNode root) {
        f.allow(root, "", "job_id", "batch_id", "source_config", "destination_config");
        String jobId = f.segment(root, "", "job_id", "job id", true);
        String batchId = f.segment(root, "", "batch_id", "batch id", false);
        String p = "source_config";
        JsonNode src = f.object(root, "", "source_config", true);
        f.allow(src, p, "type", "connection", "databaseConfig");
        String type = f.text(src, p, "type", true);
        ConnectionConfig connection = connection(f.object(src, p, "connection", true), p + ".connection");
        String dp = p + ".databaseConfig";
        JsonNode db = src.get("databaseConfig");
        f.allow(db, dp, "tables", "exclude", "maxParallelTables", "isIncremental", "deltaColumn", "upperBound",
                "lagSeconds", "openTransactionWaitSeconds", "batchSize", "unsupportedTypes", "temporalPrecision",
                "reconcileCounts", "schemaChanges");
        List<TableSpec> tables = TableSpecs.parse(f, db.get("tables"), dp + ".tables");
        List<String> exclude = TableSpecs.strings(f, db.get("exclude"), dp + ".exclude");
        Long parallel = f.integer(db, dp, "maxParallelTables", 1, 64);
        boolean incremental = f.bool(db, dp, "isIncremental", false);
        String delta = f.text(db, dp, "deltaColumn", false);
        UpperBoundStrategy upper = f.choice(db, dp, "upperBound", UpperBoundStrategy.class, UpperBoundStrategy.AUTO);
        Long lag = f.integer(db, dp, "lagSeconds", 0, MAX_LAG_SECONDS);
        Long wait = f.integer(db, dp, "openTransactionWaitSeconds", 0, 3600);
        ReadOptions options = readOptions(db, dp);
        JobConfig.Destination destination = destination(f.object(root, "", "destination_config", true), true);
        f.throwIfAny("job file");
        return new MultiTableJob(jobId, Optional.ofNullable(batchId), type, connection, tables, exclude, incremental,
                Optional.ofNullable(delta), upper, lag == null ? null : Duration.ofSeconds(lag),
                wait == null ? null : Duration.ofSeconds(wait), options, parallel == null ? 1 : parallel.intValue(),
                destination.bronzeTable(), destination.compression(), destination.storage(),
                f.schemaPolicy(db, dp, SchemaPolicy.DEFAULT));
    }

    /** Batch size, unsupported types, temporal precision and counting, as a job or table gives them. */
    private ReadOptions readOptions(JsonNode db, String dp) {
        Long batchSize = f.integer(db, dp, "batchSize", 1, 10_000_000);
        ReadOptions options = ReadOptions.defaults()
                .withUnsupportedTypePolicy(f.choice(db, dp, "unsupportedTypes", UnsupportedTypePolicy.class, UnsupportedTypePolicy.FAIL))
                .withTemporalPrecision(f.choice(db, dp, "temporalPrecision", TemporalPrecision.class,
                        ReadOptions.defaults().temporalPrecision()));
        if (batchSize != null) {
            options = options.withBatchSize(batchSize.intValue());
        }
        // Counts are compared unless turned off (for sources where COUNT(*) costs too much).
        return options.withRowCount(f.bool(db, dp, "reconcileCounts", true));
    }

    private JobConfig.Source source(JsonNode node) {
        if (node == null) {
            return null;
        }
        String p = "source_config";
        f.allow(node, p, "type", "connection", "databaseConfig");
        String type = f.text(node, p, "type", true);
        ConnectionConfig connection = connection(f.object(node, p, "connection", true), p + ".connection");
        JsonNode db = f.object(node, p, "databaseConfig", true);
        if (db == null) {
            return null;
        }
        String dp = p + ".databaseConfig";
        f.allow(db, dp, "tableName", "schemaName", "query", "isIncremental", "deltaColumn", "upperBound",
                "lagSeconds", "openTransactionWaitSeconds", "batchSize", "unsupportedTypes", "temporalPrecision",
                "reconcileCounts", "schemaChanges", "reload", "parallelism", "splits", "splitColumn");
        String tableName = f.text(db, dp, "tableName", false);
        String schemaName = f.text(db, dp, "schemaName", false);
        String query = f.text(db, dp, "query", false);
        boolean incremental = f.bool(db, dp, "isIncremental", false);
        String delta = f.text(db, dp, "deltaColumn", false);
        if (tableName == null && query == null) {
            problems.add(dp + ".tableName: required (or give a query)");
        }
        if (tableName != null && query != null) {
            problems.add(dp + ".query: give either tableName or query, not both");
        }
        if (incremental && delta == null) {
            problems.add(dp + ".deltaColumn: required when isIncremental is true");
        }
        if (incremental && query != null) {
            problems.add(dp + ".isIncremental: incremental loads read a table, not a query");
        }
        UpperBoundStrategy upper = f.choice(db, dp, "upperBound", UpperBoundStrategy.class, UpperBoundStrategy.AUTO);
        Long lag = f.integer(db, dp, "lagSeconds", 0, MAX_LAG_SECONDS);
        Long wait = f.integer(db, dp, "openTransactionWaitSeconds", 0, 3600);
        ReadOptions options = readOptions(db, dp);
        Long parallelism = f.integer(db, dp, "parallelism", 1, 1024);
        Long splits = f.integer(db, dp, "splits", 1, 100_000);
        String splitColumn = f.text(db, dp, "splitColumn", false);
        if (query != null && (parallelism != null || splits != null || splitColumn != null)) {
            problems.add(dp + ".parallelism: a query is read as one split; split loads read a table");
        }
        int par = parallelism == null ? 1 : parallelism.intValue();
        JobConfig.Splitting splitting = new JobConfig.Splitting(par, splits == null ? par : splits.intValue(),
                Optional.ofNullable(splitColumn));
        if (type == null || connection == null || (tableName == null) == (query == null)
                || (incremental && (delta == null || query != null))) {
            return null;
        }
        TableId table = null;
        if (tableName != null) {
            table = schemaName != null ? TableId.of(schemaName, tableName) : parseTable(tableName, dp);
            if (table == null) {
                return null;
            }
        }
        return new JobConfig.Source(type, connection, Optional.ofNullable(table), Optional.ofNullable(query),
                incremental, Optional.ofNullable(delta), upper, lag == null ? null : Duration.ofSeconds(lag), options,
                wait == null ? null : Duration.ofSeconds(wait), f.schemaPolicy(db, dp, SchemaPolicy.DEFAULT),
                f.bool(db, dp, "reload", false), splitting);
    }

    private TableId parseTable(String name, String path) {
        try {
            return TableId.parse(name);
        } catch (IllegalArgumentException e) {
            problems.add(path + ".tableName: " + e.getMessage());
            return null;
        }
    }

    private ConnectionConfig connection(JsonNode node, String p) {
        if (node == null) {
            return null;
        }
        f.allow(node, p, "host", "port", "database", "username", "password", "passwordEnv", "jdbcUrl", "properties",
                "loginTimeoutSeconds", "socketTimeoutSeconds");
        ConnectionConfig.Builder b = ConnectionConfig.builder()
                .host(f.text(node, p, "host", false))
                .database(f.text(node, p, "database", false))
                .username(f.text(node, p, "username", false))
                .jdbcUrl(f.text(node, p, "jdbcUrl", false));
        Long port = f.integer(node, p, "port", 1, 65535);
        if (port != null) {
            b.port(port.intValue());
        }
        f.secret(node, p, "password", "passwordEnv").ifPresent(b::password);
        // 0 would mean "wait forever" to most drivers: a login must time out.
        Long login = f.integer(node, p, "loginTimeoutSeconds", 1, 3600);
        if (login != null) {
            b.loginTimeout(Duration.ofSeconds(login));
        }
        // Drivers take it in milliseconds as an int; 0 turns it off.
        Long socket = f.integer(node, p, "socketTimeoutSeconds", 0, Integer.MAX_VALUE / 1000);
        if (socket != null) {
            b.socketTimeout(Duration.ofSeconds(socket));
        }
        JsonNode props = f.object(node, p, "properties", false);
        if (props != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    b.property(e.getKey(), e.getValue().asText());
                } else {
                    problems.add(p + ".properties." + e.getKey() + ": expected a string, number or boolean");
                }
            }
        }
        return b.build();
    }

    private JobConfig.Destination destination(JsonNode node) {
        return destination(node, false);
    }

    /**
     * The destination; for a multi-table job ({@code template}) the bronze table name is optional
     * and may hold {@code {schema}} and {@code {table}} (default {@code bronze_{table}}).
     */
    private JobConfig.Destination destination(JsonNode node, boolean template) {
        if (node == null) {
            return null;
        }
        String p = "destination_config";
        f.allow(node, p, "bronzeConfig", "storage");
        JsonNode bronze = f.object(node, p, "bronzeConfig", !template);
        String table = null;
        String compression = "snappy";
        if (bronze != null) {
            String bp = p + ".bronzeConfig";
            f.allow(bronze, bp, "tableName", "storageFormat", "compression");
            table = f.text(bronze, bp, "tableName", !template);
            if (template && table == null) {
                table = MultiTableJob.DEFAULT_BRONZE_TEMPLATE;
            } else if (table != null) {
                String checked = template ? table.replace("{schema}", "s").replace("{table}", "t") : table;
                PathSegment.problem("bronze table name", checked).ifPresent(pr -> problems.add(bp + ".tableName: " + pr));
            }
            String format = f.text(bronze, bp, "storageFormat", false);
            if (format != null && !format.equalsIgnoreCase("parquet")) {
                problems.add(bp + ".storageFormat: '" + format + "' is not supported; the bronze layer is written as parquet");
            }
            String c = f.text(bronze, bp, "compression", false);
            if (c != null) {
                compression = c.toLowerCase(Locale.ROOT);
                if (!COMPRESSIONS.contains(compression)) {
                    problems.add(bp + ".compression: '" + c + "' is not one of " + String.join(", ", COMPRESSIONS.stream().sorted().toList()));
                }
            }
        }
        JobConfig.Storage storage = storage(f.object(node, p, "storage", false), p + ".storage");
        if (template && table == null) {
            table = MultiTableJob.DEFAULT_BRONZE_TEMPLATE;
        }
        if (table == null || storage == null) {
            return null;
        }
        return new JobConfig.Destination(table, compression, storage);
    }

    private JobConfig.Storage storage(JsonNode node, String p) {
        if (node == null) {
            return new JobConfig.LocalStorage(Path.of("lake"));
        }
        String type = f.text(node, p, "type", true);
        if ("local".equals(type)) {
            f.allow(node, p, "type", "path");
            String path = f.text(node, p, "path", true);
            return path == null ? null : new JobConfig.LocalStorage(Path.of(path));
        }
        if ("s3".equals(type)) {
            f.allow(node, p, "type", "endpoint", "region", "bucket", "accessKey", "secretKey", "secretKeyEnv",
                    "pathStyle", "prefix");
            String endpoint = f.text(node, p, "endpoint", true);
            String region = f.text(node, p, "region", false);
            String bucket = f.text(node, p, "bucket", true);
            String accessKey = f.text(node, p, "accessKey", true);
            Optional<Secret> secret = f.secret(node, p, "secretKey", "secretKeyEnv");
            if (secret.isEmpty() && !node.has("secretKey") && !node.has("secretKeyEnv")) {
                problems.add(p + ".secretKey: required (or secretKeyEnv naming an environment variable)");
            }
            boolean pathStyle = f.bool(node, p, "pathStyle", true);
            String prefix = f.text(node, p, "prefix", false);
            if (endpoint == null || bucket == null || accessKey == null || secret.isEmpty()) {
                return null;
            }
            return new JobConfig.S3Storage(endpoint, region, bucket, accessKey, secret.get(), pathStyle, prefix);
        }
        if (type != null) {
            problems.add(p + ".type: '" + type + "' is not one of local, s3");
        }
        return null;
    }

}

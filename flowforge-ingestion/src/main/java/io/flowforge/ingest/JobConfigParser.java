package io.flowforge.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    private static final Set<String> COMPRESSIONS = Set.of("snappy", "zstd", "gzip", "uncompressed");
    /** A lag beyond a year is a mistake, not a policy. */
    static final long MAX_LAG_SECONDS = 366L * 24 * 3600;

    private final Function<String, String> environment;
    private final List<String> problems = new ArrayList<>();

    private JobConfigParser(Function<String, String> environment) {
        this.environment = environment;
    }

    public static JobConfig parse(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new JobConfigException("Cannot read job file " + file + ": " + e.getMessage(), List.of());
        }
    }

    public static JobConfig parse(String json) {
        return parse(json, System::getenv);
    }

    /** Parses with a given environment, for tests and hosts that keep secrets elsewhere. */
    public static JobConfig parse(String json, Function<String, String> environment) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new JobConfigException("The job file is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")",
                    List.of());
        }
        return new JobConfigParser(environment).job(root);
    }

    private JobConfig job(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new JobConfigException("The job file must hold a JSON object", List.of());
        }
        allow(root, "", "job_id", "batch_id", "source_config", "destination_config");
        String jobId = text(root, "", "job_id", true);
        if (jobId != null) {
            PathSegment.problem("job id", jobId).ifPresent(p -> problems.add("job_id: " + p));
        }
        String batchId = text(root, "", "batch_id", false);
        if (batchId != null) {
            PathSegment.problem("batch id", batchId).ifPresent(p -> problems.add("batch_id: " + p));
        }
        JobConfig.Source source = source(object(root, "", "source_config", true));
        JobConfig.Destination destination = destination(object(root, "", "destination_config", true));
        if (!problems.isEmpty()) {
            throw new JobConfigException("The job file has " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems") + ":\n- " + String.join("\n- ", problems),
                    problems);
        }
        return new JobConfig(jobId, Optional.ofNullable(batchId), source, destination);
    }

    private JobConfig.Source source(JsonNode node) {
        if (node == null) {
            return null;
        }
        String p = "source_config";
        allow(node, p, "type", "connection", "databaseConfig");
        String type = text(node, p, "type", true);
        ConnectionConfig connection = connection(object(node, p, "connection", true), p + ".connection");
        JsonNode db = object(node, p, "databaseConfig", true);
        if (db == null) {
            return null;
        }
        String dp = p + ".databaseConfig";
        allow(db, dp, "tableName", "schemaName", "query", "isIncremental", "deltaColumn", "upperBound",
                "lagSeconds", "openTransactionWaitSeconds", "batchSize", "unsupportedTypes", "temporalPrecision",
                "reconcileCounts");
        String tableName = text(db, dp, "tableName", false);
        String schemaName = text(db, dp, "schemaName", false);
        String query = text(db, dp, "query", false);
        boolean incremental = bool(db, dp, "isIncremental", false);
        String delta = text(db, dp, "deltaColumn", false);
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
        UpperBoundStrategy upper = choice(db, dp, "upperBound", UpperBoundStrategy.class, UpperBoundStrategy.AUTO);
        Long lag = integer(db, dp, "lagSeconds", 0, MAX_LAG_SECONDS);
        Long wait = integer(db, dp, "openTransactionWaitSeconds", 0, 3600);
        Long batchSize = integer(db, dp, "batchSize", 1, 10_000_000);
        ReadOptions options = ReadOptions.defaults()
                .withUnsupportedTypePolicy(choice(db, dp, "unsupportedTypes", UnsupportedTypePolicy.class, UnsupportedTypePolicy.FAIL))
                .withTemporalPrecision(choice(db, dp, "temporalPrecision", TemporalPrecision.class,
                        ReadOptions.defaults().temporalPrecision()));
        if (batchSize != null) {
            options = options.withBatchSize(batchSize.intValue());
        }
        // Counts are compared unless turned off (for sources where COUNT(*) costs too much).
        options = options.withRowCount(bool(db, dp, "reconcileCounts", true));
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
                wait == null ? null : Duration.ofSeconds(wait));
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
        allow(node, p, "host", "port", "database", "username", "password", "passwordEnv", "jdbcUrl", "properties",
                "loginTimeoutSeconds", "socketTimeoutSeconds");
        ConnectionConfig.Builder b = ConnectionConfig.builder()
                .host(text(node, p, "host", false))
                .database(text(node, p, "database", false))
                .username(text(node, p, "username", false))
                .jdbcUrl(text(node, p, "jdbcUrl", false));
        Long port = integer(node, p, "port", 1, 65535);
        if (port != null) {
            b.port(port.intValue());
        }
        secret(node, p, "password", "passwordEnv").ifPresent(b::password);
        // 0 would mean "wait forever" to most drivers: a login must time out.
        Long login = integer(node, p, "loginTimeoutSeconds", 1, 3600);
        if (login != null) {
            b.loginTimeout(Duration.ofSeconds(login));
        }
        // Drivers take it in milliseconds as an int; 0 turns it off.
        Long socket = integer(node, p, "socketTimeoutSeconds", 0, Integer.MAX_VALUE / 1000);
        if (socket != null) {
            b.socketTimeout(Duration.ofSeconds(socket));
        }
        JsonNode props = object(node, p, "properties", false);
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
        if (node == null) {
            return null;
        }
        String p = "destination_config";
        allow(node, p, "bronzeConfig", "storage");
        JsonNode bronze = object(node, p, "bronzeConfig", true);
        String table = null;
        String compression = "snappy";
        if (bronze != null) {
            String bp = p + ".bronzeConfig";
            allow(bronze, bp, "tableName", "storageFormat", "compression");
            table = text(bronze, bp, "tableName", true);
            if (table != null) {
                PathSegment.problem("bronze table name", table).ifPresent(pr -> problems.add(bp + ".tableName: " + pr));
            }
            String format = text(bronze, bp, "storageFormat", false);
            if (format != null && !format.equalsIgnoreCase("parquet")) {
                problems.add(bp + ".storageFormat: '" + format + "' is not supported; the bronze layer is written as parquet");
            }
            String c = text(bronze, bp, "compression", false);
            if (c != null) {
                compression = c.toLowerCase(Locale.ROOT);
                if (!COMPRESSIONS.contains(compression)) {
                    problems.add(bp + ".compression: '" + c + "' is not one of " + String.join(", ", COMPRESSIONS.stream().sorted().toList()));
                }
            }
        }
        JobConfig.Storage storage = storage(object(node, p, "storage", false), p + ".storage");
        if (table == null || storage == null) {
            return null;
        }
        return new JobConfig.Destination(table, compression, storage);
    }

    private JobConfig.Storage storage(JsonNode node, String p) {
        if (node == null) {
            return new JobConfig.LocalStorage(Path.of("lake"));
        }
        String type = text(node, p, "type", true);
        if ("local".equals(type)) {
            allow(node, p, "type", "path");
            String path = text(node, p, "path", true);
            return path == null ? null : new JobConfig.LocalStorage(Path.of(path));
        }
        if ("s3".equals(type)) {
            allow(node, p, "type", "endpoint", "region", "bucket", "accessKey", "secretKey", "secretKeyEnv",
                    "pathStyle", "prefix");
            String endpoint = text(node, p, "endpoint", true);
            String region = text(node, p, "region", false);
            String bucket = text(node, p, "bucket", true);
            String accessKey = text(node, p, "accessKey", true);
            Optional<Secret> secret = secret(node, p, "secretKey", "secretKeyEnv");
            if (secret.isEmpty() && !node.has("secretKey") && !node.has("secretKeyEnv")) {
                problems.add(p + ".secretKey: required (or secretKeyEnv naming an environment variable)");
            }
            boolean pathStyle = bool(node, p, "pathStyle", true);
            String prefix = text(node, p, "prefix", false);
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

    // --- small typed readers that record problems by path instead of throwing ---

    private void allow(JsonNode node, String path, String... keys) {
        Set<String> allowed = Set.of(keys);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                problems.add(join(path, k) + ": unknown key" + suggestion(k, keys));
            }
        }
    }

    private static String suggestion(String key, String[] keys) {
        for (String k : keys) {
            if (k.equalsIgnoreCase(key) || editDistance(k.toLowerCase(Locale.ROOT), key.toLowerCase(Locale.ROOT)) <= 2) {
                return " (did you mean " + k + "?)";
            }
        }
        return " (expected one of " + String.join(", ", keys) + ")";
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            int[] cur = new int[b.length() + 1];
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            prev = cur;
        }
        return prev[b.length()];
    }

    private JsonNode object(JsonNode node, String path, String key, boolean required) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (required) problems.add(join(path, key) + ": required");
            return null;
        }
        if (!(v instanceof ObjectNode)) {
            problems.add(join(path, key) + ": expected an object");
            return null;
        }
        return v;
    }

    private String text(JsonNode node, String path, String key, boolean required) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (required) problems.add(join(path, key) + ": required");
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            problems.add(join(path, key) + ": expected a non-empty string");
            return null;
        }
        return v.asText();
    }

    private boolean bool(JsonNode node, String path, String key, boolean dflt) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) return dflt;
        if (!v.isBoolean()) {
            problems.add(join(path, key) + ": expected true or false");
            return dflt;
        }
        return v.asBoolean();
    }

    private Long integer(JsonNode node, String path, String key, long min, long max) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            problems.add(join(path, key) + ": expected a whole number from " + min + " to " + max);
            return null;
        }
        return v.asLong();
    }

    private <E extends Enum<E>> E choice(JsonNode node, String path, String key, Class<E> type, E dflt) {
        String s = text(node, path, key, false);
        if (s == null) return dflt;
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(s.replace('-', '_'))) return e;
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) names.add(e.name().toLowerCase(Locale.ROOT));
        problems.add(join(path, key) + ": '" + s + "' is not one of " + String.join(", ", names));
        return dflt;
    }

    private Optional<Secret> secret(JsonNode node, String path, String key, String envKey) {
        String direct = text(node, path, key, false);
        String env = text(node, path, envKey, false);
        if (direct != null && env != null) {
            problems.add(join(path, key) + ": give either " + key + " or " + envKey + ", not both");
            return Optional.empty();
        }
        if (env != null) {
            String value = environment.apply(env);
            if (value == null) {
                problems.add(join(path, envKey) + ": environment variable " + env + " is not set");
                return Optional.empty();
            }
            return Optional.of(Secret.of(value));
        }
        return Optional.ofNullable(direct).map(Secret::of);
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}

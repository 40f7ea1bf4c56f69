package io.flowforge.ingest.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowforge.bronze.BronzeWriteResult;
import io.flowforge.bronze.BronzeWriter;
import io.flowforge.bronze.IngestionMetadata;
import io.flowforge.bronze.parquet.ParquetWriteOptions;
import io.flowforge.bronze.store.ObjectStore;
import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.IncrementalWindow;
import io.flowforge.connector.KeyRange;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.Secret;
import io.flowforge.connector.TableId;
import io.flowforge.connector.TemporalPrecision;
import io.flowforge.connector.UnsupportedTypePolicy;
import io.flowforge.connector.UrlSecrets;
import io.flowforge.ingest.PrefetchingArrowReader;
import io.flowforge.ingest.Reconciliation;
import io.flowforge.connector.arrow.RowCountReport;
import io.flowforge.ingest.JobConfig;
import io.flowforge.ingest.ObjectStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * One split of a load as a self-contained JSON descriptor, and running it: open the connector,
 * read the split's key range (inside the load's window), write one Parquet part with the
 * {@link BronzeWriter} under a key of its own attempt, record the result, return it.
 *
 * <p>A descriptor never holds a secret's value. A password or S3 secret key read from an
 * environment variable travels as that variable's name ({@code passwordEnv}) and is read again
 * where the task runs; one given inline in the job travels as a reference into this JVM's
 * {@link LocalSecrets}, which only tasks in the driver's JVM (the thread-pool engine, Spark local
 * mode) can resolve. A JDBC URL or driver property holding a secret is refused.
 */
public final class SplitTask {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SplitTask() {}

    /** The descriptor of split {@code split} of {@code plan} for {@code job}. */
    public static String descriptor(JobConfig job, LoadPlan plan, int split, Map<String, String> fileProperties) {
        JobConfig.Source src = job.source();
        ObjectNode n = LoadJson.JSON.createObjectNode();
        n.put("format", 1);
        n.put("job_id", plan.jobId());
        n.put("batch_id", plan.batchId());
        n.put("bronze_table", plan.bronzeTable());
        n.put("records_folder", plan.recordsFolder());
        n.put("source_type", src.type());
        n.put("source_name", src.sourceName());
        connection(n.putObject("connection"), src.connection());
        LoadJson.table(n.putObject("table"), plan.table());
        plan.window().ifPresentOrElse(w -> LoadJson.window(n.putObject("window"), w), () -> n.putNull("window"));
        n.put("split", split);
        n.put("splits", plan.splits());
        LoadJson.range(n.putObject("range"), plan.ranges().get(split));
        readOptions(n.putObject("read_options"), src.readOptions());
        n.put("compression", job.destination().compression());
        storage(n.putObject("storage"), job.destination().storage());
        n.put("ingestion_time", plan.ingestionTime().toString());
        ObjectNode props = n.putObject("file_properties");
        fileProperties.forEach(props::put);
        return LoadJson.write(n);
    }

    /** A new attempt id: the engine's attempt number and a random suffix, unique across engines and drivers. */
    public static String newAttempt(int attemptNumber) {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return "a" + attemptNumber + "-" + HexFormat.of().formatHex(b);
    }

    /** Runs a descriptor with the process environment for {@code passwordEnv}-style references. */
    public static String execute(String descriptor, String attempt) {
        return execute(descriptor, attempt, System::getenv);
    }

    /**
     * Runs one attempt of a task: reads its range, writes {@code part-{split}-{attempt}.parquet},
     * records its result under the load's records folder and returns the result as JSON. The part
     * is not committed if the load's manifest already exists (the load was committed without this
     * attempt).
     */
    public static String execute(String descriptor, String attempt, Function<String, String> environment) {
        return execute(descriptor, attempt, environment, Connectors::open);
    }

    /** As {@link #execute(String, String, Function)}, opening the connector with {@code connectors} (type, connection). */
    public static String execute(String descriptor, String attempt, Function<String, String> environment,
            BiFunction<String, ConnectionConfig, DatabaseConnector> connectors) {
        JsonNode n = LoadJson.read(descriptor, "a task descriptor");
        int split = n.get("split").asInt();
        String bronzeTable = n.get("bronze_table").asText();
        String batchId = n.get("batch_id").asText();
        TableId table = LoadJson.table(n.get("table"));
        Optional<IncrementalWindow> window = LoadJson.window(n.get("window"));
        KeyRange range = LoadJson.range(n.get("range"));
        ReadOptions options = readOptions(n.get("read_options"));
        String key = BronzeWriter.partKey(bronzeTable, batchId, split, attempt);
        String manifest = BronzeWriter.manifestKey(bronzeTable, batchId);
        String what = "Split " + split + " of " + n.get("splits").asInt() + " of batch " + batchId + " (" + table + " "
                + range + ")";
        ConnectionConfig connection = connection(n.get("connection"), environment, what);
        Map<String, String> props = new LinkedHashMap<>();
        n.get("file_properties").fields().forEachRemaining(e -> props.put(e.getKey(), e.getValue().asText()));
        props.put("flowforge.split", Integer.toString(split));
        IngestionMetadata meta = IngestionMetadata.of(bronzeTable, batchId, n.get("source_type").asText(),
                n.get("source_name").asText(), Instant.parse(n.get("ingestion_time").asText())).withProperties(props);
        ParquetWriteOptions writeOptions = ParquetWriteOptions.defaults()
                .withCodec(CompressionCodecName.valueOf(n.get("compression").asText().toUpperCase(Locale.ROOT)));
        try (ObjectStore store = ObjectStores.open(storage(n.get("storage"), environment, what));
                DatabaseConnector connector = connectors.apply(n.get("source_type").asText(), connection);
                BufferAllocator allocator = new RootAllocator(options.allocatorLimitBytes())) {
            DigestingStore digesting = new DigestingStore(store);
            ArrowReader source = connector.readRange(table, window, range, options, allocator);
            BronzeWriteResult r;
            Reconciliation[] reconciled = new Reconciliation[1];
            try (PrefetchingArrowReader reader = PrefetchingArrowReader.start(source, allocator, what)) {
                r = new BronzeWriter(digesting, writeOptions).write(key, reader, meta, false, () -> {
                    try {
                        if (store.exists(manifest)) {
                            throw new IllegalStateException(what + ": the batch was committed without this attempt ("
                                    + store.uri(manifest) + " exists); its part is discarded");
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    // As a single-object read: the rows read against the range's count in the read's own
                    // snapshot; counts that differ fail the attempt before its part is committed.
                    reconciled[0] = Reconciliation.check(what, RowCountReport.of(reader), reader.rowsDelivered(),
                            options.countRows());
                });
            }
            SplitResult result = new SplitResult(split, attempt, key, r.recordsProcessed(), r.bytesWritten(),
                    digesting.sha256(key), range, reconciled[0] == null ? OptionalLong.empty() : reconciled[0].sourceRows());
            String json = result.toJson();
            store.put(n.get("records_folder").asText() + resultName(split, attempt), json.getBytes(StandardCharsets.UTF_8));
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(what + ": the store failed: " + e.getMessage(), e);
        }
    }

    /** The name of an attempt's result record inside the load's records folder. */
    static String resultName(int split, String attempt) {
        return String.format(Locale.ROOT, "split-%05d-%s.json", split, attempt);
    }

    // ---- connection and storage, with secrets as references ----

    private static void connection(ObjectNode n, ConnectionConfig c) {
        n.put("host", c.host());
        if (c.port() != null) {
            n.put("port", c.port());
        }
        n.put("database", c.database());
        n.put("username", c.username());
        if (c.jdbcUrl() != null) {
            if (!UrlSecrets.values(c.jdbcUrl()).isEmpty()) {
                throw new IllegalArgumentException("The JDBC URL of this job holds a secret, which would travel with every"
                        + " split task: move it to passwordEnv (an environment variable set where the tasks run).");
            }
            n.put("jdbcUrl", c.jdbcUrl());
        }
        ObjectNode props = n.putObject("properties");
        c.properties().forEach((k, v) -> {
            if (UrlSecrets.isSecretKey(k)) {
                throw new IllegalArgumentException("Driver property '" + k + "' of this job is a secret, which would travel"
                        + " with every split task: give the password as passwordEnv instead.");
            }
            props.put(k, v);
        });
        c.passwordSecret().ifPresent(s -> secretRef(n, "password", s));
        n.put("loginTimeoutSeconds", c.loginTimeout().toSeconds());
        n.put("socketTimeoutSeconds", c.socketTimeout().toSeconds());
    }

    private static void secretRef(ObjectNode n, String field, Secret s) {
        if (s.environmentVariable().isPresent()) {
            n.put(field + "Env", s.environmentVariable().get());
        } else {
            n.put(field + "Ref", LocalSecrets.register(s));
        }
    }

    private static Secret resolve(JsonNode n, String field, Function<String, String> environment, String what) {
        String env = LoadJson.text(n, field + "Env");
        if (env != null) {
            String v = environment.apply(env);
            if (v == null) {
                throw new IllegalStateException(what + ": environment variable " + env + " (the " + field
                        + ") is not set where this task runs. On Spark set it on the executors too"
                        + " (spark.executorEnv." + env + ", or the cluster's secret mechanism).");
            }
            return Secret.fromEnvironment(env, v);
        }
        String ref = LoadJson.text(n, field + "Ref");
        if (ref != null) {
            return LocalSecrets.resolve(ref).orElseThrow(() -> new IllegalStateException(what + ": the " + field
                    + " was given inline in the job, so only tasks in the driver's JVM can use it. Give it as "
                    + field + "Env (an environment variable set on every executor) to run tasks elsewhere."));
        }
        return null;
    }

    private static ConnectionConfig connection(JsonNode n, Function<String, String> environment, String what) {
        ConnectionConfig.Builder b = ConnectionConfig.builder()
                .host(LoadJson.text(n, "host")).database(LoadJson.text(n, "database"))
                .username(LoadJson.text(n, "username")).jdbcUrl(LoadJson.text(n, "jdbcUrl"))
                .loginTimeout(Duration.ofSeconds(n.get("loginTimeoutSeconds").asLong()))
                .socketTimeout(Duration.ofSeconds(n.get("socketTimeoutSeconds").asLong()));
        if (n.has("port")) {
            b.port(n.get("port").asInt());
        }
        n.get("properties").fields().forEachRemaining(e -> b.property(e.getKey(), e.getValue().asText()));
        Secret pw = resolve(n, "password", environment, what);
        if (pw != null) {
            b.password(pw);
        }
        return b.build();
    }

    private static void storage(ObjectNode n, JobConfig.Storage storage) {
        if (storage instanceof JobConfig.LocalStorage local) {
            n.put("type", "local");
            n.put("root", local.root().toAbsolutePath().toString());
            return;
        }
        JobConfig.S3Storage s3 = (JobConfig.S3Storage) storage;
        n.put("type", "s3");
        n.put("endpoint", s3.endpoint());
        n.put("region", s3.region());
        n.put("bucket", s3.bucket());
        n.put("accessKey", s3.accessKey());
        secretRef(n, "secretKey", s3.secretKey());
        n.put("pathStyle", s3.pathStyle());
        n.put("prefix", s3.prefix());
    }

    private static JobConfig.Storage storage(JsonNode n, Function<String, String> environment, String what) {
        if ("local".equals(n.get("type").asText())) {
            return new JobConfig.LocalStorage(Path.of(n.get("root").asText()));
        }
        return new JobConfig.S3Storage(n.get("endpoint").asText(), LoadJson.text(n, "region"), n.get("bucket").asText(),
                n.get("accessKey").asText(), resolve(n, "secretKey", environment, what), n.get("pathStyle").asBoolean(),
                LoadJson.text(n, "prefix"));
    }

    private static void readOptions(ObjectNode n, ReadOptions o) {
        n.put("batch_size", o.batchSize());
        n.put("max_batch_bytes", o.maxBatchBytes());
        n.put("allocator_limit_bytes", o.allocatorLimitBytes());
        n.put("unsupported_types", o.unsupportedTypePolicy().name());
        n.put("temporal_precision", o.temporalPrecision().name());
        n.put("query_timeout_ms", o.queryTimeout().toMillis());
        n.put("count_rows", o.countRows());
        var cols = n.putArray("columns");
        o.columns().forEach(cols::add);
    }

    private static ReadOptions readOptions(JsonNode n) {
        List<String> columns = new ArrayList<>();
        n.get("columns").forEach(c -> columns.add(c.asText()));
        // Each part's rows are compared with its range's count in its own read's snapshot (reconcileCounts).
        return new ReadOptions(n.get("batch_size").asInt(), n.get("max_batch_bytes").asLong(),
                n.get("allocator_limit_bytes").asLong(), UnsupportedTypePolicy.valueOf(n.get("unsupported_types").asText()),
                TemporalPrecision.valueOf(n.get("temporal_precision").asText()),
                Duration.ofMillis(n.get("query_timeout_ms").asLong()), n.path("count_rows").asBoolean(false), columns);
    }
}

package io.flowforge.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.flowforge.bronze.store.AbortFailedException;
import io.flowforge.bronze.store.OpenUpload;
import io.flowforge.connector.ColumnInfo;
import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectionTestResult;
import io.flowforge.connector.ConnectorConfigException;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.TableInfo;
import io.flowforge.connector.TableSchema;
import io.flowforge.ingest.BronzeIngestion;
import io.flowforge.ingest.IngestionControl;
import io.flowforge.ingest.IngestionResult;
import io.flowforge.ingest.JobConfig;
import io.flowforge.ingest.JobConfigException;
import io.flowforge.ingest.IngestionControl;
import io.flowforge.ingest.JobConfigParser;
import io.flowforge.ingest.JobRunResult;
import io.flowforge.ingest.JobRunner;
import io.flowforge.ingest.JobSpec;
import io.flowforge.ingest.TableResult;
import io.flowforge.ingest.Workflow;
import io.flowforge.ingest.WorkflowRunner;
import io.flowforge.ingest.JobValidation;
import io.flowforge.ingest.LeaseHeldException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code flowforge} command line: test a connection, list tables, describe or preview a
 * table, run an ingestion job from a JSON file, or run the embedded quickstart. Results are JSON
 * on standard output; failures exit non-zero (1 failed run, 2 bad input, 3 the job is already
 * running, 4 cancelled, e.g. by SIGTERM or SIGINT; 5 some tables or jobs failed while others
 * landed; 143 / 130 when a signalled run did not stop within {@code --cancel-timeout} or a second
 * signal came).
 */
@Command(name = "flowforge", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        description = "Lands relational tables in a data lake's bronze layer as Snappy Parquet.",
        subcommands = {FlowForgeCli.TestConnection.class, FlowForgeCli.Tables.class, FlowForgeCli.Schema.class,
                FlowForgeCli.Preview.class, FlowForgeCli.Ingest.class, FlowForgeCli.QuickstartCommand.class,
                FlowForgeCli.Serve.class, FlowForgeCli.RunWorkflow.class})
public final class FlowForgeCli {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new FlowForgeCli());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("flowforge: " + e.getMessage());
            return exitCode(e);
        });
        return cl;
    }

    /** Exit code 0: the command did what was asked. */
    static final int OK = 0;
    /** Exit code 1: a run or a connection test failed. */
    static final int FAILED = 1;
    /** Exit code 2: bad input (job file, options, unknown connector); nothing was touched. */
    static final int BAD_INPUT = 2;
    /** Exit code 3: another run of the same job holds its lease; this run did nothing. */
    static final int ALREADY_RUNNING = 3;
    /** Exit code 4: the run was cancelled; the store holds nothing half-written. */
    static final int CANCELLED = 4;
    /** Exit code 5: a multi-table job or workflow in which some tables or jobs failed and others landed. */
    static final int PARTIAL = 5;

    static int exitCode(Throwable e) {
        if (e instanceof JobConfigException || e instanceof IllegalArgumentException || e instanceof ConnectorConfigException) {
            return BAD_INPUT;
        }
        return e instanceof LeaseHeldException ? ALREADY_RUNNING : FAILED;
    }

    /** Where to connect: a job file's source, or options. Passwords come from the environment only. */
    static final class Connection {
        @Option(names = "--job", description = "Take the source type and connection from this job file.")
        Path job;
        @Option(names = "--type", description = "Connector identifier: ${COMPLETION-CANDIDATES}", completionCandidates = Types.class)
        String type;
        @Option(names = "--host") String host;
        @Option(names = "--port") Integer port;
        @Option(names = "--database") String database;
        @Option(names = "--user") String user;
        @Option(names = "--password-env", description = "Name of the environment variable holding the password.")
        String passwordEnv;
        @Option(names = "--jdbc-url") String jdbcUrl;
        @Option(names = "--property", description = "Driver property key=value (repeatable).")
        Map<String, String> properties = new LinkedHashMap<>();

        DatabaseConnector open() {
            if (job != null) {
                JobConfig j = JobConfigParser.parse(job);
                return Connectors.open(j.source().type(), j.source().connection());
            }
            if (type == null) {
                throw new IllegalArgumentException("give --job FILE, or --type with connection options");
            }
            if (jdbcUrl != null && !io.flowforge.connector.UrlSecrets.values(jdbcUrl).isEmpty()) {
                // A command line is visible to every user of the machine (ps, /proc) and to shell history.
                throw new IllegalArgumentException("--jdbc-url holds a password; passwords are never taken on the command "
                        + "line. Leave it out of the URL and give --password-env VAR (or use a job file with passwordEnv).");
            }
            properties.keySet().stream().filter(io.flowforge.connector.UrlSecrets::isSecretKey).findFirst().ifPresent(k -> {
                throw new IllegalArgumentException("--property " + k + " looks like a secret; passwords are never taken on"
                        + " the command line. Use --password-env VAR or a job file with passwordEnv.");
            });
            ConnectionConfig.Builder b = ConnectionConfig.builder().host(host).database(database).username(user)
                    .jdbcUrl(jdbcUrl).properties(properties);
            if (port != null) {
                b.port(port);
            }
            if (passwordEnv != null) {
                String pw = System.getenv(passwordEnv);
                if (pw == null) {
                    throw new IllegalArgumentException("environment variable " + passwordEnv + " (--password-env) is not set");
                }
                b.password(pw);
            }
            return Connectors.open(type, b.build());
        }
    }

    static final class Types extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Types() {
            super(Connectors.available());
        }
    }

    @Command(name = "test-connection", description = "Connect, report the server and the latency; exit 1 if it fails.")
    static final class TestConnection implements Callable<Integer> {
        @Mixin Connection connection;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (DatabaseConnector c = connection.open()) {
                ConnectionTestResult r = c.testConnection();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("success", r.success());
                m.put("product_name", r.productName());
                m.put("product_version", r.productVersion());
                m.put("latency_ms", r.latency().toMillis());
                m.put("message", r.message());
                print(spec, m);
                return r.success() ? 0 : 1;
            }
        }
    }

    @Command(name = "tables", description = "List tables and views with approximate row counts.")
    static final class Tables implements Callable<Integer> {
        @Mixin Connection connection;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (DatabaseConnector c = connection.open()) {
                List<Map<String, Object>> out = new ArrayList<>();
                for (TableInfo t : c.listTables()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("schema", t.id().schema());
                    m.put("name", t.id().name());
                    m.put("kind", t.kind().name().toLowerCase(java.util.Locale.ROOT));
                    m.put("approximate_row_count", t.approximateRowCount().isPresent() ? t.approximateRowCount().getAsLong() : null);
                    out.add(m);
                }
                print(spec, out);
                return 0;
            }
        }
    }

    @Command(name = "schema", description = "Describe a table: source types, Arrow types, nullability, primary key.")
    static final class Schema implements Callable<Integer> {
        @Mixin Connection connection;
        @Parameters(paramLabel = "TABLE", description = "schema.table or table") String table;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (DatabaseConnector c = connection.open()) {
                TableSchema s = c.getSchema(TableId.parse(table));
                List<Map<String, Object>> cols = new ArrayList<>();
                for (ColumnInfo col : s.columns()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", col.name());
                    m.put("source_type", col.sourceTypeName());
                    m.put("precision", col.precision());
                    m.put("scale", col.scale());
                    m.put("nullable", col.nullable());
                    m.put("arrow_type", col.arrowField().map(f -> f.getType().toString()).orElse(null));
                    m.put("unsupported_reason", col.unsupportedReason().orElse(null));
                    cols.add(m);
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("table", s.table().qualifiedName());
                out.put("primary_key", s.primaryKey());
                out.put("columns", cols);
                print(spec, out);
                return 0;
            }
        }
    }

    @Command(name = "preview", description = "Print the first rows of a table as tab-separated text.")
    static final class Preview implements Callable<Integer> {
        @Mixin Connection connection;
        @Parameters(paramLabel = "TABLE") String table;
        @Option(names = "--rows", defaultValue = "10") int rows;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (DatabaseConnector c = connection.open();
                    BufferAllocator allocator = new RootAllocator();
                    ArrowReader reader = c.readTable(TableId.parse(table), ReadOptions.defaults().withBatchSize(rows), allocator)) {
                if (reader.loadNextBatch()) {
                    spec.commandLine().getOut().print(BatchText.tsv(reader.getVectorSchemaRoot()));
                }
                spec.commandLine().getOut().flush();
                return 0;
            }
        }
    }

    @Command(name = "ingest", description = "Run a job file (the plan's source_config / destination_config) and print the result."
            + " SIGTERM or SIGINT cancels the run: it cleans up, prints the cancelled result and exits 4.")
    static final class Ingest implements Callable<Integer> {
        @Parameters(paramLabel = "JOB.json") Path job;
        @Option(names = "--cancel-timeout", paramLabel = "SECONDS", defaultValue = "30", description = "After SIGTERM or"
                + " SIGINT, how long the run may take to stop and clean up before the process exits anyway"
                + " (exit 143 / 130; the next run removes what it leaves). Default: ${DEFAULT-VALUE}.")
        long cancelTimeoutSeconds;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            // Bad input ends here, with exit 2, before anything is touched.
            JobSpec config = JobConfigParser.parseJob(job);
            JobValidation.check(config);
            IngestionControl control = IngestionControl.create();
            PrintWriter err = spec.commandLine().getErr();
            try (SignalCancellation signals = SignalCancellation.install(config.jobId(), control,
                    Duration.ofSeconds(cancelTimeoutSeconds), err)) {
                try {
                    JobRunResult run = JobRunner.run(config, control);
                    if (config instanceof JobConfig) {
                        // One table: the result as the job's own (the shape scripts have read since the start).
                        TableResult t = run.tables().get(0);
                        if (t.failure().isPresent()) {
                            throw t.failure().get();
                        }
                        IngestionResult r = t.result().orElseThrow();
                        Map<String, Object> m = new LinkedHashMap<>(r.toMap());
                        m.put("run_log", run.runLog().orElse(null));
                        print(spec, m);
                        reportOpenUploads(err, r.openUploads());
                        if (IngestionResult.CANCELLED.equals(r.status())) {
                            err.println("flowforge: job " + config.jobId() + " " + r.message());
                            return CANCELLED;
                        }
                        return OK;
                    }
                    print(spec, run.toMap());
                    for (TableResult t : run.tables()) {
                        if (t.failed()) {
                            err.println("flowforge: job " + config.jobId() + " table " + t.sourceTable() + " failed: "
                                    + t.error().orElse(""));
                        }
                        t.result().ifPresent(r -> reportOpenUploads(err, r.openUploads()));
                    }
                    return runExitCode(run.status());
                } catch (RuntimeException e) {
                    int code = exitCode(e);
                    List<OpenUpload> open = AbortFailedException.openUploadsIn(e);
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("status", code == ALREADY_RUNNING ? "already_running" : "failed");
                    m.put("job_id", config.jobId());
                    m.put("error", e.getMessage());
                    m.put("open_uploads", open.stream().map(IngestionResult::openUploadMap).toList());
                    print(spec, m);
                    err.println("flowforge: job " + config.jobId()
                            + (code == ALREADY_RUNNING ? " did not start: " : " failed: ") + e.getMessage());
                    reportOpenUploads(err, open);
                    return code;
                } finally {
                    err.flush();
                }
            }
        }
    }

    /** Exit code of a multi-table job or a workflow by its overall status. */
    static int runExitCode(String status) {
        return switch (status) {
            case JobRunResult.SUCCESS -> OK;
            case JobRunResult.PARTIAL -> PARTIAL;
            case JobRunResult.CANCELLED -> CANCELLED;
            default -> FAILED;
        };
    }

    @Command(name = "run", description = "Run a workflow file (the plan's run_medallion_pipeline: workflow_id, batch_id,"
            + " jobs) and print every job's result.")
    static final class RunWorkflow implements Callable<Integer> {
        @Parameters(paramLabel = "WORKFLOW.json") Path workflow;
        @Option(names = "--cancel-timeout", defaultValue = "30",
                description = "Seconds a signalled run may take to stop cleanly before the process halts (default ${DEFAULT-VALUE}).")
        long cancelTimeoutSeconds;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Workflow w = Workflow.parse(workflow);   // every job checked first: bad input exits 2 before any runs
            IngestionControl control = IngestionControl.create();
            PrintWriter err = spec.commandLine().getErr();
            try (SignalCancellation signals = SignalCancellation.install(w.workflowId(), control,
                    Duration.ofSeconds(cancelTimeoutSeconds), err)) {
                WorkflowRunner.Result r = WorkflowRunner.run(w, control);
                print(spec, r.toMap());
                for (WorkflowRunner.JobOutcome o : r.jobs()) {
                    if (!JobRunResult.SUCCESS.equals(o.status())) {
                        err.println("flowforge: workflow " + w.workflowId() + " job " + o.jobId() + " " + o.status()
                                + (o.error() == null ? "" : ": " + o.error()));
                    }
                }
                err.flush();
                return runExitCode(r.status());
            }
        }
    }

    @Command(name = "serve", description = "Serve the HTTP API and the connection page (see flowforge-server/README.md);"
            + " options: --port, --bind, --token-env, --store, --demo/--no-demo, ... (serve --help).")
    static final class Serve implements Callable<Integer> {
        @CommandLine.Unmatched List<String> args = new ArrayList<>();

        @Override
        public Integer call() {
            return io.flowforge.server.FlowForgeServer.run(args.toArray(String[]::new));
        }
    }

    /** Each upload a run could not abort, on standard error: its id and what removes it. */
    static void reportOpenUploads(PrintWriter err, List<OpenUpload> uploads) {
        for (OpenUpload u : uploads) {
            err.println("flowforge: multipart upload " + u.uploadId() + " of " + u.uri() + " is still open (its abort"
                    + " failed: " + u.error() + "). " + u.whatToDo());
        }
    }

    @Command(name = "quickstart", description = "Run the embedded quickstart (H2 BFSI_Test into a local lake folder).")
    static final class QuickstartCommand implements Callable<Integer> {
        @Parameters(paramLabel = "LAKE", defaultValue = "lake", description = "Lake root folder (default: ${DEFAULT-VALUE}).")
        Path lake;

        @Override
        public Integer call() throws Exception {
            return Quickstart.run(lake, System.out);
        }
    }

    static void print(CommandLine.Model.CommandSpec spec, Object value) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.println(JSON.writeValueAsString(value));
        out.flush();
    }
}

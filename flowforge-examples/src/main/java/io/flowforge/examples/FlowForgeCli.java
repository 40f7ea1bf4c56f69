package io.flowforge.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.flowforge.bronze.store.OpenUpload;
import io.flowforge.connector.ConnectorConfigException;
import io.flowforge.ingest.JobConfigException;
import io.flowforge.ingest.JobRunResult;
import io.flowforge.ingest.LeaseHeldException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code flowforge} command line: test a connection, list tables, describe or preview a
 * table, run an ingestion job or a workflow from a JSON file, serve the HTTP API, or run the
 * embedded quickstart. For scripts, results are JSON on standard output and failures exit
 * non-zero (1 failed run, 2 bad input, 3 the job is already running, 4 cancelled, e.g. by SIGTERM
 * or SIGINT; 5 some tables or jobs failed while others landed; 143 / 130 when a signalled run did
 * not stop within {@code --cancel-timeout} or a second signal came). For people at a terminal,
 * tables, progress bars and one-line errors; every command is in its own class.
 */
@Command(name = "flowforge", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        description = "Lands relational tables in a data lake's bronze layer as Snappy Parquet.",
        subcommands = {TestConnectionCommand.class, TablesCommand.class, SchemaCommand.class, PreviewCommand.class,
                IngestCommand.class, QuickstartCommand.class, ServeCommand.class, RunCommand.class, CompletionCommand.class})
public final class FlowForgeCli {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final ObjectMapper JSON_ONE_LINE = new ObjectMapper();

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "No progress and no log lines below WARN on standard error; results and errors still print.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "On errors, print every cause and the stack trace.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        FlowForgeCli top = new FlowForgeCli();
        CommandLine cl = new CommandLine(top);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        CommandLine.IParameterExceptionHandler parameters = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((e, args) -> CliErrors.onBadArguments(e, args, parameters, top.verbose));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> CliErrors.onFailure(e, cmd.getErr(), top.verbose));
        cl.setExecutionStrategy(parsed -> {
            if (top.quiet) {
                LogSettings.quiet();
            }
            return new CommandLine.RunLast().execute(parsed);
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

    /** Exit code of a multi-table job or a workflow by its overall status. */
    static int runExitCode(String status) {
        return switch (status) {
            case JobRunResult.SUCCESS -> OK;
            case JobRunResult.PARTIAL -> PARTIAL;
            case JobRunResult.CANCELLED -> CANCELLED;
            default -> FAILED;
        };
    }

    /** The options every command inherits from {@code flowforge}. */
    static FlowForgeCli top(CommandLine.Model.CommandSpec spec) {
        return (FlowForgeCli) spec.root().userObject();
    }

    /** Each upload a run could not abort, on standard error: its id and what removes it. */
    static void reportOpenUploads(PrintWriter err, List<OpenUpload> uploads) {
        for (OpenUpload u : uploads) {
            err.println("flowforge: multipart upload " + u.uploadId() + " of " + u.uri() + " is still open (its abort"
                    + " failed: " + u.error() + "). " + u.whatToDo());
        }
    }

    /** Prints {@code value} as indented JSON on the command's standard output, the shape scripts read. */
    static void print(CommandLine.Model.CommandSpec spec, Object value) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.println(JSON.writeValueAsString(value));
        out.flush();
    }

    /** Prints text as it is on the command's standard output. */
    static void printText(CommandLine.Model.CommandSpec spec, String text) {
        PrintWriter out = spec.commandLine().getOut();
        out.print(text);
        out.flush();
    }
}

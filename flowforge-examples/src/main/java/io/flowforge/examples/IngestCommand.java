package io.flowforge.examples;

import io.flowforge.bronze.store.AbortFailedException;
import io.flowforge.bronze.store.OpenUpload;
import io.flowforge.ingest.IngestionControl;
import io.flowforge.ingest.IngestionResult;
import io.flowforge.ingest.JobConfig;
import io.flowforge.ingest.JobConfigParser;
import io.flowforge.ingest.JobRunResult;
import io.flowforge.ingest.JobRunner;
import io.flowforge.ingest.JobSpec;
import io.flowforge.ingest.JobValidation;
import io.flowforge.ingest.TableResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flowforge ingest JOB.json}: runs a single- or multi-table job and prints its result JSON;
 * progress on standard error ({@code --progress}); SIGTERM or SIGINT cancel the run cleanly.
 */
@Command(name = "ingest", description = "Run a job file (the plan's source_config / destination_config) and print the result."
        + " SIGTERM or SIGINT cancels the run: it cleans up, prints the cancelled result and exits 4.")
final class IngestCommand implements Callable<Integer> {
    @Parameters(paramLabel = "JOB.json") Path job;
    @Option(names = "--cancel-timeout", paramLabel = "SECONDS", defaultValue = "30", description = "After SIGTERM or"
            + " SIGINT, how long the run may take to stop and clean up before the process exits anyway"
            + " (exit 143 / 130; the next run removes what it leaves). Default: ${DEFAULT-VALUE}.")
    long cancelTimeoutSeconds;
    @Mixin ProgressOutput.Choice progress;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // Bad input ends here, with exit 2, before anything is touched.
        JobSpec config = JobConfigParser.parseJob(job);
        JobValidation.check(config);
        IngestionControl control = IngestionControl.create();
        FlowForgeCli top = FlowForgeCli.top(spec);
        try (ProgressOutput shown = ProgressOutput.start(progress.mode, top.quiet, control, spec.commandLine().getErr());
                SignalCancellation signals = SignalCancellation.install(config.jobId(), control,
                        Duration.ofSeconds(cancelTimeoutSeconds), shown.err())) {
            PrintWriter err = shown.err();
            try {
                JobRunResult run;
                try {
                    run = JobRunner.run(config, control);
                } finally {
                    shown.close();   // the bar leaves the screen before the result is printed
                }
                if (config instanceof JobConfig) {
                    // One table: the result as the job's own (the shape scripts have read since the start).
                    TableResult t = run.tables().get(0);
                    if (t.failure().isPresent()) {
                        throw t.failure().get();
                    }
                    IngestionResult r = t.result().orElseThrow();
                    Map<String, Object> m = new LinkedHashMap<>(r.toMap());
                    m.put("run_log", run.runLog().orElse(null));
                    FlowForgeCli.print(spec, m);
                    FlowForgeCli.reportOpenUploads(err, r.openUploads());
                    if (IngestionResult.CANCELLED.equals(r.status())) {
                        err.println("flowforge: job " + config.jobId() + " " + r.message());
                        return FlowForgeCli.CANCELLED;
                    }
                    return FlowForgeCli.OK;
                }
                FlowForgeCli.print(spec, run.toMap());
                for (TableResult t : run.tables()) {
                    if (t.failed()) {
                        err.println("flowforge: job " + config.jobId() + " table " + t.sourceTable() + " failed: "
                                + t.error().orElse(""));
                    }
                    t.result().ifPresent(r -> FlowForgeCli.reportOpenUploads(err, r.openUploads()));
                }
                return FlowForgeCli.runExitCode(run.status());
            } catch (RuntimeException e) {
                int code = FlowForgeCli.exitCode(e);
                List<OpenUpload> open = AbortFailedException.openUploadsIn(e);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("status", code == FlowForgeCli.ALREADY_RUNNING ? "already_running" : "failed");
                m.put("job_id", config.jobId());
                m.put("error", e.getMessage());
                m.put("open_uploads", open.stream().map(IngestionResult::openUploadMap).toList());
                FlowForgeCli.print(spec, m);
                String what = "job " + config.jobId() + (code == FlowForgeCli.ALREADY_RUNNING ? " did not start: " : " failed: ");
                CliErrors.report(err, what, e, code, top.verbose);
                FlowForgeCli.reportOpenUploads(err, open);
                return code;
            } finally {
                err.flush();
            }
        }
    }
}

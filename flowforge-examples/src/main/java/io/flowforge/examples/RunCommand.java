package io.flowforge.examples;

import io.flowforge.ingest.IngestionControl;
import io.flowforge.ingest.JobRunResult;
import io.flowforge.ingest.Workflow;
import io.flowforge.ingest.WorkflowRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flowforge run WORKFLOW.json}: every job of a workflow, one after another, and every job's result. */
@Command(name = "run", description = "Run a workflow file (the plan's run_medallion_pipeline: workflow_id, batch_id,"
        + " jobs) and print every job's result.")
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "WORKFLOW.json") Path workflow;
    @Option(names = "--cancel-timeout", defaultValue = "30",
            description = "Seconds a signalled run may take to stop cleanly before the process halts (default ${DEFAULT-VALUE}).")
    long cancelTimeoutSeconds;
    @Mixin ProgressOutput.Choice progress;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Workflow w = Workflow.parse(workflow);   // every job checked first: bad input exits 2 before any runs
        IngestionControl control = IngestionControl.create();
        try (ProgressOutput shown = ProgressOutput.start(progress.mode, FlowForgeCli.top(spec).quiet, control,
                spec.commandLine().getErr());
                SignalCancellation signals = SignalCancellation.install(w.workflowId(), control,
                        Duration.ofSeconds(cancelTimeoutSeconds), shown.err())) {
            PrintWriter err = shown.err();
            WorkflowRunner.Result r;
            try {
                r = WorkflowRunner.run(w, control);
            } finally {
                shown.close();
            }
            FlowForgeCli.print(spec, r.toMap());
            for (WorkflowRunner.JobOutcome o : r.jobs()) {
                if (!JobRunResult.SUCCESS.equals(o.status())) {
                    err.println("flowforge: workflow " + w.workflowId() + " job " + o.jobId() + " " + o.status()
                            + (o.error() == null ? "" : ": " + o.error()));
                }
            }
            err.flush();
            return FlowForgeCli.runExitCode(r.status());
        }
    }
}

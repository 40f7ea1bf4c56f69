package io.flowforge.ingest;

import static java.util.Objects.requireNonNull;

import io.flowforge.bronze.store.ObjectStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Workflow}: its jobs one after another (as the plan's loop does), each under its
 * own lease, all under the workflow's batch id; a job that fails (or finds its lease held) does not
 * stop the next. The workflow's whole result is written to every store its jobs use, at
 * {@value JobRunner#RUNS_PREFIX}{workflow_id}/{batch_id}.json.
 */
public final class WorkflowRunner {

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowRunner.class);

    private WorkflowRunner() {}

    /** One job's outcome: its run's result, or why it did not run. */
    public record JobOutcome(String jobId, String status, JobRunResult run, String error) {
        Map<String, Object> toMap() {
            Map<String, Object> m = run != null ? new LinkedHashMap<>(run.toMap()) : new LinkedHashMap<>();
            m.put("job_id", jobId);
            m.put("status", status);
            if (error != null) {
                m.put("error", error);
            }
            return m;
        }
    }

    /** The workflow's outcome: {@code success}, {@code partial} or {@code failed}, and each job's. */
    public record Result(String workflowId, String batchId, String status, List<JobOutcome> jobs, List<String> runLogs) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", status);
            m.put("workflow_id", workflowId);
            m.put("batch_id", batchId);
            m.put("jobs_total", jobs.size());
            m.put("jobs_succeeded", jobs.stream().filter(j -> JobRunResult.SUCCESS.equals(j.status())).count());
            m.put("records_processed", jobs.stream().mapToLong(j -> j.run() == null ? 0 : j.run().recordsProcessed()).sum());
            m.put("run_logs", runLogs);
            m.put("jobs", jobs.stream().map(JobOutcome::toMap).toList());
            return m;
        }
    }

    public static Result run(Workflow workflow, IngestionControl control) {
        requireNonNull(workflow, "workflow is null");
        List<JobOutcome> outcomes = new ArrayList<>();
        for (JobSpec job : workflow.jobs()) {
            if (control.isCancelled()) {
                outcomes.add(new JobOutcome(job.jobId(), JobRunResult.CANCELLED, null, "cancelled before it started"));
                continue;
            }
            try {
                JobRunResult r = JobRunner.run(job, control);
                outcomes.add(new JobOutcome(job.jobId(), r.status(), r, null));
            } catch (LeaseHeldException e) {
                outcomes.add(new JobOutcome(job.jobId(), "already_running", null, e.getMessage()));
            } catch (RuntimeException e) {
                LOG.error("Workflow '{}': job '{}' failed: {}", workflow.workflowId(), job.jobId(), e.getMessage());
                outcomes.add(new JobOutcome(job.jobId(), JobRunResult.FAILED, null, String.valueOf(e.getMessage())));
            }
        }
        long ok = outcomes.stream().filter(o -> JobRunResult.SUCCESS.equals(o.status())).count();
        String status = control.isCancelled() ? JobRunResult.CANCELLED
                : ok == outcomes.size() ? JobRunResult.SUCCESS : ok == 0 ? JobRunResult.FAILED : JobRunResult.PARTIAL;
        Result result = new Result(workflow.workflowId(), workflow.batchId(), status, outcomes, List.of());
        return writeRunLogs(workflow, result);
    }

    private static Result writeRunLogs(Workflow workflow, Result result) {
        Set<JobConfig.Storage> stores = new LinkedHashSet<>();
        for (JobSpec j : workflow.jobs()) {
            stores.add(j instanceof JobConfig c ? c.destination().storage() : ((MultiTableJob) j).storage());
        }
        String key = JobRunner.RUNS_PREFIX + workflow.workflowId() + "/" + workflow.batchId() + ".json";
        List<String> logs = new ArrayList<>();
        for (JobConfig.Storage storage : stores) {
            try (ObjectStore store = ObjectStores.open(storage)) {
                logs.add(store.uri(key));
            }
        }
        Result logged = new Result(result.workflowId(), result.batchId(), result.status(), result.jobs(), logs);
        for (JobConfig.Storage storage : stores) {
            try (ObjectStore store = ObjectStores.open(storage)) {
                store.put(key, JobRunner.JSON.writeValueAsBytes(logged.toMap()));
            } catch (IOException | RuntimeException e) {
                LOG.warn("Workflow '{}': the run log could not be written to {}: {}", workflow.workflowId(), storage, e.toString());
            }
        }
        return logged;
    }
}

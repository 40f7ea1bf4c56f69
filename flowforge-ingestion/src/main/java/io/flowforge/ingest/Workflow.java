package io.flowforge.ingest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The plan's {@code run_medallion_pipeline(workflow_id, jobs, batch_id)} as a file:
 * {@code {"workflow_id", "batch_id", "jobs": [...]}}, each job in the job file's shape (one table
 * or many), optionally with the plan's {@code "type": "database"}. Every job runs under the
 * workflow's one batch id. Parsing checks every job before any runs.
 */
public record Workflow(String workflowId, String batchId, List<JobSpec> jobs) {

    public Workflow {
        requireNonNull(workflowId, "workflowId is null");
        requireNonNull(batchId, "batchId is null");
        jobs = List.copyOf(jobs);
    }

    public static Workflow parse(Path file) {
        try {
            return parse(Files.readString(file), System::getenv);
        } catch (IOException e) {
            throw new JobConfigException("Cannot read workflow file " + file + ": " + e.getMessage(), List.of());
        }
    }

    public static Workflow parse(String json, Function<String, String> environment) {
        JsonNode root = JobConfigParser.readJson(json, "workflow file");
        ConfigFields f = new ConfigFields(environment);
        if (root == null || !root.isObject()) {
            throw new JobConfigException("The workflow file must hold a JSON object", List.of());
        }
        f.allow(root, "", "workflow_id", "batch_id", "jobs");
        String id = f.segment(root, "", "workflow_id", "workflow id", true);
        String batch = f.segment(root, "", "batch_id", "batch id", false);
        String batchId = batch != null ? batch : BronzeIngestion.newBatchId(Instant.now());
        JsonNode list = root.get("jobs");
        List<JobSpec> jobs = new ArrayList<>();
        if (list == null || !list.isArray() || list.isEmpty()) {
            f.problems.add("jobs: expected a non-empty list of jobs (each in the job file's shape)");
        } else {
            for (int i = 0; i < list.size(); i++) {
                JsonNode job = list.get(i).deepCopy();
                String p = "jobs[" + i + "]";
                if (!(job instanceof ObjectNode o)) {
                    f.problems.add(p + ": expected a job object");
                    continue;
                }
                JsonNode type = o.remove("type");
                if (type != null && !"database".equals(type.asText())) {
                    f.problems.add(p + ".type: '" + type.asText() + "' jobs are not FlowForge's; a workflow here runs"
                            + " database jobs (\"type\": \"database\", or no type)");
                    continue;
                }
                JsonNode own = o.get("batch_id");
                if (own != null && !own.asText().equals(batchId)) {
                    f.problems.add(p + ".batch_id: '" + own.asText() + "' differs from the workflow's batch_id '" + batchId
                            + "'; every job of a workflow runs under its batch id (leave it out)");
                    continue;
                }
                o.put("batch_id", batchId);
                try {
                    JobSpec spec = JobConfigParser.parseJob(o, environment);
                    JobValidation.check(spec);
                    jobs.add(spec);
                } catch (JobConfigException e) {
                    if (e.problems().isEmpty()) {
                        f.problems.add(p + ": " + e.getMessage());
                    } else {
                        e.problems().forEach(x -> f.problems.add(p + "." + x));
                    }
                }
            }
            List<String> ids = jobs.stream().map(JobSpec::jobId).toList();
            ids.stream().filter(x -> ids.indexOf(x) != ids.lastIndexOf(x)).distinct().forEach(x ->
                    f.problems.add("jobs: job_id '" + x + "' appears more than once; each job owns its state"));
        }
        f.throwIfAny("workflow file");
        return new Workflow(id, batchId, jobs);
    }
}

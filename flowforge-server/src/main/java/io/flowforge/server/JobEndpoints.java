package io.flowforge.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowforge.connector.ConnectionConfig;
import io.flowforge.ingest.JobConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Loads: submit a job in the plan's shape (its source given inline or as a saved source's id),
 * watch it, list the recent ones, cancel one. Local destinations are folders inside the server's
 * store root.
 */
final class JobEndpoints {

    private final SourceRegistry sources;
    private final RunRegistry runs;
    private final RequestBodies bodies;
    private final Path storeRoot;

    JobEndpoints(SourceRegistry sources, RunRegistry runs, RequestBodies bodies, Path storeRoot) {
        this.sources = requireNonNull(sources, "sources is null");
        this.runs = requireNonNull(runs, "runs is null");
        this.bodies = requireNonNull(bodies, "bodies is null");
        this.storeRoot = storeRoot.toAbsolutePath().normalize();
    }

    /** POST /api/jobs */
    ApiResponse submit(ApiRequest request) {
        ObjectNode body = RequestBodies.object(request, "a job in the plan's shape: job_id, source_config, destination_config");
        SavedSource saved = null;
        if (body.get("source_config") instanceof ObjectNode source && source.has("source_id")) {
            if (source.has("type") || source.has("connection")) {
                throw ApiException.invalid("source_config: give either source_id or type and connection, not both",
                        List.of("source_config.source_id: give either source_id or type and connection, not both"));
            }
            saved = sources.get(CatalogEndpoints.text(source.remove("source_id"), "source_config.source_id"));
            source.put("type", saved.type());
            source.putObject("connection");
        }
        boolean storageGiven = body.path("destination_config").has("storage");
        List<String> problems = new ArrayList<>();
        JobConfig job = bodies.job(body);   // the parser owns the job's rules (job_id, names, options)
        JobConfig.Source src = job.source();
        if (saved != null) {
            src = new JobConfig.Source(saved.type(), saved.connection(), src.table(), src.query(), src.incremental(),
                    src.deltaColumn(), src.upperBound(), src.lag(), src.readOptions(), src.openTransactionWait());
        }
        JobConfig.Storage storage = storageGiven ? job.destination().storage() : new JobConfig.LocalStorage(storeRoot);
        if (storage instanceof JobConfig.LocalStorage local) {
            Path root = storeRoot.resolve(local.root()).normalize();
            if (!root.startsWith(storeRoot)) {
                problems.add("destination_config.storage.path: '" + local.root() + "' is outside the server's store root "
                        + storeRoot + "; give a folder inside it (a relative path is taken from there)");
            }
            storage = new JobConfig.LocalStorage(root);
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        JobConfig resolved = new JobConfig(job.jobId(), job.batchId(), src,
                new JobConfig.Destination(job.destination().bronzeTable(), job.destination().compression(), storage));
        Run run = runs.submit(resolved, saved == null ? null : saved.id(), describe(storage), redactor(resolved));
        return ApiResponse.json(202, run.view()).withHeader("Location", "/api/jobs/" + run.id());
    }

    private static ApiException invalid(List<String> problems) {
        return ApiException.invalid("The request has " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + ":\n- " + String.join("\n- ", problems), problems);
    }

    private static String describe(JobConfig.Storage storage) {
        if (storage instanceof JobConfig.LocalStorage local) {
            return local.root().toUri().toString();
        }
        JobConfig.S3Storage s3 = (JobConfig.S3Storage) storage;
        return "s3://" + s3.bucket() + "/" + s3.prefix();
    }

    /** Masks the job's secrets in any text that reaches a response or a log line. */
    private static UnaryOperator<String> redactor(JobConfig job) {
        ConnectionConfig c = job.source().connection();
        return text -> {
            String out = c.redact(text);
            if (job.destination().storage() instanceof JobConfig.S3Storage s3) {
                out = s3.secretKey().redact(out);
            }
            return out;
        };
    }

    /** GET /api/jobs?limit=N */
    ApiResponse recent(ApiRequest request) {
        String limitText = request.query().getOrDefault("limit", "50");
        int limit;
        try {
            limit = Integer.parseInt(limitText);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > RunRegistry.KEPT_RUNS) {
            String p = "limit: expected a whole number from 1 to " + RunRegistry.KEPT_RUNS + ", was '" + limitText + "'";
            throw ApiException.invalid(p, List.of(p));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        runs.recent(limit).forEach(r -> out.add(r.view()));
        return ApiResponse.json(200, Map.of("runs", out));
    }

    ApiResponse get(String id) {
        return ApiResponse.json(200, runs.get(id).view());
    }

    /** POST /api/jobs/{id}/cancel */
    ApiResponse cancel(String id) {
        Run run = runs.get(id);
        if (!run.cancel("cancelled through the API")) {
            throw new ApiException(409, "run_finished", "Run " + id + " has already finished (" + run.status().text()
                    + "); there is nothing to cancel.");
        }
        return ApiResponse.json(202, run.view());
    }
}

package io.flowforge.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowforge.ingest.JobConfig;
import io.flowforge.ingest.JobConfigException;
import io.flowforge.ingest.JobConfigParser;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads request bodies in the plan's shapes with the job parser, so that the API reports exactly
 * the parser's messages by key path. A lone {@code source_config} is checked by placing it in a
 * job whose other parts are fixed placeholders. Environment-variable secrets ({@code passwordEnv},
 * {@code secretKeyEnv}) are refused unless the server allows the variable: otherwise a client
 * could send any of the server's variables as a password to a host of its choosing.
 */
final class RequestBodies {

    static final String PLACEHOLDER_TABLE = "flowforge_placeholder";
    private static final Set<String> ENV_KEYS = Set.of("passwordEnv", "secretKeyEnv");

    private final Set<String> allowedEnv;

    RequestBodies(Set<String> allowedEnv) {
        this.allowedEnv = Set.copyOf(allowedEnv);
    }

    /** The body as a JSON object, or a 400 naming what is wrong with it. */
    static ObjectNode object(ApiRequest request, String what) {
        JsonNode node;
        try {
            node = ApiResponse.JSON.readTree(request.body());
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "invalid_json", "The request body is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (java.io.IOException e) {
            throw new ApiException(400, "invalid_json", "The request body cannot be read: " + e.getMessage());
        }
        if (!(node instanceof ObjectNode o)) {
            throw new ApiException(400, "invalid_json", "The request body must be a JSON object (" + what + ")");
        }
        return o;
    }

    /** A {@code source_config} ({@code type}, {@code connection}, optional {@code databaseConfig}) as a job source. */
    JobConfig.Source source(ObjectNode sourceConfig) {
        ObjectNode source = sourceConfig.deepCopy();
        if (!source.has("databaseConfig")) {
            source.putObject("databaseConfig").put("tableName", PLACEHOLDER_TABLE);
        }
        ObjectNode job = ApiResponse.JSON.createObjectNode();
        job.put("job_id", "connection-check");
        job.set("source_config", source);
        job.putObject("destination_config").putObject("bronzeConfig").put("tableName", PLACEHOLDER_TABLE);
        return parse(job).source();
    }

    /** A job in the plan's shape. */
    JobConfig job(ObjectNode job) {
        return parse(job);
    }

    private JobConfig parse(ObjectNode job) {
        List<String> refused = new ArrayList<>();
        findEnvSecrets(job, "", refused);
        try {
            Function<String, String> env = name -> allowedEnv.contains(name) ? System.getenv(name) : null;
            JobConfig parsed = JobConfigParser.parse(job.toString(), env);
            if (!refused.isEmpty()) {
                throw invalid(refused);
            }
            return parsed;
        } catch (JobConfigException e) {
            List<String> problems = new ArrayList<>(refused);
            // The parser would add "not set" for a refused variable: the refusal says more.
            e.problems().stream().filter(p -> refused.stream().noneMatch(r -> p.startsWith(r.substring(0, r.indexOf(':')))))
                    .forEach(problems::add);
            if (problems.isEmpty()) {
                throw new ApiException(400, "invalid_request", e.getMessage());
            }
            throw invalid(problems);
        }
    }

    private static ApiException invalid(List<String> problems) {
        return ApiException.invalid("The request has " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + ":\n- " + String.join("\n- ", problems), problems);
    }

    private void findEnvSecrets(JsonNode node, String path, List<String> out) {
        if (!node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            if (ENV_KEYS.contains(e.getKey()) && e.getValue().isTextual() && !allowedEnv.contains(e.getValue().asText())) {
                out.add(p + ": the server does not give environment variable '" + e.getValue().asText()
                        + "' to clients; send the secret itself, or start the server with --allow-env "
                        + e.getValue().asText());
            } else {
                findEnvSecrets(e.getValue(), p, out);
            }
        }
    }
}

package io.flowforge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.bronze.IngestionMetadata;
import io.flowforge.bronze.store.PathSegment;
import io.flowforge.connector.TableId;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every place that takes a name for one segment of an object path (the writer's metadata, the job
 * file's job id, batch id and bronze table names, the workflow file's ids) refuses the same names
 * with {@link PathSegment}'s one message, and the multi-table job's generated names pass it.
 */
class PathSegmentRuleTest {

    private static final String JOB = """
            {"job_id": "%s", "batch_id": "%s",
             "source_config": {"type": "h2", "connection": {"jdbcUrl": "jdbc:h2:mem:x"},
                               "databaseConfig": {"tableName": "t"}},
             "destination_config": {"bronzeConfig": {"tableName": "%s"}}}
            """;

    private static final String MULTI = """
            {"job_id": "j", "source_config": {"type": "h2", "connection": {"jdbcUrl": "jdbc:h2:mem:x"},
               "databaseConfig": {"tables": [{"name": "t", "bronzeTableName": "%s"}]}},
             "destination_config": {"bronzeConfig": {"tableName": "%s"}}}
            """;

    private static final String WORKFLOW = """
            {"workflow_id": "%s", "batch_id": "%s", "jobs": [%s]}
            """;

    private static String problem(String what, String name) {
        return PathSegment.problem(what, name).orElseThrow();
    }

    private static String json(String name) {
        return name.replace("\\", "\\\\").replace("\t", "\\t");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape", ".hidden", "-rf", "=x", "a/b", "a\\b", "a..b", "a b", "naïve", "tab\tname", "x{table}",
            "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
                    + "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
                    + "01234567890123456789012345678901234567890123456789012345"})
    void everyPlaceRefusesTheSameNameWithTheSameMessage(String bad) {
        assertThat(PathSegment.problem("x", bad)).isPresent();
        String ok = "ok_name";
        Instant t = Instant.parse("2026-01-01T00:00:00Z");

        assertThatThrownBy(() -> new IngestionMetadata(bad, ok, "s", "f", t, t))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(problem("bronze table name", bad));
        assertThatThrownBy(() -> new IngestionMetadata(ok, bad, "s", "f", t, t))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(problem("batch id", bad));

        assertThat(problems(JOB.formatted(json(bad), ok, ok))).contains("job_id: " + problem("job id", bad));
        assertThat(problems(JOB.formatted(ok, json(bad), ok))).contains("batch_id: " + problem("batch id", bad));
        assertThat(problems(JOB.formatted(ok, ok, json(bad))))
                .contains("destination_config.bronzeConfig.tableName: " + problem("bronze table name", bad));
        assertThat(problems(MULTI.formatted(json(bad), "b_{table}")))
                .contains("source_config.databaseConfig.tables[0].bronzeTableName: " + problem("bronze table name", bad));

        String job = JOB.formatted(ok, ok, ok);
        assertThat(workflowProblems(WORKFLOW.formatted(json(bad), ok, job)))
                .contains("workflow_id: " + problem("workflow id", bad));
        assertThat(workflowProblems(WORKFLOW.formatted(ok, json(bad), job)))
                .contains("batch_id: " + problem("batch id", bad));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape", ".hidden", "-rf", "=x", "a/b", "a\\b", "a..b", "a b", "naïve", "Ünïcödé_表", "..."})
    void theMultiTableJobMakesAnyTableNameAValidSegment(String table) {
        MultiTableJob job = (MultiTableJob) JobConfigParser.parseJob(MULTI.formatted("b", "bronze_{schema}_{table}"));
        String name = job.bronzeName(TableId.of("s", table));
        assertThat(PathSegment.problem("bronze table name", name)).isEmpty();
        assertThat(name).startsWith("bronze_s_").hasSize("bronze_s_".length() + table.length());
        // A template whose result starts badly is repaired too; an ordinary name is left as it is.
        assertThat(PathSegment.sanitize("n", table)).matches("[A-Za-z0-9_][A-Za-z0-9_.=-]*").doesNotContain("..");
        assertThat(PathSegment.sanitize("n", "dbo.Customers_2024=v1")).isEqualTo("dbo.Customers_2024=v1");
    }

    private static java.util.List<String> problems(String json) {
        try {
            JobConfigParser.parseJob(json, Map.<String, String>of()::get);
        } catch (JobConfigException e) {
            return e.problems();
        }
        throw new AssertionError("the job file was accepted: " + json);
    }

    private static java.util.List<String> workflowProblems(String json) {
        try {
            Workflow.parse(json, Map.<String, String>of()::get);
        } catch (JobConfigException e) {
            return e.problems();
        }
        throw new AssertionError("the workflow file was accepted: " + json);
    }
}

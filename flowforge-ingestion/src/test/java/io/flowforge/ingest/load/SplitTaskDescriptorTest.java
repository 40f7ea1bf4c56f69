package io.flowforge.ingest.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.IncrementalWindow;
import io.flowforge.connector.KeyRange;
import io.flowforge.connector.TableId;
import io.flowforge.connector.Watermark;
import io.flowforge.ingest.JobConfig;
import io.flowforge.ingest.JobConfigParser;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Task descriptors carry references to secrets, never their values; plans survive JSON. */
class SplitTaskDescriptorTest {

    @TempDir
    Path dir;

    private JobConfig job(String connection) {
        return JobConfigParser.parse("""
                {"job_id": "j", "source_config": {"type": "postgresql", "connection": %s,
                   "databaseConfig": {"tableName": "public.t", "splits": 4, "parallelism": 2}},
                 "destination_config": {"bronzeConfig": {"tableName": "b"},
                   "storage": {"type": "local", "path": "%s"}}}
                """.formatted(connection, dir), Map.of("FF_PW", "s3cr3t-from-env")::get);
    }

    private static LoadPlan plan() {
        TableId t = TableId.of("public", "t");
        return new LoadPlan("j", "B1", "b", t, "id",
                Optional.of(new IncrementalWindow(t, "v", Watermark.Type.INTEGER, Optional.of(Watermark.ofLong(3)), false,
                        Optional.of(Watermark.ofLong(9)), true)),
                List.of(new KeyRange("id", Watermark.Type.INTEGER, Optional.empty(), Optional.of(Watermark.ofLong(10)), true),
                        new KeyRange("id", Watermark.Type.INTEGER, Optional.of(Watermark.ofLong(10)), Optional.empty(), false)),
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void aPasswordFromTheEnvironmentTravelsAsTheVariablesName() {
        JobConfig job = job("{\"host\": \"db\", \"username\": \"u\", \"passwordEnv\": \"FF_PW\"}");
        assertThat(job.source().splitting()).isEqualTo(new JobConfig.Splitting(2, 4, Optional.empty()));
        String d = SplitTask.descriptor(job, plan(), 1, Map.of());
        assertThat(d).contains("\"passwordEnv\" : \"FF_PW\"").doesNotContain("s3cr3t-from-env");
    }

    @Test
    void anInlinePasswordTravelsAsAReferenceOnlyThisJvmResolves() {
        JobConfig job = job("{\"host\": \"db\", \"username\": \"u\", \"password\": \"inline-s3cr3t\"}");
        String d = SplitTask.descriptor(job, plan(), 0, Map.of());
        assertThat(d).contains("\"passwordRef\" : \"jvm:").doesNotContain("inline-s3cr3t");
    }

    @Test
    void aSecretInsideTheJdbcUrlIsRefused() {
        JobConfig job = job("{\"jdbcUrl\": \"jdbc:postgresql://db/x?user=u&password=url-s3cr3t\"}");
        assertThatThrownBy(() -> SplitTask.descriptor(job, plan(), 0, Map.of()))
                .hasMessageContaining("passwordEnv").hasMessageNotContaining("url-s3cr3t");
    }

    @Test
    void aMissingEnvironmentVariableWhereTheTaskRunsIsNamed() {
        JobConfig job = job("{\"host\": \"127.0.0.1\", \"port\": 1, \"username\": \"u\", \"passwordEnv\": \"FF_PW\"}");
        String d = SplitTask.descriptor(job, plan(), 0, Map.of());
        assertThatThrownBy(() -> SplitTask.execute(d, "a0-x", name -> null))
                .hasMessageContaining("FF_PW").hasMessageContaining("spark.executorEnv.FF_PW");
    }

    @Test
    void aPlanSurvivesJson() {
        assertThat(LoadPlan.fromJson(plan().toJson())).isEqualTo(plan());
    }
}

package io.flowforge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.bronze.parquet.StandaloneCodecFactory;
import io.flowforge.connector.TableId;
import io.flowforge.connector.UpperBoundStrategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class JobConfigParserTest {

    private static final String SEED_JOB = """
            {
              "job_id": "test_job",
              "batch_id": "test_batch_001",
              "source_config": {
                "type": "sql-server",
                "connection": {"host": "localhost", "port": 1433, "database": "BFSI_Test",
                               "username": "sa", "password": "FlowForge2024!"},
                "databaseConfig": {"tableName": "customers", "isIncremental": true, "deltaColumn": "modified_date"}
              },
              "destination_config": {"bronzeConfig": {"tableName": "bronze_customers", "storageFormat": "parquet"}}
            }
            """;

    @Test
    void readsTheSeedShape() {
        JobConfig job = JobConfigParser.parse(SEED_JOB);
        assertThat(job.jobId()).isEqualTo("test_job");
        assertThat(job.batchId()).contains("test_batch_001");
        assertThat(job.source().type()).isEqualTo("sql-server");
        assertThat(job.source().connection().port()).isEqualTo(1433);
        assertThat(job.source().connection().password().reveal()).isEqualTo("FlowForge2024!");
        assertThat(job.source().table()).contains(TableId.of(null, "customers"));
        assertThat(job.source().incremental()).isTrue();
        assertThat(job.source().deltaColumn()).contains("modified_date");
        assertThat(job.source().upperBound()).isEqualTo(UpperBoundStrategy.AUTO);
        assertThat(job.destination().bronzeTable()).isEqualTo("bronze_customers");
        assertThat(job.destination().compression()).isEqualTo("snappy");
        assertThat(job.destination().storage()).isEqualTo(new JobConfig.LocalStorage(Path.of("lake")));
        assertThat(job.toString()).doesNotContain("FlowForge2024!");
    }

    @Test
    void readsS3StorageWithTheSecretFromTheEnvironment() {
        String json = SEED_JOB.replace("\"storageFormat\": \"parquet\"}", "\"storageFormat\": \"parquet\"},"
                + "\"storage\": {\"type\": \"s3\", \"endpoint\": \"http://127.0.0.1:9000\", \"bucket\": \"flowforge-data\","
                + "\"accessKey\": \"minio\", \"secretKeyEnv\": \"S3_SECRET\"}")
                .replace("\"deltaColumn\": \"modified_date\"}", "\"deltaColumn\": \"modified_date\", \"lagSeconds\": 300, \"upperBound\": \"database_now\"}");
        JobConfig job = JobConfigParser.parse(json, Map.of("S3_SECRET", "minio-secret")::get);
        JobConfig.S3Storage s3 = (JobConfig.S3Storage) job.destination().storage();
        assertThat(s3.bucket()).isEqualTo("flowforge-data");
        assertThat(s3.secretKey().reveal()).isEqualTo("minio-secret");
        assertThat(s3.pathStyle()).isTrue();
        assertThat(s3.toString()).doesNotContain("minio-secret");
        assertThat(job.source().lag()).isEqualTo(Duration.ofMinutes(5));
        assertThat(job.source().upperBound()).isEqualTo(UpperBoundStrategy.DATABASE_NOW);
    }

    @Test
    void reportsEveryMistakeAtOnceByPath() {
        String json = """
                {
                  "jobId": "x",
                  "source_config": {
                    "type": "sql-server",
                    "connection": {"host": "localhost", "port": "1433", "pasword": "p"},
                    "databaseConfig": {"isIncremental": true, "batchSize": 0}
                  },
                  "destination_config": {"bronzeConfig": {"storageFormat": "csv", "compression": "lz4"},
                                         "storage": {"type": "ftp"}}
                }
                """;
        assertThatThrownBy(() -> JobConfigParser.parse(json))
                .isInstanceOf(JobConfigException.class)
                .satisfies(e -> assertThat(((JobConfigException) e).problems()).containsExactly(
                        "jobId: unknown key (did you mean job_id?)",
                        "job_id: required",
                        "source_config.connection.pasword: unknown key (did you mean password?)",
                        "source_config.connection.port: expected a whole number from 1 to 65535",
                        "source_config.databaseConfig.tableName: required (or give a query)",
                        "source_config.databaseConfig.deltaColumn: required when isIncremental is true",
                        "source_config.databaseConfig.batchSize: expected a whole number from 1 to 10000000",
                        "destination_config.bronzeConfig.tableName: required",
                        "destination_config.bronzeConfig.storageFormat: 'csv' is not supported; the bronze layer is written as parquet",
                        "destination_config.bronzeConfig.compression: 'lz4' is not one of gzip, snappy, uncompressed, zstd",
                        "destination_config.storage.type: 'ftp' is not one of local, s3"))
                .hasMessageStartingWith("The job file has 11 problems:\n- jobId: unknown key");
    }

    @Test
    void missingEnvironmentVariableIsNamed() {
        String json = SEED_JOB.replace("\"password\": \"FlowForge2024!\"", "\"passwordEnv\": \"BFSI_PASSWORD\"");
        assertThatThrownBy(() -> JobConfigParser.parse(json, k -> null))
                .isInstanceOf(JobConfigException.class)
                .hasMessage("The job file has 1 problem:\n- source_config.connection.passwordEnv: "
                        + "environment variable BFSI_PASSWORD is not set");
    }

    @Test
    void invalidJsonSaysWhere() {
        assertThatThrownBy(() -> JobConfigParser.parse("{\"job_id\": }"))
                .isInstanceOf(JobConfigException.class)
                .hasMessageStartingWith("The job file is not valid JSON:")
                .hasMessageContaining("line 1, column");
    }

    @Test
    void theCodecsTheReadmeNamesAreTheWritersOwn() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = Pattern.compile("\\(`compression`: ([^)]*)\\)").matcher(readme);
        assertThat(m.find()).as("README names the compression choices").isTrue();
        Set<String> named = new TreeSet<>(Arrays.asList(m.group(1).replace("`", "").split(",\\s*")));
        Set<String> supported = new TreeSet<>();
        StandaloneCodecFactory.SUPPORTED.forEach(c -> supported.add(c.name().toLowerCase(Locale.ROOT)));
        assertThat(named).isEqualTo(supported);
        for (String codec : supported) {
            assertThat(JobConfigParser.parse(SEED_JOB.replace("\"storageFormat\": \"parquet\"}",
                    "\"storageFormat\": \"parquet\", \"compression\": \"" + codec.toUpperCase(Locale.ROOT) + "\"}"))
                    .destination().compression()).isEqualTo(codec);
        }
    }
}

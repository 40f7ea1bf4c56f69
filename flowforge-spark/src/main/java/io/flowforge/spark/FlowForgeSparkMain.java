package io.flowforge.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.flowforge.ingest.IngestionResult;
import io.flowforge.ingest.JobConfig;
import io.flowforge.ingest.JobConfigParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * {@code spark-submit --class io.flowforge.spark.FlowForgeSparkMain flowforge-spark-all.jar job.json}:
 * parses the job file (secrets from environment variables named by {@code passwordEnv} and
 * {@code secretKeyEnv}), runs it on the session's cluster, prints the result as JSON. Exit code 0
 * on success, 1 when the run failed, 2 for a bad job file or arguments.
 */
public final class FlowForgeSparkMain {

    private FlowForgeSparkMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: spark-submit --class " + FlowForgeSparkMain.class.getName()
                    + " flowforge-spark-all.jar JOB_FILE.json");
            System.exit(2);
        }
        JobConfig job;
        try {
            job = JobConfigParser.parse(Files.readString(Path.of(args[0])));
        } catch (RuntimeException e) {
            System.err.println("flowforge: " + e.getMessage());
            System.exit(2);
            return;
        }
        SparkSession spark = SparkSession.builder().appName("FlowForge " + job.jobId()).getOrCreate();
        int code = 0;
        try {
            IngestionResult r = FlowForgeSpark.ingest(spark, job);
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            var n = json.createObjectNode();
            n.put("status", r.status());
            n.put("job_id", r.jobId());
            n.put("batch_id", r.batchId());
            n.put("bronze_table", r.bronzeTable());
            n.put("source_table", r.sourceTable());
            n.put("records_processed", r.recordsProcessed());
            n.put("bronze_file_path", r.bronzeFilePath().orElse(null));
            n.put("file_size_bytes", r.fileSizeBytes());
            n.put("message", r.message());
            System.out.println(json.writeValueAsString(n));
        } catch (RuntimeException e) {
            System.err.println("flowforge: job '" + job.jobId() + "' failed: " + e.getMessage());
            code = 1;
        } finally {
            spark.stop();
        }
        System.exit(code);
    }
}

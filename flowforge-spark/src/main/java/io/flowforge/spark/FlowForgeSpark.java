package io.flowforge.spark;

import io.flowforge.bronze.store.ObjectStore;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.ingest.BronzeIngestion;
import io.flowforge.ingest.IngestionResult;
import io.flowforge.ingest.JobConfig;
import io.flowforge.ingest.ObjectStores;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.spark.sql.SparkSession;

/**
 * FlowForge loads on Apache Spark. The driver does what a FlowForge run does everywhere (the job's
 * lease, schema check, window and plan, exactly-once state); the splits of the plan
 * ({@code splits} in the job file) run as Spark tasks, one Parquet part each, written by
 * FlowForge's encoder; the driver commits the batch's manifest and moves the state. A job with one
 * split runs on the driver alone, as without Spark.
 */
public final class FlowForgeSpark {

    private FlowForgeSpark() {}

    /** Runs one job with its splits on {@code spark}. */
    public static IngestionResult ingest(SparkSession spark, JobConfig job) {
        return ingest(spark, job, new SparkEngine(spark));
    }

    /** As {@link #ingest(SparkSession, JobConfig)} with a given engine (tests inject failing tasks). */
    public static IngestionResult ingest(SparkSession spark, JobConfig job, SparkEngine engine) {
        try (ObjectStore store = ObjectStores.open(job.destination().storage());
                DatabaseConnector connector = Connectors.open(job.source().type(), job.source().connection());
                BufferAllocator allocator = new RootAllocator()) {
            return new BronzeIngestion(store).withEngine(engine).run(job, connector, allocator);
        }
    }
}

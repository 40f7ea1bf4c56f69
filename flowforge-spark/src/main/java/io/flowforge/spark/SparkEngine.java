package io.flowforge.spark;

import static java.util.Objects.requireNonNull;

import io.flowforge.ingest.load.LoadEngine;
import io.flowforge.ingest.load.SplitTask;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a load's split tasks on Spark: the descriptors become an RDD of one partition per split,
 * each partition runs {@link SplitTask#execute} on an executor under an attempt id made of Spark's
 * stage attempt, task attempt id and a random suffix, and the small results come back to the
 * driver with {@code collect()}. Spark retries failed attempts ({@code spark.task.maxFailures})
 * and may run speculative copies; every attempt writes its own part, and the driver's commit keeps
 * one per split. The descriptors hold no secret values (see {@link SplitTask}).
 */
public final class SparkEngine implements LoadEngine {

    /** Runs one attempt of a task on an executor: descriptor and attempt id in, result JSON out. */
    @FunctionalInterface
    public interface Task extends Serializable {
        String run(String descriptor, String attempt);
    }

    private final SparkSession spark;
    private final Task task;

    public SparkEngine(SparkSession spark) {
        this(spark, SplitTask::execute);
    }

    /** With a task other than {@link SplitTask#execute} (tests inject failures with it). */
    public SparkEngine(SparkSession spark, Task task) {
        this.spark = requireNonNull(spark, "spark is null");
        this.task = requireNonNull(task, "task is null");
    }

    @Override
    public String name() {
        return "spark(" + spark.sparkContext().master() + ")";
    }

    @Override
    public List<String> run(List<String> taskDescriptors) {
        if (taskDescriptors.isEmpty()) {
            return List.of();
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        sc.setJobDescription("FlowForge: " + taskDescriptors.size() + " split tasks");
        try {
            return sc.parallelize(taskDescriptors, taskDescriptors.size()).map(new RunTask(task)).collect();
        } finally {
            sc.setJobDescription(null);
        }
    }

    private static final class RunTask implements Function<String, String> {
        private static final long serialVersionUID = 1L;
        private final Task task;

        RunTask(Task task) {
            this.task = task;
        }

        @Override
        public String call(String descriptor) {
            TaskContext ctx = TaskContext.get();
            String attempt = ctx == null ? SplitTask.newAttempt(0)
                    : SplitTask.newAttempt(ctx.attemptNumber()).replaceFirst("^a", "s" + ctx.stageAttemptNumber() + "t"
                            + ctx.taskAttemptId() + "a");
            return task.run(descriptor, attempt);
        }
    }
}

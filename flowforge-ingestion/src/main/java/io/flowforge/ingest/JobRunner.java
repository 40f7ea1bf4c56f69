package io.flowforge.ingest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.flowforge.bronze.store.ObjectStore;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.TableInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job file of one table or many ({@link JobSpec}) under the job's one lease: a multi-table
 * job resolves its names and patterns against the catalog, runs up to {@code maxParallelTables}
 * tables at once on one pooled connector (one pool per job), each table with its own state and
 * the run's one batch id; one table's failure does not stop the others. Every run's whole result
 * is written to the lake at {@value #RUNS_PREFIX}{job_id}/{batch_id}.json, so "what landed last
 * night" is answerable from the store alone.
 */
public final class JobRunner {

    /** Where run logs live inside the store. */
    public static final String RUNS_PREFIX = "_flowforge/runs/";

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectStore store;
    private final BronzeIngestion ingestion;
    private final Clock clock;
    private final Duration progressInterval;

    public JobRunner(ObjectStore store, Clock clock, Duration progressInterval, Duration leaseTtl) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.progressInterval = requireNonNull(progressInterval, "progressInterval is null");
        this.ingestion = new BronzeIngestion(store, clock, progressInterval, leaseTtl);
    }

    public JobRunner(ObjectStore store) {
        this(store, Clock.systemUTC(), Duration.ofSeconds(5), JobLease.DEFAULT_TTL);
    }

    /** Checks the job, opens its store, runs it and closes everything. */
    public static JobRunResult run(JobSpec job) {
        return run(job, IngestionControl.create());
    }

    /**
     * As {@link #run(JobSpec)}, reporting every table's progress to {@code control} and stopping
     * all tables when it is cancelled.
     *
     * @throws JobConfigException if the job cannot run as configured (nothing was touched)
     * @throws LeaseHeldException if another run of the job is running (nothing was touched)
     */
    public static JobRunResult run(JobSpec job, IngestionControl control) {
        JobValidation.check(job);
        JobConfig.Storage storage = job instanceof JobConfig j ? j.destination().storage() : ((MultiTableJob) job).storage();
        try (ObjectStore store = ObjectStores.open(storage); BufferAllocator allocator = new RootAllocator()) {
            return new JobRunner(store).run(job, control, allocator);
        }
    }

    /** Runs a job with a store and allocator the caller owns. */
    public JobRunResult run(JobSpec job, IngestionControl control, BufferAllocator allocator) {
        requireNonNull(job, "job is null");
        requireNonNull(control, "control is null");
        long start = System.nanoTime();
        JobRunResult result;
        try (JobLease lease = ingestion.acquireLease(job.jobId())) {
            if (job instanceof JobConfig single) {
                result = runSingle(single, control, allocator, lease, start);
            } else {
                result = runTables((MultiTableJob) job, control, allocator, lease, start);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Job '" + job.jobId() + "': the store failed: " + e.getMessage(), e);
        }
        return writeRunLog(job.jobId(), result);
    }

    private JobRunResult runSingle(JobConfig job, IngestionControl control, BufferAllocator allocator, JobLease lease,
            long start) {
        TableResult table;
        try (DatabaseConnector connector = Connectors.open(job.source().type(), job.source().connection())) {
            table = TableResult.of(ingestion.runUnderLease(job, connector, allocator, control, lease));
        } catch (RuntimeException e) {
            table = TableResult.failed(job.source().sourceName(), job.destination().bronzeTable(), e);
        }
        String batchId = table.result().map(IngestionResult::batchId).orElse(job.batchId().orElse(null));
        return new JobRunResult(job.jobId(), batchId, JobRunResult.statusOf(List.of(table), control.isCancelled()),
                List.of(table), (System.nanoTime() - start) / 1_000_000, java.util.Optional.empty());
    }

    private JobRunResult runTables(MultiTableJob multi, IngestionControl control, BufferAllocator allocator, JobLease lease,
            long start) {
        String batchId = multi.batchId().orElseGet(() -> BronzeIngestion.newBatchId(clock.instant()));
        MultiTableJob job = multi.withBatchId(batchId);
        // One pool per job: each running table holds a reading connection and, while it plans, a second one.
        try (DatabaseConnector connector = Connectors.openPooled(job.type(), job.connection(), 2 * job.maxParallelTables() + 1)) {
            List<TableInfo> catalog = connector.listTables();
            MultiTableJob.Expansion expansion = job.expand(catalog);
            List<TableResult> results = new ArrayList<>();
            for (MultiTableJob.TableProblem p : expansion.problems()) {
                results.add(TableResult.failed(p.table(), null, p.message()));
            }
            MultiTableProgress progress = new MultiTableProgress(job.jobId(), expansion.tables().size(), progressInterval);
            control.onProgress(progress);
            LOG.info("Job '{}': {} tables to land, {} at a time, batch {}", job.jobId(), expansion.tables().size(),
                    job.maxParallelTables(), batchId);
            results.addAll(runAll(expansion.tables(), job.maxParallelTables(), connector, control, allocator, lease));
            progress.finish();
            return new JobRunResult(job.jobId(), batchId, JobRunResult.statusOf(results, control.isCancelled()), results,
                    (System.nanoTime() - start) / 1_000_000, java.util.Optional.empty());
        }
    }

    private List<TableResult> runAll(List<JobConfig> tables, int parallel, DatabaseConnector connector,
            IngestionControl control, BufferAllocator allocator, JobLease lease) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, tables.size())), r -> {
            Thread t = new Thread(r, "flowforge-table-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<TableResult>> futures = new ArrayList<>();
            for (JobConfig table : tables) {
                futures.add(pool.submit(() -> runTable(table, connector, control, allocator, lease)));
            }
            List<TableResult> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    JobConfig t = tables.get(i);
                    results.add(TableResult.failed(t.source().sourceName(), t.destination().bronzeTable(),
                            String.valueOf(e.getCause().getMessage())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    control.cancel("interrupted");
                    throw new IllegalStateException("interrupted while tables were running", e);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private TableResult runTable(JobConfig table, DatabaseConnector connector, IngestionControl control,
            BufferAllocator allocator, JobLease lease) {
        String source = table.source().sourceName();
        if (control.isCancelled()) {
            return new TableResult(source, table.destination().bronzeTable(), IngestionResult.CANCELLED, java.util.Optional.empty(),
                    java.util.Optional.of("cancelled before it started: " + control.cancelReason()));
        }
        try {
            return TableResult.of(ingestion.runUnderLease(table, connector, allocator, control, lease));
        } catch (RuntimeException e) {
            LOG.error("Job '{}': table {} failed: {}", table.jobId(), source, e.getMessage());
            control.report(new IngestionProgress(table.jobId(), source, table.destination().bronzeTable(),
                    IngestionProgress.Phase.FAILED, 0, java.util.OptionalLong.empty(), Duration.ZERO));
            return TableResult.failed(source, table.destination().bronzeTable(), e);
        }
    }

    /** Writes the run's whole result to {@value #RUNS_PREFIX}{name}/{batch}.json; a failure to is logged, not fatal. */
    private JobRunResult writeRunLog(String name, JobRunResult result) {
        if (result.batchId() == null) {
            return result;
        }
        String key = RUNS_PREFIX + name + "/" + result.batchId() + ".json";
        JobRunResult logged = result.withRunLog(store.uri(key));
        try {
            store.put(key, JSON.writeValueAsBytes(logged.toMap()));
            return logged;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Job '{}': the run log {} could not be written: {}", name, store.uri(key), e.toString());
            return result;
        }
    }
}

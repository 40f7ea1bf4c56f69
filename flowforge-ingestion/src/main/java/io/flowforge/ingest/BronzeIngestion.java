package io.flowforge.ingest;

import static java.util.Objects.requireNonNull;

import io.flowforge.bronze.BronzeWriteResult;
import io.flowforge.bronze.BronzeWriter;
import io.flowforge.bronze.IngestionMetadata;
import io.flowforge.bronze.parquet.ParquetWriteOptions;
import io.flowforge.bronze.store.AbortFailedException;
import io.flowforge.bronze.store.ObjectStore;
import io.flowforge.bronze.store.OpenUpload;
import io.flowforge.bronze.store.PathSegment;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.IncrementalWindow;
import io.flowforge.connector.TableId;
import io.flowforge.connector.TableInfo;
import io.flowforge.connector.UpperBoundReport;
import io.flowforge.connector.arrow.ConversionCount;
import io.flowforge.connector.arrow.ConversionReport;
import io.flowforge.connector.arrow.RowCountReport;
import io.flowforge.ingest.load.LoadCommit;
import io.flowforge.ingest.load.LoadEngine;
import io.flowforge.ingest.load.LoadPlan;
import io.flowforge.ingest.load.SplitLoad;
import io.flowforge.ingest.load.ThreadPoolEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's {@code ingest_from_database}: reads a table (all of it, or the rows after its
 * watermark) through a connector and lands it as one bronze Parquet object, moving the watermark
 * only after the object is committed.
 *
 * <p>Every run holds the job's {@link JobLease} from start to end, so two runs of one job never
 * overlap: the second fails fast with {@link LeaseHeldException}. Under the lease a run first
 * removes what killed runs left (staging files, open multipart uploads of the table's objects
 * started before the lease was taken).
 *
 * <p>Commit protocol for incremental jobs, per (job, source table), with the state kept as JSON in
 * the same store as the data ({@value #STATE_PREFIX}{job}/{table}.json), every write of it
 * conditional on the version the run read:
 * <ol>
 *   <li>fix the window (bounds taken now) and save it as <em>pending</em> with the batch id;</li>
 *   <li>read the window and write {@code bronze/{table}/{batch}.parquet} atomically;</li>
 *   <li>save the window's end as the new position and clear <em>pending</em>.</li>
 * </ol>
 * A run that finds a pending window finishes it first: if its object exists it only commits the
 * state, otherwise it reads the same window again under the same batch id. So a run that dies at
 * any point is repaired by the next one without losing or repeating rows.
 */
public final class BronzeIngestion {

    /** Where watermark state lives inside the store. */
    public static final String STATE_PREFIX = "_flowforge/state/";

    private static final Logger LOG = LoggerFactory.getLogger(BronzeIngestion.class);
    private static final DateTimeFormatter BATCH_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ObjectStore store;
    private final Clock clock;
    private final Duration progressInterval;
    private final Duration leaseTtl;
    private final LoadEngine engine;

    public BronzeIngestion(ObjectStore store) {
        this(store, Clock.systemUTC(), Duration.ofSeconds(5));
    }

    public BronzeIngestion(ObjectStore store, Clock clock, Duration progressInterval) {
        this(store, clock, progressInterval, JobLease.DEFAULT_TTL);
    }

    /** With a lease time to live other than {@link JobLease#DEFAULT_TTL}. */
    public BronzeIngestion(ObjectStore store, Clock clock, Duration progressInterval, Duration leaseTtl) {
        this(store, clock, progressInterval, leaseTtl, null);
    }

    private BronzeIngestion(ObjectStore store, Clock clock, Duration progressInterval, Duration leaseTtl, LoadEngine engine) {
        this.engine = engine;
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.progressInterval = requireNonNull(progressInterval, "progressInterval is null");
        this.leaseTtl = requireNonNull(leaseTtl, "leaseTtl is null");
    }

    /**
     * This ingestion with split loads ({@code splits > 1}) run on {@code engine} rather than on a
     * thread pool of the job's {@code parallelism}: how flowforge-spark runs a job on a cluster.
     */
    public BronzeIngestion withEngine(LoadEngine engine) {
        return new BronzeIngestion(store, clock, progressInterval, leaseTtl, requireNonNull(engine, "engine is null"));
    }

    private LoadEngine engineFor(JobConfig job) {
        return engine != null ? engine : new ThreadPoolEngine(job.source().splitting().parallelism());
    }

    /**
     * Runs a job end to end: checks it ({@link JobValidation}), opens its store and connector,
     * ingests, and closes them. This is the plan's
     * {@code ingest_from_database(job_id, source_config, destination_config, batch_id)}.
     *
     * @throws JobConfigException if the job cannot run as configured (nothing was touched)
     * @throws LeaseHeldException if another run of the job is running (nothing was touched)
     */
    public static IngestionResult ingestFromDatabase(JobConfig job) {
        return ingestFromDatabase(job, IngestionControl.create());
    }

    /** As {@link #ingestFromDatabase(JobConfig)}, reporting progress to and cancellable through {@code control}. */
    public static IngestionResult ingestFromDatabase(JobConfig job, IngestionControl control) {
        JobRunResult run = JobRunner.run(job, control);
        TableResult table = run.tables().get(0);
        if (table.failure().isPresent()) {
            throw table.failure().get();
        }
        return table.result().orElseThrow(() -> new IllegalStateException(table.error().orElse("the run failed")));
    }

    /** Runs a job with a connector and allocator the caller owns. */
    public IngestionResult run(JobConfig job, DatabaseConnector connector, BufferAllocator allocator) {
        return run(job, connector, allocator, IngestionControl.create());
    }

    /**
     * Runs a job with a connector and allocator the caller owns, reporting progress to
     * {@code control}; a cancelled run returns a result with status {@value IngestionResult#CANCELLED}.
     *
     * @throws LeaseHeldException if another run of the job is running
     */
    public IngestionResult run(JobConfig job, DatabaseConnector connector, BufferAllocator allocator,
            IngestionControl control) {
        requireNonNull(job, "job is null");
        requireNonNull(control, "control is null");
        if (control.isCancelled()) {
            return IngestionResult.cancelled(job.jobId(), job.batchId().orElse(null), job.destination().bronzeTable(),
                    job.source().sourceName(), 0, control.cancelReason());
        }
        // runUnderLease decides what a cancel stopped; a failure it throws is a failure even if a cancel
        // came in meanwhile (a cancel during the commit does not stop it, so the commit's own failure
        // is the run's answer, with any upload it could not abort named in the exception).
        try (JobLease lease = acquireLease(job.jobId())) {
            return runUnderLease(job, connector, allocator, control, lease);
        } catch (IOException e) {
            throw new UncheckedIOException("Job '" + job.jobId() + "': the store failed: " + e.getMessage(), e);
        }
    }

    /** Takes the job's lease in this ingestion's store (see {@link JobLease}). */
    JobLease acquireLease(String jobId) throws IOException {
        return JobLease.acquire(store, jobId, leaseTtl, clock);
    }

    /**
     * Runs one table of a job under a lease the caller holds (a multi-table run holds one lease for
     * all its tables): reaps what killed runs left for the table, then loads it, reporting progress
     * and a final {@link IngestionProgress.Phase#DONE} to {@code control}.
     */
    IngestionResult runUnderLease(JobConfig job, DatabaseConnector connector, BufferAllocator allocator,
            IngestionControl control, JobLease lease) {
        requireNonNull(job, "job is null");
        requireNonNull(connector, "connector is null");
        requireNonNull(allocator, "allocator is null");
        requireNonNull(control, "control is null");
        requireNonNull(lease, "lease is null");
        long start = System.nanoTime();
        RunCancellation cancellation = new RunCancellation(control);
        try {
            control.throwIfCancelled();
            List<String> reaped = reap(job, lease);
            cancellation.reaped(reaped);
            Optional<SchemaGate.Decision> schema = Optional.empty();
            if (job.source().table().isPresent()) {
                // The schema is checked before any row is read; a change the policy refuses stops here.
                if (job.batchId().isEmpty()) {
                    job = new JobConfig(job.jobId(), Optional.of(newBatchId(clock.instant())), job.source(), job.destination());
                }
                SchemaGate.Decision d = SchemaGate.check(store, job, connector, job.batchId().get(), clock.instant());
                if (d.columns().isPresent()) {
                    job = new JobConfig(job.jobId(), job.batchId(), job.source().withColumns(d.columns().get()), job.destination());
                }
                schema = Optional.of(d);
            }
            IngestionResult r = job.source().incremental()
                    ? incremental(job, connector, allocator, cancellation, lease, reaped, start, schema)
                    : full(job, connector, allocator, cancellation, lease, reaped, start, schema);
            if (schema.isPresent()) {
                r = r.withSchema(SchemaReport.of(schema.get()));
            }
            control.report(new IngestionProgress(job.jobId(), job.source().sourceName(), job.destination().bronzeTable(),
                    IngestionProgress.Phase.DONE, r.recordsProcessed(), OptionalLong.empty(),
                    Duration.ofNanos(System.nanoTime() - start), r.fileSizeBytes()));
            return r;
        } catch (RuntimeException e) {
            if (e instanceof LeaseHeldException || !cancellation.stoppedByCancel()) {
                throw e;
            }
            return cancelled(job, cancellation, e, start);
        } catch (IOException e) {
            if (cancellation.stoppedByCancel()) {
                return cancelled(job, cancellation, e, start);
            }
            throw new UncheckedIOException("Job '" + job.jobId() + "': the store failed: " + e.getMessage(), e);
        }
    }

    /**
     * The result of a run stopped by its control. The cancellation surfaces wrapped by whichever
     * layer was running (the writer, the reader thread, a cancelled statement); an abort that could
     * not reach the store is attached to it and reported as an open upload.
     */
    private static IngestionResult cancelled(JobConfig job, RunCancellation cancellation, Exception stop, long start) {
        long ms = (System.nanoTime() - start) / 1_000_000;
        List<OpenUpload> open = AbortFailedException.openUploadsIn(stop);
        LOG.warn("Job '{}': cancelled ({}) after {} ms; {}", job.jobId(), cancellation.control().cancelReason(), ms,
                open.isEmpty() ? "nothing is left half-written" : open.size() + " upload(s) could not be aborted: " + open);
        return IngestionResult.cancelled(job.jobId(), cancellation.batchId(job.batchId().orElse(null)),
                job.destination().bronzeTable(), job.source().sourceName(), ms, cancellation.control().cancelReason(),
                cancellation.reaped(), cancellation.committedObjects(), open);
    }

    ObjectStore store() {
        return store;
    }

    /** Removes what earlier, killed runs of this job's table left in the store; logs and returns each item. */
    private List<String> reap(JobConfig job, JobLease lease) throws IOException {
        List<String> reaped = new ArrayList<>(store.reapAbandonedWrites(
                "bronze/" + job.destination().bronzeTable() + "/", lease.acquiredAt()));
        for (String r : reaped) {
            LOG.warn("Job '{}': removed {}", job.jobId(), r);
        }
        return reaped;
    }

    private IngestionResult full(JobConfig job, DatabaseConnector connector, BufferAllocator allocator,
            RunCancellation cancellation, JobLease lease, List<String> reaped, long start, Optional<SchemaGate.Decision> schema)
            throws IOException {
        Instant now = clock.instant();
        String batchId = job.batchId().orElseGet(() -> newBatchId(now));
        requireNewBatch(store, job, batchId);
        JobConfig.Source src = job.source();
        if (src.splitting().split() && src.table().isPresent()) {
            reaped = new ArrayList<>(reaped);
            reaped.addAll(SplitLoad.removeUnfinishedFullLoads(store, job.jobId(), src.table().get()));
            LoadPlan plan = SplitLoad.plan(connector, job, batchId, now, Optional.empty());
            if (plan.splits() > 1) {
                long planned = System.nanoTime();
                Written w = writeSplits(job, plan, cancellation, lease, schema);
                long done = System.nanoTime();
                return new IngestionResult(IngestionResult.SUCCESS, job.jobId(), batchId, job.destination().bronzeTable(),
                        src.sourceName(), w.rows(), w.uri(), w.bytes(), Optional.empty(), Optional.empty(), Optional.empty(),
                        (planned - start) / 1_000_000, (done - planned) / 1_000_000, (done - start) / 1_000_000,
                        String.format("wrote %,d rows in %d parts, listed by %s", w.rows(), plan.splits(), w.uri().orElseThrow()),
                        Optional.empty(), reaped, w.conversions(), w.reconciliation(), Optional.empty(), List.of());
            }
        }
        ArrowReader reader = src.table().isPresent()
                ? connector.readTable(src.table().get(), src.readOptions(), allocator)
                : connector.readQuery(src.query().get(), src.readOptions(), allocator);
        long planned = System.nanoTime();
        // A full load always writes its object, even for an empty table: the table's schema reaches bronze.
        Written w = write(job, batchId, now, reader, expectedRows(connector, src.table()), allocator, cancellation, lease, false,
                schema);
        long done = System.nanoTime();
        String message = w.rows() > 0 ? String.format("wrote %,d rows to %s", w.rows(), w.uri().orElseThrow())
                : "the source is empty: wrote its schema as a file with no rows to " + w.uri().orElseThrow();
        return new IngestionResult(IngestionResult.SUCCESS, job.jobId(), batchId, job.destination().bronzeTable(),
                src.sourceName(), w.rows(), w.uri(), w.bytes(), Optional.empty(), Optional.empty(), Optional.empty(),
                (planned - start) / 1_000_000, (done - planned) / 1_000_000, (done - start) / 1_000_000, message,
                Optional.empty(), reaped, w.conversions(), w.reconciliation(), Optional.empty(), List.of());
    }

    private IngestionResult incremental(JobConfig job, DatabaseConnector connector, BufferAllocator allocator,
            RunCancellation cancellation, JobLease lease, List<String> reaped, long start, Optional<SchemaGate.Decision> schema)
            throws IOException {
        JobConfig.Source src = job.source();
        IncrementalRun.Outcome o = new IncrementalRun(store, clock, job, connector, lease,
                // The estimate of a first window (no lower bound) is the table's; a later window's rows
                // are known only from the read's own count (reconcileCounts, on by default).
                (batchId, time, window) -> {
                    if (src.splitting().split()) {
                        Optional<LoadPlan> stored = SplitLoad.storedPlan(store, job.jobId(), src.table().get(), batchId);
                        LoadPlan plan = stored.isPresent() ? stored.get()
                                : SplitLoad.plan(connector, job, batchId, time, Optional.of(window));
                        if (plan.splits() > 1) {
                            return writeSplits(job, plan, cancellation, lease, schema);
                        }
                    }
                    return write(job, batchId, time, connector.readWindow(window, src.readOptions(), allocator),
                            window.lower().isEmpty() ? expectedRows(connector, Optional.of(window.table())) : OptionalLong.empty(),
                            allocator, cancellation, lease, true, schema);
                },
                schema.map(SchemaGate.Decision::reload).orElse(false)).run();
        long done = System.nanoTime();
        Optional<UpperBoundReport> bound = o.window().map(IncrementalWindow::report);
        if (o.onlyRecovered()) {
            IngestionResult.RecoveredBatch rb = o.recovered().orElseThrow();
            return new IngestionResult(IngestionResult.SUCCESS, job.jobId(), o.batchId(), job.destination().bronzeTable(),
                    src.sourceName(), rb.rows(), rb.filePath(), rb.fileSizeBytes(), Optional.empty(), o.after(),
                    o.recovered(), 0, 0, (done - start) / 1_000_000,
                    "completed the unfinished batch " + o.batchId() + "; no new window was read", bound, reaped,
                    o.conversions(), o.reconciliation(), Optional.empty(), List.of());
        }
        Written w = o.written();
        long recoveredRows = o.recovered().map(IngestionResult.RecoveredBatch::rows).orElse(0L);
        // A run that only completed an earlier batch still reports what it wrote, as success.
        String status = w.rows() + recoveredRows > 0 ? IngestionResult.SUCCESS : IngestionResult.NO_NEW_DATA;
        String message = w.rows() > 0
                ? String.format("wrote %,d rows to %s", w.rows(), w.uri().orElseThrow())
                : o.window().map(win -> win.isEmpty() && !win.report().observations().isEmpty()
                        ? "no rows are safe to read yet (" + win.report().guard() + "); no file written"
                        : "no new rows in this run's window; no file written for it").orElseThrow();
        if (o.recovered().isPresent()) {
            IngestionResult.RecoveredBatch rb = o.recovered().get();
            message += rb.rows() > 0
                    ? String.format("; first completed the unfinished batch %s: %,d rows to %s", rb.batchId(), rb.rows(),
                            rb.filePath().orElseThrow())
                    : "; first committed the state of the unfinished batch " + rb.batchId()
                            + rb.filePath().map(f -> ", whose object " + f + " already existed").orElse(" (its window held no rows)");
        }
        Optional<String> uri = w.uri().isPresent() ? w.uri() : o.recovered().flatMap(IngestionResult.RecoveredBatch::filePath);
        return new IngestionResult(status, job.jobId(), o.batchId(), job.destination().bronzeTable(), src.sourceName(),
                w.rows() + recoveredRows, uri, w.bytes() + o.recovered().map(IngestionResult.RecoveredBatch::fileSizeBytes).orElse(0L),
                o.before(), o.after(), o.recovered(), o.planNanos() / 1_000_000,
                (done - start - o.planNanos()) / 1_000_000, (done - start) / 1_000_000, message, bound, reaped,
                o.conversions(), o.reconciliation(), Optional.empty(), List.of());
    }

    /**
     * Writes a planned batch as one part per split on the engine and commits its manifest. A
     * cancel stops the run before the tasks start or before the commit; tasks already running
     * finish, and their parts are reused by the next run of an incremental job.
     */
    private Written writeSplits(JobConfig job, LoadPlan plan, RunCancellation cancellation, JobLease lease,
            Optional<SchemaGate.Decision> schema) throws IOException {
        java.util.Map<String, String> props = new java.util.LinkedHashMap<>();
        schema.ifPresent(d -> {
            props.put("flowforge.schema_version", Integer.toString(d.version()));
            props.put("flowforge.schema_fingerprint", d.fingerprint());
        });
        cancellation.control().throwIfCancelled();
        SplitLoad.Outcome o = SplitLoad.run(store, job, plan, engineFor(job), props, () -> {
            cancellation.control().throwIfCancelled();
            lease.checkHeld();
        });
        cancellation.committed(o.committed().manifestUri());
        return new Written(o.committed().rows(), Optional.of(o.committed().manifestUri()), o.committed().bytes(), List.of(),
                Optional.of(splitReconciliation(job.source().readOptions().countRows(), o.committed())));
    }

    /**
     * A split load's rows against its source's count: each task compared its part with its range's
     * count in its own read's snapshot and failed on a difference, so the committed parts either all
     * carry a matching count (matched, the counts summed) or some could not be counted (not
     * reconciled, and why).
     */
    static Reconciliation splitReconciliation(boolean asked, LoadCommit.Committed committed) {
        long rows = committed.rows();
        if (!asked) {
            return new Reconciliation(Reconciliation.NOT_RECONCILED, OptionalLong.empty(), rows,
                    "counting is off (reconcileCounts: false)");
        }
        List<Integer> uncounted = committed.parts().stream().filter(p -> p.sourceRows().isEmpty())
                .map(io.flowforge.ingest.load.SplitResult::split).sorted().toList();
        if (!uncounted.isEmpty()) {
            return new Reconciliation(Reconciliation.NOT_RECONCILED, OptionalLong.empty(), rows, "the parts of splits "
                    + uncounted + " carry no count (read without a snapshot to count in, or written by an earlier version)");
        }
        long counted = committed.parts().stream().mapToLong(p -> p.sourceRows().getAsLong()).sum();
        return new Reconciliation(Reconciliation.MATCHED, OptionalLong.of(counted), rows, "each of the "
                + committed.parts().size() + " parts against its key range's COUNT(*) in its own read's snapshot");
    }

    /** Writes the reader's rows as the batch's object; with {@code skipIfEmpty}, a reader with no rows leaves no object. */
    private Written write(JobConfig job, String batchId, Instant ingestionTime, ArrowReader source,
            OptionalLong expectedRows, BufferAllocator allocator, RunCancellation cancellation, JobLease lease,
            boolean skipIfEmpty, Optional<SchemaGate.Decision> schema) throws IOException {
        JobConfig.Source src = job.source();
        IngestionMetadata meta = IngestionMetadata.of(job.destination().bronzeTable(), batchId, src.type(),
                src.sourceName(), ingestionTime);
        if (schema.isPresent()) {
            meta = meta.withProperties(java.util.Map.of("flowforge.schema_version", Integer.toString(schema.get().version()),
                    "flowforge.schema_fingerprint", schema.get().fingerprint()));
        }
        ParquetWriteOptions options = ParquetWriteOptions.defaults()
                .withCodec(CompressionCodecName.valueOf(job.destination().compression().toUpperCase(Locale.ROOT)));
        // The source is read ahead on its own thread, so the database read overlaps Parquet encoding and upload.
        ArrowReader prefetched;
        try {
            // From here a cancel also cancels the source's statement, which may be waiting for the database.
            cancellation.startWrite(batchId, source);
            prefetched = PrefetchingArrowReader.start(source, allocator, job.jobId());
        } catch (RuntimeException e) {
            cancellation.endRead();
            source.close();
            throw e;
        }
        // The rows the read counted in its own snapshot, when it did, are exact: they beat any estimate.
        OptionalLong counted = RowCountReport.of(source).rows();
        if (counted.isPresent()) {
            expectedRows = counted;
        } else if (expectedRows.isEmpty()) {
            LOG.info("Job '{}' {}: no row count or estimate for this read, so progress shows no percentage{}", job.jobId(),
                    src.sourceName(), skipIfEmpty ? " (reconcileCounts: true counts a window's rows before reading)" : "");
        }
        IngestionProgress template = new IngestionProgress(job.jobId(), src.sourceName(), job.destination().bronzeTable(),
                IngestionProgress.Phase.READING, 0, expectedRows, Duration.ZERO);
        boolean asked = src.readOptions().countRows();
        Reconciliation[] reconciled = new Reconciliation[1];
        WriteTrackingStore tracked = new WriteTrackingStore(store);
        try (ProgressReader reader = new ProgressReader(allocator, prefetched, cancellation.control(), template,
                "Job '" + job.jobId() + "' " + src.sourceName(), progressInterval.toNanos(), System::nanoTime,
                tracked::bytesWritten)) {
            lease.checkHeld();
            // Checked at the last moment before the object becomes visible: a lost lease, counts that
            // differ or a cancel abort it; past this point a cancel lets the commit finish.
            Runnable beforeCommit = () -> {
                lease.checkHeld();
                reconciled[0] = Reconciliation.check(src.sourceName(), RowCountReport.of(prefetched), reader.rows(), asked);
                cancellation.enterCommit();
            };
            BronzeWriteResult r = new BronzeWriter(tracked, options).write(reader, meta, skipIfEmpty, beforeCommit);
            List<ConversionCount> conversions = ConversionReport.of(prefetched);
            if (BronzeWriteResult.EMPTY.equals(r.status())) {
                Reconciliation empty = Reconciliation.check(src.sourceName(), RowCountReport.of(prefetched), 0, asked);
                return new Written(0, Optional.empty(), 0, conversions, Optional.of(empty));
            }
            cancellation.committed(r.bronzeFilePath());
            return new Written(r.recordsProcessed(), Optional.of(r.bronzeFilePath()), r.bytesWritten(), conversions,
                    Optional.ofNullable(reconciled[0]));
        } finally {
            cancellation.endRead();
        }
    }

    /**
     * Rows, object and size of one write, the values the read changed by a documented lossy
     * conversion, and the rows compared with the source's count.
     */
    record Written(long rows, Optional<String> uri, long bytes, List<ConversionCount> conversions,
            Optional<Reconciliation> reconciliation) {
        static final Written NONE = new Written(0, Optional.empty(), 0, List.of(), Optional.empty());
    }

    static void requireNewBatch(ObjectStore store, JobConfig job, String batchId) throws IOException {
        String key = BronzeWriter.objectKey(job.destination().bronzeTable(), batchId);
        if (!store.exists(key)) {
            key = BronzeWriter.manifestKey(job.destination().bronzeTable(), batchId);
        }
        if (store.exists(key)) {
            throw new IllegalStateException("Batch '" + batchId + "' of bronze table '" + job.destination().bronzeTable()
                    + "' already exists at " + store.uri(key)
                    + ": a batch id names one run. Leave batch_id out to generate a new one.");
        }
    }

    private static OptionalLong expectedRows(DatabaseConnector connector, Optional<TableId> table) {
        if (table.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return connector.tableInfo(table.get()).map(TableInfo::approximateRowCount).orElse(OptionalLong.empty());
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The key of a job's state for one source table. The table's name is made safe as one path
     * segment ({@link PathSegment#encode}); ordinary names are unchanged.
     */
    public static String stateKey(String jobId, TableId table) {
        return STATE_PREFIX + jobId + "/" + PathSegment.encode(table.qualifiedName()) + ".json";
    }

    /** The state saved for a job and table, if any. */
    public Optional<WatermarkState> loadState(String key) throws IOException {
        return store.get(key).map(b -> WatermarkStateCodec.decode(b, store.uri(key)));
    }

    static String newBatchId(Instant now) {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return BATCH_TIME.format(now) + "-" + HexFormat.of().formatHex(b);
    }
}

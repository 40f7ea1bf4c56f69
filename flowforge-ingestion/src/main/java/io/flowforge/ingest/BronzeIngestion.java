package io.flowforge.ingest;

import static java.util.Objects.requireNonNull;

import io.flowforge.bronze.BronzeWriteResult;
import io.flowforge.bronze.BronzeWriter;
import io.flowforge.bronze.IngestionMetadata;
import io.flowforge.bronze.parquet.ParquetWriteOptions;
import io.flowforge.bronze.store.ObjectStore;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.IncrementalRequest;
import io.flowforge.connector.IncrementalWindow;
import io.flowforge.connector.TableId;
import io.flowforge.connector.TableInfo;
import io.flowforge.connector.WatermarkPosition;
import io.flowforge.connector.arrow.PrefetchingArrowReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
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
 * <p>Commit protocol for incremental jobs, per (job, source table), with the state kept as JSON in
 * the same store as the data ({@value #STATE_PREFIX}{job}/{table}.json):
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

    public BronzeIngestion(ObjectStore store) {
        this(store, Clock.systemUTC(), Duration.ofSeconds(5));
    }

    public BronzeIngestion(ObjectStore store, Clock clock, Duration progressInterval) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.progressInterval = requireNonNull(progressInterval, "progressInterval is null");
    }

    /**
     * Runs a job end to end: opens its store and connector, ingests, and closes them. This is the
     * plan's {@code ingest_from_database(job_id, source_config, destination_config, batch_id)}.
     */
    public static IngestionResult ingestFromDatabase(JobConfig job) {
        return ingestFromDatabase(job, IngestionControl.create());
    }

    /** As {@link #ingestFromDatabase(JobConfig)}, reporting progress to and cancellable through {@code control}. */
    public static IngestionResult ingestFromDatabase(JobConfig job, IngestionControl control) {
        try (ObjectStore store = ObjectStores.open(job.destination().storage());
                DatabaseConnector connector = Connectors.open(job.source().type(), job.source().connection());
                BufferAllocator allocator = new RootAllocator()) {
            return new BronzeIngestion(store).run(job, connector, allocator, control);
        }
    }

    /** Runs a job with a connector and allocator the caller owns. */
    public IngestionResult run(JobConfig job, DatabaseConnector connector, BufferAllocator allocator) {
        return run(job, connector, allocator, IngestionControl.create());
    }

    /**
     * Runs a job with a connector and allocator the caller owns, reporting progress to
     * {@code control}; a cancelled run returns a result with status {@value IngestionResult#CANCELLED}.
     */
    public IngestionResult run(JobConfig job, DatabaseConnector connector, BufferAllocator allocator,
            IngestionControl control) {
        requireNonNull(job, "job is null");
        requireNonNull(connector, "connector is null");
        requireNonNull(allocator, "allocator is null");
        requireNonNull(control, "control is null");
        long start = System.nanoTime();
        try {
            control.throwIfCancelled();
            return job.source().incremental()
                    ? incremental(job, connector, allocator, control)
                    : full(job, connector, allocator, control);
        } catch (RuntimeException e) {
            if (!control.isCancelled()) {
                throw e;
            }
            // The cancellation surfaces wrapped by whichever layer was running (the writer, the reader thread).
            long ms = (System.nanoTime() - start) / 1_000_000;
            return new IngestionResult(IngestionResult.CANCELLED, job.jobId(), job.batchId().orElse(null),
                    job.destination().bronzeTable(), job.source().sourceName(), 0, Optional.empty(), 0,
                    Optional.empty(), Optional.empty(), Optional.empty(), 0, ms, ms,
                    "cancelled: " + control.cancelReason()
                            + "; nothing was committed by this run (a pending window is finished by the next run)");
        } catch (IOException e) {
            throw new UncheckedIOException("Job '" + job.jobId() + "': the store failed: " + e.getMessage(), e);
        }
    }

    private IngestionResult full(JobConfig job, DatabaseConnector connector, BufferAllocator allocator,
            IngestionControl control) throws IOException {
        long start = System.nanoTime();
        Instant now = clock.instant();
        String batchId = job.batchId().orElseGet(() -> newBatchId(now));
        requireNewBatch(job, batchId);
        JobConfig.Source src = job.source();
        ArrowReader reader = src.table().isPresent()
                ? connector.readTable(src.table().get(), src.readOptions(), allocator)
                : connector.readQuery(src.query().get(), src.readOptions(), allocator);
        long planned = System.nanoTime();
        Written w = write(job, batchId, now, reader, expectedRows(connector, src.table()), allocator, control);
        long done = System.nanoTime();
        return result(job, batchId, w, Optional.empty(), Optional.empty(), Optional.empty(), start, planned, done);
    }

    private IngestionResult incremental(JobConfig job, DatabaseConnector connector, BufferAllocator allocator,
            IngestionControl control) throws IOException {
        long start = System.nanoTime();
        JobConfig.Source src = job.source();
        TableId table = src.table().orElseThrow();
        String delta = src.deltaColumn().orElseThrow();
        String stateKey = stateKey(job.jobId(), table);
        WatermarkState state = loadState(stateKey).orElseGet(() -> WatermarkState.initial(job.jobId(), table.qualifiedName(), delta));
        if (!state.deltaColumn().equals(delta)) {
            throw new IllegalStateException("Job '" + job.jobId() + "' tracks " + table + " by column '" + state.deltaColumn()
                    + "' in " + store.uri(stateKey) + ", but the job now names '" + delta
                    + "'. Use a new job id for the new column, or delete that state file to start over with a full load.");
        }

        Optional<IngestionResult.RecoveredBatch> recovered = Optional.empty();
        if (state.pending().isPresent()) {
            WatermarkState.Pending p = state.pending().get();
            String key = BronzeWriter.objectKey(job.destination().bronzeTable(), p.batchId());
            if (store.exists(key)) {
                LOG.warn("Job '{}': batch {} was written but its watermark was not saved; saving it now", job.jobId(), p.batchId());
                state = state.committed(p.window().nextPosition(), p.batchId(), clock.instant());
                recovered = Optional.of(new IngestionResult.RecoveredBatch(p.batchId(), 0, Optional.of(store.uri(key)), 0));
            } else {
                LOG.warn("Job '{}': batch {} did not finish; reading its window again", job.jobId(), p.batchId());
                Written w = write(job, p.batchId(), p.startedAt(),
                        connector.readWindow(p.window(), src.readOptions(), allocator), OptionalLong.empty(), allocator, control);
                state = state.committed(w.rows() > 0 ? p.window().nextPosition() : state.position(), p.batchId(), clock.instant());
                recovered = Optional.of(new IngestionResult.RecoveredBatch(p.batchId(), w.rows(), w.uri(), w.bytes()));
            }
            saveState(stateKey, state);
            if (job.batchId().isPresent() && job.batchId().get().equals(p.batchId())) {
                long end = System.nanoTime();
                IngestionResult.RecoveredBatch rb = recovered.get();
                return new IngestionResult(IngestionResult.SUCCESS, job.jobId(), p.batchId(), job.destination().bronzeTable(),
                        table.qualifiedName(), rb.rows(), rb.filePath(), rb.fileSizeBytes(), Optional.empty(), state.position(),
                        recovered, 0, 0, (end - start) / 1_000_000,
                        "completed the unfinished batch " + p.batchId() + "; no new window was read");
            }
        }

        Optional<WatermarkPosition> before = state.position();
        IncrementalRequest request = new IncrementalRequest(table, delta, before.orElse(null), src.upperBound(), src.lag());
        IncrementalWindow window = connector.planIncremental(request);
        long planned = System.nanoTime();
        Instant now = clock.instant();
        String batchId = job.batchId().orElseGet(() -> newBatchId(now));
        if (window.isEmpty()) {
            return result(job, batchId, Written.NONE, before, before, recovered, start, planned, System.nanoTime());
        }
        requireNewBatch(job, batchId);
        saveState(stateKey, state.withPending(new WatermarkState.Pending(batchId, now, window)));
        Written w = write(job, batchId, now, connector.readWindow(window, src.readOptions(), allocator),
                OptionalLong.empty(), allocator, control);
        // A window that held no rows leaves the position where it was: nothing below the old
        // position was read, so late rows there are still picked up next time.
        Optional<WatermarkPosition> after = w.rows() > 0 ? window.nextPosition() : before;
        saveState(stateKey, state.committed(after, batchId, clock.instant()));
        return result(job, batchId, w, before, after, recovered, start, planned, System.nanoTime());
    }

    /** Writes the reader's rows as the batch's object; a reader with no rows leaves no object. */
    private Written write(JobConfig job, String batchId, Instant ingestionTime, ArrowReader source,
            OptionalLong expectedRows, BufferAllocator allocator, IngestionControl control) throws IOException {
        JobConfig.Source src = job.source();
        IngestionMetadata meta = IngestionMetadata.of(job.destination().bronzeTable(), batchId, src.type(),
                src.sourceName(), ingestionTime);
        ParquetWriteOptions options = ParquetWriteOptions.defaults()
                .withCodec(CompressionCodecName.valueOf(job.destination().compression().toUpperCase(Locale.ROOT)));
        // The source is read ahead on its own thread, so the database read overlaps Parquet encoding and upload.
        ArrowReader prefetched;
        try {
            prefetched = PrefetchingArrowReader.start(source, allocator, job.jobId());
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        IngestionProgress template = new IngestionProgress(job.jobId(), src.sourceName(), job.destination().bronzeTable(),
                IngestionProgress.Phase.READING, 0, expectedRows, Duration.ZERO);
        try (ProgressReader reader = new ProgressReader(allocator, prefetched, control, template,
                "Job '" + job.jobId() + "' " + src.sourceName(), progressInterval.toNanos(), System::nanoTime)) {
            BronzeWriteResult r = new BronzeWriter(store, options).write(reader, meta, true);
            if (r.recordsProcessed() == 0) {
                return Written.NONE;
            }
            return new Written(r.recordsProcessed(), Optional.of(r.bronzeFilePath()), r.bytesWritten());
        }
    }

    private record Written(long rows, Optional<String> uri, long bytes) {
        static final Written NONE = new Written(0, Optional.empty(), 0);
    }

    private IngestionResult result(JobConfig job, String batchId, Written w, Optional<WatermarkPosition> before,
            Optional<WatermarkPosition> after, Optional<IngestionResult.RecoveredBatch> recovered, long start, long planned,
            long done) {
        long recoveredRows = recovered.map(IngestionResult.RecoveredBatch::rows).orElse(0L);
        // A run that only completed an earlier batch still reports what it wrote, as success.
        String status = w.rows() + recoveredRows > 0 ? IngestionResult.SUCCESS : IngestionResult.NO_NEW_DATA;
        String message = w.rows() > 0
                ? String.format("wrote %,d rows to %s", w.rows(), w.uri().orElseThrow())
                : "no new rows in this run's window; no file written for it";
        if (recovered.isPresent()) {
            IngestionResult.RecoveredBatch rb = recovered.get();
            message += rb.rows() > 0
                    ? String.format("; first completed the unfinished batch %s: %,d rows to %s", rb.batchId(), rb.rows(),
                            rb.filePath().orElseThrow())
                    : "; first committed the state of the unfinished batch " + rb.batchId()
                            + rb.filePath().map(f -> ", whose object " + f + " already existed").orElse(" (its window held no rows)");
        }
        Optional<String> uri = w.uri().isPresent() ? w.uri() : recovered.flatMap(IngestionResult.RecoveredBatch::filePath);
        return new IngestionResult(status, job.jobId(), batchId, job.destination().bronzeTable(), job.source().sourceName(),
                w.rows() + recoveredRows, uri, w.bytes() + recovered.map(IngestionResult.RecoveredBatch::fileSizeBytes).orElse(0L),
                before, after, recovered, (planned - start) / 1_000_000,
                (done - planned) / 1_000_000, (done - start) / 1_000_000, message);
    }

    private void requireNewBatch(JobConfig job, String batchId) throws IOException {
        String key = BronzeWriter.objectKey(job.destination().bronzeTable(), batchId);
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
            return connector.listTables().stream().filter(t -> t.id().equals(table.get())).findFirst()
                    .map(TableInfo::approximateRowCount).orElse(OptionalLong.empty());
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The key of a job's state for one source table. */
    public static String stateKey(String jobId, TableId table) {
        return STATE_PREFIX + jobId + "/" + table.qualifiedName() + ".json";
    }

    /** The state saved for a job and table, if any. */
    public Optional<WatermarkState> loadState(String key) throws IOException {
        return store.get(key).map(b -> WatermarkStateCodec.decode(b, store.uri(key)));
    }

    private void saveState(String key, WatermarkState state) throws IOException {
        store.put(key, WatermarkStateCodec.encode(state));
    }

    static String newBatchId(Instant now) {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return BATCH_TIME.format(now) + "-" + HexFormat.of().formatHex(b);
    }
}

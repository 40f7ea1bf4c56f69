package io.flowforge.ingest;

import static java.util.Objects.requireNonNull;

import io.flowforge.bronze.BronzeWriter;
import io.flowforge.bronze.store.ObjectStore;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.IncrementalRequest;
import io.flowforge.connector.IncrementalWindow;
import io.flowforge.connector.TableId;
import io.flowforge.connector.WatermarkPosition;
import io.flowforge.connector.arrow.ConversionCount;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One incremental run of a job, under its lease: check the saved state against the job, finish a
 * pending window, plan the next one, save it as pending, write it, commit. Every state write is
 * fenced by {@link StateStore}; see {@link BronzeIngestion} for the protocol.
 */
final class IncrementalRun {

    private static final Logger LOG = LoggerFactory.getLogger(IncrementalRun.class);

    /** What the run did: the result's parts that {@link BronzeIngestion} turns into an {@link IngestionResult}. */
    record Outcome(String batchId, BronzeIngestion.Written written, Optional<WatermarkPosition> before,
            Optional<WatermarkPosition> after, Optional<IngestionResult.RecoveredBatch> recovered,
            Optional<IncrementalWindow> window, boolean onlyRecovered, long planNanos,
            List<ConversionCount> conversions, Optional<Reconciliation> reconciliation) {}

    /** Writes a window's rows as a batch's object. */
    @FunctionalInterface
    interface WindowWriter {
        BronzeIngestion.Written write(String batchId, Instant ingestionTime, IncrementalWindow window) throws IOException;
    }

    private final ObjectStore store;
    private final Clock clock;
    private final JobConfig job;
    private final DatabaseConnector connector;
    private final JobLease lease;
    private final WindowWriter writer;
    private final boolean startOver;

    /** With {@code startOver}, the saved position and any pending window are dropped first (a reload). */
    IncrementalRun(ObjectStore store, Clock clock, JobConfig job, DatabaseConnector connector, JobLease lease,
            WindowWriter writer, boolean startOver) {
        this.startOver = startOver;
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.job = requireNonNull(job, "job is null");
        this.connector = requireNonNull(connector, "connector is null");
        this.lease = requireNonNull(lease, "lease is null");
        this.writer = requireNonNull(writer, "writer is null");
    }

    Outcome run() throws IOException {
        long start = System.nanoTime();
        JobConfig.Source src = job.source();
        TableId table = src.table().orElseThrow();
        String delta = src.deltaColumn().orElseThrow();
        StateStore states = new StateStore(store, BronzeIngestion.stateKey(job.jobId(), table));
        Optional<WatermarkState> saved = states.load();
        if (!startOver) {
            saved.ifPresent(s -> checkAgainstJob(s, states.uri()));
        }
        WatermarkState state = saved.orElseGet(() -> WatermarkState.initial(job.jobId(), table.qualifiedName(), delta));
        if (startOver && saved.isPresent()) {
            // A reload: the table starts over with a first window; older bronze files stay where they are.
            LOG.warn("Job '{}': {} starts over (reload); its position {} is dropped", job.jobId(), table.qualifiedName(),
                    state.position().map(p -> p.value().toString()).orElse("(none)"));
            state = WatermarkState.initial(job.jobId(), table.qualifiedName(), delta);
            states.save(state, lease);
        }

        Optional<IngestionResult.RecoveredBatch> recovered = Optional.empty();
        List<ConversionCount> conversions = new ArrayList<>();
        Optional<Reconciliation> reconciliation = Optional.empty();
        if (state.pending().isPresent()) {
            WatermarkState.Pending p = state.pending().get();
            String key = BronzeWriter.objectKey(job.destination().bronzeTable(), p.batchId());
            if (!store.exists(key)) {
                // A batch written in parts exists once its manifest does.
                key = BronzeWriter.manifestKey(job.destination().bronzeTable(), p.batchId());
            }
            if (store.exists(key)) {
                LOG.warn("Job '{}': batch {} was written but its watermark was not saved; saving it now", job.jobId(), p.batchId());
                state = state.committed(p.window().nextPosition(), p.batchId(), clock.instant());
                recovered = Optional.of(new IngestionResult.RecoveredBatch(p.batchId(), 0, Optional.of(store.uri(key)), 0));
            } else {
                LOG.warn("Job '{}': batch {} did not finish; reading its window again", job.jobId(), p.batchId());
                BronzeIngestion.Written w = writer.write(p.batchId(), p.startedAt(), p.window());
                conversions.addAll(w.conversions());
                reconciliation = w.reconciliation();
                state = state.committed(w.rows() > 0 ? p.window().nextPosition() : state.position(), p.batchId(), clock.instant());
                recovered = Optional.of(new IngestionResult.RecoveredBatch(p.batchId(), w.rows(), w.uri(), w.bytes()));
            }
            states.save(state, lease);
            if (job.batchId().isPresent() && job.batchId().get().equals(p.batchId())) {
                return new Outcome(p.batchId(), BronzeIngestion.Written.NONE, Optional.empty(), state.position(), recovered,
                        Optional.empty(), true, System.nanoTime() - start, conversions, reconciliation);
            }
        }

        Optional<WatermarkPosition> before = state.position();
        IncrementalRequest request = new IncrementalRequest(table, delta, before.orElse(null), src.upperBound(), src.lag(),
                state.observations(), src.openTransactionWait());
        IncrementalWindow window = connector.planIncremental(request);
        long planNanos = System.nanoTime() - start;
        Instant now = clock.instant();
        String batchId = job.batchId().orElseGet(() -> BronzeIngestion.newBatchId(now));
        if (window.isEmpty()) {
            if (!window.report().observations().equals(state.observations())) {
                states.save(state.withObservations(window.report().observations()), lease);
            }
            return new Outcome(batchId, BronzeIngestion.Written.NONE, before, before, recovered, Optional.of(window), false,
                    planNanos, conversions, reconciliation);
        }
        BronzeIngestion.requireNewBatch(store, job, batchId);
        states.save(state.withObservations(window.report().observations())
                .withPending(new WatermarkState.Pending(batchId, now, window)), lease);
        BronzeIngestion.Written w = writer.write(batchId, now, window);
        conversions.addAll(w.conversions());
        reconciliation = w.reconciliation().isPresent() ? w.reconciliation() : reconciliation;
        // A window that held no rows leaves the position where it was: nothing below the old
        // position was read, so late rows there are still picked up next time.
        Optional<WatermarkPosition> after = w.rows() > 0 ? window.nextPosition() : before;
        states.save(state.withObservations(window.report().observations()).committed(after, batchId, clock.instant()), lease);
        return new Outcome(batchId, w, before, after, recovered, Optional.of(window), false, planNanos, conversions,
                reconciliation);
    }

    /**
     * Refuses a state that does not belong to this job as configured: another job id, table or
     * delta column, or a pending window over another table or column (a copied or hand-edited file).
     */
    private void checkAgainstJob(WatermarkState s, String where) {
        TableId table = job.source().table().orElseThrow();
        String delta = job.source().deltaColumn().orElseThrow();
        StringBuilder wrong = new StringBuilder();
        if (!s.jobId().equals(job.jobId())) {
            wrong.append(" job id '").append(s.jobId()).append("' (this job is '").append(job.jobId()).append("');");
        }
        if (!s.sourceTable().equals(table.qualifiedName())) {
            wrong.append(" table '").append(s.sourceTable()).append("' (this job reads '").append(table.qualifiedName()).append("');");
        }
        if (!s.deltaColumn().equals(delta)) {
            wrong.append(" delta column '").append(s.deltaColumn()).append("' (this job names '").append(delta).append("');");
        }
        s.pending().ifPresent(p -> {
            if (!p.window().table().equals(table)) {
                wrong.append(" a pending window over table '").append(p.window().table().qualifiedName()).append("';");
            }
            if (!p.window().deltaColumn().equals(s.deltaColumn())) {
                wrong.append(" a pending window on column '").append(p.window().deltaColumn()).append("';");
            }
        });
        s.position().ifPresent(pos -> s.pending().ifPresent(p -> {
            if (pos.value().type() != p.window().watermarkType()) {
                wrong.append(" a position of type ").append(pos.value().type()).append(" but a pending window of type ")
                        .append(p.window().watermarkType()).append(';');
            }
        }));
        if (wrong.length() > 0) {
            throw new IllegalStateException("The state " + where + " does not belong to job '" + job.jobId() + "' as configured:"
                    + wrong.substring(0, wrong.length() - 1) + ". Nothing was read or written. If the job was changed on"
                    + " purpose (new table or delta column), give it a new job_id, or delete this state file to start over"
                    + " with a full load; if the file was copied or edited by hand, restore the one this job wrote.");
        }
    }
}

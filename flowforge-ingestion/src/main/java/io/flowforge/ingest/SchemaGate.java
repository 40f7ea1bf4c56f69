package io.flowforge.ingest;

import io.flowforge.bronze.store.ObjectStore;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.TableId;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks a table's schema before any row is read: describes the source, compares it with the
 * newest version in the job's {@link SchemaHistory}, applies the job's {@link SchemaPolicy}, and
 * records a new version when the landed schema changes. Refuses, naming every change, what the
 * policy does not accept.
 */
final class SchemaGate {

    /**
     * What the run lands: the schema version, every change found (also the discarded ones), the
     * columns to read when the policy discards new ones, and whether the table starts over.
     */
    record Decision(int version, String fingerprint, List<SchemaChange> changes, Optional<List<String>> columns,
            boolean reload, List<String> notes) {}

    private SchemaGate() {}

    static Decision check(ObjectStore store, JobConfig job, DatabaseConnector connector, String batchId, Instant now)
            throws IOException {
        TableId table = job.source().table().orElseThrow();
        SchemaPolicy policy = job.source().schemaPolicy();
        SourceSchema current = SourceSchema.of(connector.getSchema(table), job.source().deltaColumn());
        SchemaHistory history = new SchemaHistory(store, job.jobId(), table);
        Optional<SchemaHistory.Version> last = history.latest();
        if (last.isEmpty()) {
            history.record(1, current, List.of(), batchId, now);
            return new Decision(1, current.fingerprint(), List.of(), Optional.empty(), job.source().reload(), List.of());
        }
        SchemaHistory.Version committed = last.get();
        List<SchemaChange> changes = SchemaDiff.compare(committed.schema(), current);
        if (job.source().reload()) {
            history.record(committed.number() + 1, current, changes, batchId, now);
            return new Decision(committed.number() + 1, current.fingerprint(), changes, Optional.empty(), true,
                    List.of("reload: the table starts over under schema version " + (committed.number() + 1)));
        }
        if (changes.isEmpty()) {
            return new Decision(committed.number(), committed.schema().fingerprint(), List.of(), Optional.empty(), false, List.of());
        }
        List<String> refused = new ArrayList<>();
        boolean breaking = changes.stream().anyMatch(c -> c.kind().breaking());
        for (SchemaChange c : changes) {
            boolean columnKind = c.kind() == SchemaChange.Kind.ADDED || c.kind() == SchemaChange.Kind.DROPPED
                    || c.kind() == SchemaChange.Kind.NULLABILITY_CHANGED;
            boolean typeKind = c.kind() == SchemaChange.Kind.WIDENED || c.kind() == SchemaChange.Kind.SOURCE_TYPE_CHANGED;
            if (c.kind().breaking() && policy.onBreakingChange() == SchemaPolicy.BreakingPolicy.FAIL) {
                refused.add(c.describe() + " (breaking)");
            } else if (columnKind && policy.columns() == SchemaPolicy.ColumnPolicy.FREEZE) {
                refused.add(c.describe() + " (columns: freeze)");
            } else if (c.kind() == SchemaChange.Kind.DROPPED && policy.columns() == SchemaPolicy.ColumnPolicy.DISCARD) {
                refused.add(c.describe() + " (columns: discard cannot land the old column set without it)");
            } else if (typeKind && policy.types() == SchemaPolicy.TypePolicy.FREEZE) {
                refused.add(c.describe() + " (types: freeze)");
            }
        }
        if (!refused.isEmpty()) {
            throw new SchemaChangeException("The schema of " + table.qualifiedName() + " changed since job '" + job.jobId()
                    + "' last landed it (schema version " + committed.number() + ", " + history.key(committed.number())
                    + "), and the job's policy refuses it; nothing was read:\n- " + String.join("\n- ", refused)
                    + "\nLand it under a new version with schemaChanges {columns: evolve, types: evolve}, start the table"
                    + " over with reload: true (or onBreakingChange: reload), or change the source back.", changes);
        }
        if (breaking) {
            history.record(committed.number() + 1, current, changes, batchId, now);
            return new Decision(committed.number() + 1, current.fingerprint(), changes, Optional.empty(), true,
                    List.of("breaking change: the table starts over under schema version " + (committed.number() + 1)));
        }
        if (policy.columns() == SchemaPolicy.ColumnPolicy.DISCARD
                && changes.stream().anyMatch(c -> c.kind() == SchemaChange.Kind.ADDED)) {
            List<String> kept = committed.schema().columns().stream().map(SourceSchema.Column::name).toList();
            List<SchemaChange> landed = changes.stream().filter(c -> c.kind() != SchemaChange.Kind.ADDED).toList();
            String discarded = changes.stream().filter(c -> c.kind() == SchemaChange.Kind.ADDED).map(SchemaChange::column)
                    .collect(Collectors.joining(", "));
            if (landed.isEmpty()) {
                return new Decision(committed.number(), committed.schema().fingerprint(), changes, Optional.of(kept), false,
                        List.of("columns: discard left out " + discarded));
            }
            SourceSchema narrowed = new SourceSchema(current.columns().stream().filter(c -> kept.contains(c.name())).toList(),
                    current.primaryKey(), current.deltaColumn());
            history.record(committed.number() + 1, narrowed, landed, batchId, now);
            return new Decision(committed.number() + 1, narrowed.fingerprint(), changes, Optional.of(kept), false,
                    List.of("columns: discard left out " + discarded));
        }
        history.record(committed.number() + 1, current, changes, batchId, now);
        return new Decision(committed.number() + 1, current.fingerprint(), changes, Optional.empty(), false, List.of());
    }

    /** The source's schema changed in a way the job's policy refuses; nothing was read or written. */
    public static final class SchemaChangeException extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final transient List<SchemaChange> changes;

        SchemaChangeException(String message, List<SchemaChange> changes) {
            super(message);
            this.changes = List.copyOf(changes);
        }

        public List<SchemaChange> changes() {
            return changes;
        }
    }
}

package io.flowforge.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema a run landed: its version in the job's schema history, its fingerprint, the changes
 * found since the version before (including ones the policy discarded), and notes (a reload, the
 * columns left out).
 */
public record SchemaReport(int version, String fingerprint, List<SchemaChange> changes, List<String> notes) {

    public SchemaReport {
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
    }

    static SchemaReport of(SchemaGate.Decision d) {
        return new SchemaReport(d.version(), d.fingerprint(), d.changes(), d.notes());
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", version);
        m.put("fingerprint", fingerprint);
        m.put("changes", changes.stream().map(SchemaChange::toMap).toList());
        m.put("notes", notes);
        return m;
    }
}

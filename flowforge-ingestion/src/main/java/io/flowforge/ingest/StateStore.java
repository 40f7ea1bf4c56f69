package io.flowforge.ingest;

import static java.util.Objects.requireNonNull;

import io.flowforge.bronze.store.ObjectStore;
import io.flowforge.bronze.store.VersionedObject;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads and writes one job's state object, fenced: every write is conditional on the version this
 * run read or wrote last, so a run that lost its lease (or any other writer that was not expected)
 * can never overwrite state another run has moved on.
 */
final class StateStore {

    private final ObjectStore store;
    private final String key;
    private Optional<String> version = Optional.empty();

    StateStore(ObjectStore store, String key) {
        this.store = requireNonNull(store, "store is null");
        this.key = requireNonNull(key, "key is null");
    }

    String uri() {
        return store.uri(key);
    }

    /** The saved state, remembering its version for the next save. */
    Optional<WatermarkState> load() throws IOException {
        Optional<VersionedObject> v = store.getVersioned(key);
        version = v.map(VersionedObject::version);
        return v.map(o -> WatermarkStateCodec.decode(o.bytes(), store.uri(key)));
    }

    /** Saves the state if nobody changed it since this run's last load or save. */
    void save(WatermarkState state, JobLease lease) throws IOException {
        lease.checkHeld();
        byte[] bytes = WatermarkStateCodec.encode(state);
        Optional<String> next = version.isEmpty()
                ? store.createIfAbsent(key, bytes)
                : store.replaceIfVersion(key, bytes, version.get());
        if (next.isEmpty()) {
            throw new StateConflictException("The state " + store.uri(key) + " of job '" + state.jobId()
                    + "' was changed by another run since this run read it; this run stops without committing. "
                    + "Only one run of a job may run at a time (the job's lease enforces it while runs renew it).");
        }
        version = next;
    }

    /** Another run wrote the state this run was about to write. */
    static final class StateConflictException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        StateConflictException(String message) {
            super(message);
        }
    }
}

package io.flowforge.server;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectorException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The saved sources, in memory only: a password given to the server is never written to disk,
 * so saved sources last as long as the process.
 */
final class SourceRegistry implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, SavedSource> sources = new LinkedHashMap<>();
    private final int poolSize;
    private final int maxSources;

    SourceRegistry(int poolSize, int maxSources) {
        this.poolSize = poolSize;
        this.maxSources = maxSources;
    }

    /** Saves a source under a new id; the connector is created (and its options checked) now, connected on first use. */
    SavedSource save(String name, String type, ConnectionConfig connection) {
        String id = "src-" + HexFormat.of().formatHex(randomBytes());
        return add(id, name, type, connection, false);
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[5];
        RANDOM.nextBytes(b);
        return b;
    }

    synchronized SavedSource add(String id, String name, String type, ConnectionConfig connection, boolean demo) {
        if (sources.size() >= maxSources) {
            throw new ApiException(409, "too_many_sources", "The server keeps at most " + maxSources
                    + " saved sources; delete one (DELETE /api/sources/{id}) first.");
        }
        SavedSource source;
        try {
            source = new SavedSource(id, name, type, connection, demo, poolSize);
        } catch (ConnectorException e) {
            throw ApiException.invalid(e.getMessage(), List.of("source_config: " + e.getMessage()));
        }
        sources.put(id, source);
        return source;
    }

    synchronized SavedSource get(String id) {
        SavedSource s = sources.get(id);
        if (s == null) {
            throw ApiException.notFound("source_not_found", "No saved source has id '" + id
                    + "'; GET /api/sources lists them, POST /api/sources saves one.");
        }
        return s;
    }

    synchronized List<SavedSource> all() {
        return new ArrayList<>(sources.values());
    }

    void delete(String id) {
        SavedSource s;
        synchronized (this) {
            s = get(id);
            sources.remove(id);
        }
        s.close();
    }

    @Override
    public void close() {
        List<SavedSource> all;
        synchronized (this) {
            all = new ArrayList<>(sources.values());
            sources.clear();
        }
        all.forEach(SavedSource::close);
    }
}

package io.flowforge.ingest;

import io.flowforge.connector.ConnectionTestResult;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.IncrementalRequest;
import io.flowforge.connector.IncrementalWindow;
import io.flowforge.connector.KeyRange;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.TableInfo;
import io.flowforge.connector.TableSchema;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/** A connector that passes every call to another, for tests that step in between. */
class ForwardingConnector implements DatabaseConnector {
    private final DatabaseConnector d;

    ForwardingConnector(DatabaseConnector d) {
        this.d = d;
    }

    @Override public String identifier() { return d.identifier(); }
    @Override public ConnectionTestResult testConnection() { return d.testConnection(); }
    @Override public List<TableInfo> listTables() { return d.listTables(); }
    @Override public TableSchema getSchema(TableId table) { return d.getSchema(table); }
    @Override public ArrowReader readTable(TableId t, ReadOptions o, BufferAllocator a) { return d.readTable(t, o, a); }
    @Override public ArrowReader readQuery(String sql, ReadOptions o, BufferAllocator a) { return d.readQuery(sql, o, a); }
    @Override public IncrementalWindow planIncremental(IncrementalRequest r) { return d.planIncremental(r); }
    @Override public ArrowReader readWindow(IncrementalWindow w, ReadOptions o, BufferAllocator a) { return d.readWindow(w, o, a); }
    @Override public List<KeyRange> planKeyRanges(TableId t, Optional<IncrementalWindow> w, String key, int n) {
        return d.planKeyRanges(t, w, key, n);
    }
    @Override public ArrowReader readRange(TableId t, Optional<IncrementalWindow> w, KeyRange r, ReadOptions o, BufferAllocator a) {
        return d.readRange(t, w, r, o, a);
    }
    @Override public void close() { d.close(); }
}

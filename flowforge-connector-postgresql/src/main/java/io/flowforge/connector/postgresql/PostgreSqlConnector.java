package io.flowforge.connector.postgresql;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.jdbc.JdbcConnector;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Reads PostgreSQL tables, queries and incremental windows into Arrow batches through pgjdbc, with
 * {@link PostgreSqlDialect} and {@link PostgreSqlTypeMapping}. Created by
 * {@link PostgreSqlConnectorFactory} (identifier {@code postgresql}).
 */
public final class PostgreSqlConnector extends JdbcConnector {

    // A caller's query cannot be rewritten to select money as numeric, so its results go through a
    // twin whose mapping leaves money unsupported (pgjdbc cannot read money exactly).
    private final QueryResults queryResults;

    public PostgreSqlConnector(ConnectionConfig config) {
        this(config, new PostgreSqlDialect());
    }

    PostgreSqlConnector(ConnectionConfig config, PostgreSqlDialect dialect) {
        super(PostgreSqlConnectorFactory.IDENTIFIER, config, dialect, new PostgreSqlTypeMapping());
        this.queryResults = new QueryResults(config, dialect);
    }

    /** Streams a query's result; {@code money} columns must be cast in the query ({@code m::numeric}). */
    @Override
    public ArrowReader readQuery(String sql, ReadOptions options, BufferAllocator allocator) {
        return queryResults.readQuery(sql, options, allocator);
    }

    private static final class QueryResults extends JdbcConnector {
        QueryResults(ConnectionConfig config, PostgreSqlDialect dialect) {
            super(PostgreSqlConnectorFactory.IDENTIFIER, config, dialect, PostgreSqlTypeMapping.forQueryResults());
        }
    }
}

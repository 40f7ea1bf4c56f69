package io.flowforge.connector.sqlserver;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.jdbc.JdbcConnector;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Reads SQL Server tables, queries and incremental windows into Arrow batches through mssql-jdbc,
 * with {@link SqlServerDialect} and {@link SqlServerTypeMapping}. Created by
 * {@link SqlServerConnectorFactory} (identifier {@code sql-server}).
 */
public final class SqlServerConnector extends JdbcConnector {

    // A caller's query cannot be rewritten to convert geography, hierarchyid or sql_variant on the
    // server, so its results go through a twin whose mapping leaves those types unsupported.
    private final QueryResults queryResults;

    public SqlServerConnector(ConnectionConfig config) {
        this(config, new SqlServerDialect());
    }

    SqlServerConnector(ConnectionConfig config, SqlServerDialect dialect) {
        super(SqlServerConnectorFactory.IDENTIFIER, config, dialect, new SqlServerTypeMapping());
        this.queryResults = new QueryResults(config, dialect);
    }

    /**
     * Streams a query's result. Columns of sql_variant, geography, geometry and hierarchyid must be
     * converted in the query itself (or read with {@code AS_STRING}).
     */
    @Override
    public ArrowReader readQuery(String sql, ReadOptions options, BufferAllocator allocator) {
        return queryResults.readQuery(sql, options, allocator);
    }

    private static final class QueryResults extends JdbcConnector {
        QueryResults(ConnectionConfig config, SqlServerDialect dialect) {
            super(SqlServerConnectorFactory.IDENTIFIER, config, dialect, SqlServerTypeMapping.forQueryResults());
        }
    }
}

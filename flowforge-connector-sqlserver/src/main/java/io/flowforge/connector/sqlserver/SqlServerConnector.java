package io.flowforge.connector.sqlserver;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.jdbc.JdbcConnector;
import io.flowforge.connector.jdbc.JdbcTypeMapping;

/**
 * Reads SQL Server tables, queries and incremental windows into Arrow batches through mssql-jdbc,
 * with {@link SqlServerDialect} and {@link SqlServerTypeMapping}. Created by
 * {@link SqlServerConnectorFactory} (identifier {@code sql-server}).
 */
public final class SqlServerConnector extends JdbcConnector {

    public SqlServerConnector(ConnectionConfig config) {
        this(config, new SqlServerDialect(SqlServerIsolation.of(config)));
    }

    SqlServerConnector(ConnectionConfig config, SqlServerDialect dialect) {
        super(SqlServerConnectorFactory.IDENTIFIER, config, dialect, new SqlServerTypeMapping());
    }

    /**
     * A caller's query cannot be rewritten to convert sql_variant, geography, geometry or
     * hierarchyid on the server: in query results those types are unsupported (convert them in
     * the query, or read with {@code AS_STRING}).
     */
    @Override
    protected JdbcTypeMapping queryTypeMapping() {
        return SqlServerTypeMapping.forQueryResults();
    }
}

package io.flowforge.connector.sqlserver;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.jdbc.JdbcConnector;

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
}

package io.flowforge.connector.postgresql;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.jdbc.BulkTableRead;
import io.flowforge.connector.jdbc.JdbcConnector;

/**
 * Reads PostgreSQL tables, queries and incremental windows into Arrow batches through pgjdbc, with
 * {@link PostgreSqlDialect} and {@link PostgreSqlTypeMapping}. Table reads and key-range reads (the
 * split tasks of a split load, alone or inside an incremental window, their bounds written as typed
 * literals by {@link PgLiterals}) go through binary {@code COPY} ({@link PgBinaryCopyReader.TableRead},
 * the connector's {@link BulkTableRead}) when every selected column has a decoder, and through JDBC
 * otherwise; the connection property
 * {@value #READ_METHOD_PROPERTY} ({@code copy} or {@code jdbc}) forces either. Created by
 * {@link PostgreSqlConnectorFactory} (identifier {@code postgresql}).
 */
public final class PostgreSqlConnector extends JdbcConnector {

    /** Connection property choosing how tables are read: {@code copy} (the default) or {@code jdbc}. */
    public static final String READ_METHOD_PROPERTY = BulkTableRead.READ_METHOD_PROPERTY;

    public PostgreSqlConnector(ConnectionConfig config) {
        this(config, new PostgreSqlDialect());
    }

    PostgreSqlConnector(ConnectionConfig config, PostgreSqlDialect dialect) {
        super(PostgreSqlConnectorFactory.IDENTIFIER, config, dialect, mapping(new PostgreSqlTypeMapping(), config),
                new PgBinaryCopyReader.TableRead());
    }

    /**
     * pgjdbc keeps the client encoding UTF8 (it closes a connection whose encoding changes) unless
     * {@code allowEncodingChanges} is set; only then is text decoded through getString.
     */
    static PostgreSqlTypeMapping mapping(PostgreSqlTypeMapping mapping, ConnectionConfig config) {
        String allow = config.properties().getOrDefault("allowEncodingChanges", "false");
        return Boolean.parseBoolean(allow.trim()) ? mapping.withDecodedText() : mapping;
    }
}

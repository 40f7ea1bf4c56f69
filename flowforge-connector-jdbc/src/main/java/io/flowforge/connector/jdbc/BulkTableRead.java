package io.flowforge.connector.jdbc;

import io.flowforge.connector.PublicEvolving;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.Watermark;
import io.flowforge.connector.arrow.RowCountReport;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * A database's faster way than a JDBC result set to stream a whole table (PostgreSQL's binary
 * {@code COPY}), given to {@link JdbcConnector}'s constructor. The connector owns the rules around
 * it, the same for every database: a table read takes this path when every selected column's
 * {@link ColumnMapping} carries a decoder of {@link #decoderType()} and {@link #unavailable} finds
 * nothing against it, and otherwise reads through JDBC and logs why; a row count is taken in the
 * read's own snapshot transaction, as on the JDBC path; the connection property
 * {@value #READ_METHOD_PROPERTY} = {@link #name()} (the default) or {@code jdbc} chooses the path.
 * Incremental windows and key-range reads (a split load's tasks, alone or inside a window) take the
 * path too when it can write every bound as a typed {@link #literal}: bulk paths such as
 * {@code COPY} take no bind parameters. Queries read through JDBC.
 *
 * @param <D> the decoder type the column mappings carry ({@link ColumnMapping#withBulkDecoder})
 */
@PublicEvolving
public interface BulkTableRead<D> {

    /** Connection property choosing how tables are read: the bulk path's {@link #name()} (the default) or {@code jdbc}. */
    String READ_METHOD_PROPERTY = "flowforge.readMethod";

    /** The value of {@value #READ_METHOD_PROPERTY} that selects this path, e.g. {@code copy}. */
    String name();

    /** What the path is, for messages, e.g. {@code binary COPY}. */
    String description();

    /** The decoder type the column mappings carry for this path. */
    Class<D> decoderType();

    /** Why this connection cannot take the path (e.g. the server's encoding), or empty; asked before each read. */
    default Optional<String> unavailable(Connection connection) throws SQLException {
        return Optional.empty();
    }

    /**
     * A comparison value as a typed SQL literal compared with {@code column} (the path takes no bind
     * parameters), or empty when it has no safe literal form; then the read goes through JDBC.
     * Empty by default: a path without literals reads whole tables only.
     */
    default Optional<String> literal(Watermark value, JdbcColumn column) {
        return Optional.empty();
    }

    /**
     * Streams the table's selected columns ({@link SelectedColumns#selectList} with the connector's
     * dialect) whose rows meet {@code where} (a SQL condition with its values as {@link #literal}s, or empty
     * for the whole table), one decoder per column in select-list order, reporting
     * {@code count} as its {@link RowCountReport}. The reader owns the connection from here on (it
     * may already be in the read's snapshot transaction, with autocommit off); on failure this
     * closes it.
     */
    ArrowReader open(String source, Connection connection, JdbcDialect dialect, TableId table, String where, SelectedColumns columns, List<D> decoders,
            ReadOptions options, BufferAllocator allocator, UnaryOperator<String> redact, RowCountReport.RowCount count)
            throws SQLException;
}

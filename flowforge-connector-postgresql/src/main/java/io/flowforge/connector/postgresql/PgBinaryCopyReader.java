package io.flowforge.connector.postgresql;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.Watermark;
import io.flowforge.connector.arrow.RowCountReport;
import io.flowforge.connector.jdbc.BulkTableRead;
import io.flowforge.connector.jdbc.ColumnMapping;
import io.flowforge.connector.jdbc.ColumnReadFailure;
import io.flowforge.connector.jdbc.RowBatchReader;
import io.flowforge.connector.jdbc.JdbcColumn;
import io.flowforge.connector.jdbc.JdbcDialect;
import io.flowforge.connector.jdbc.SelectedColumns;
import io.flowforge.connector.jdbc.ValueOutOfRangeException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Streams {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)} as Arrow batches, decoding each field
 * straight from pgjdbc's copy buffers into its vector: no text parsing, no Java object per value.
 * The stream is consumed one chunk at a time (pgjdbc hands over one row per chunk), so memory is
 * one batch however large the table. Batches are cut exactly where the JDBC path cuts them
 * ({@code batchSize} rows, or earlier once the strings and binaries pass {@code maxBatchBytes}).
 * Closing it before the end cancels the {@code COPY} on the server instead of reading the rest.
 */
public final class PgBinaryCopyReader extends RowBatchReader {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    private final Connection connection;
    private final CopyOut copy;
    private final List<PgCopyDecoders.Binder> binders;
    private CopyFieldDecoder[] decoders;
    // The decoders that stage strings and binaries: the only ones the byte cap has to ask.
    private CopyFieldDecoder[] staging;
    // The unread part of the stream: buffer[position, limit). Usually pgjdbc's own chunk, copied
    // only when a field spans two chunks.
    private byte[] buffer = new byte[0];
    private int position;
    private int limit;

    private PgBinaryCopyReader(BufferAllocator own, String source, Connection connection, CopyOut copy,
            List<ColumnMapping> mappings, List<PgCopyDecoders.Binder> binders, ReadOptions options,
            UnaryOperator<String> redactor) {
        super(own, source, mappings, options, redactor);
        this.connection = connection;
        this.copy = copy;
        this.binders = List.copyOf(binders);
    }

    /**
     * Starts the {@code COPY} on an open connection (in a read-only transaction, rolled back on
     * close) and wraps it. On failure the connection is closed.
     *
     * @param copySql {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)}, one field per mapping
     */
    static PgBinaryCopyReader open(String source, Connection connection, String copySql, List<ColumnMapping> mappings,
            List<PgCopyDecoders.Binder> binders, ReadOptions options, BufferAllocator allocator,
            UnaryOperator<String> redactor) throws SQLException {
        requireNonNull(source, "source is null");
        requireNonNull(copySql, "copySql is null");
        requireNonNull(options, "options is null");
        requireNonNull(allocator, "allocator is null");
        BufferAllocator own = null;
        try {
            connection.setAutoCommit(false);
            if (!connection.isReadOnly()) {
                connection.setReadOnly(true);
            }
            if (!options.queryTimeout().isZero()) {
                try (var s = connection.createStatement()) {
                    s.execute("SET LOCAL statement_timeout = " + Math.max(1, options.queryTimeout().toMillis()));
                }
            }
            CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql);
            own = allocator.newChildAllocator("flowforge-copy:" + source, 0, options.allocatorLimitBytes());
            return new PgBinaryCopyReader(own, source, connection, copy, mappings, binders, options, redactor);
        } catch (SQLException | RuntimeException e) {
            if (own != null) {
                own.close();
            }
            closeConnection(connection);
            throw e;
        }
    }

    /**
     * Binary {@code COPY} as {@link io.flowforge.connector.jdbc.JdbcConnector}'s bulk table read:
     * {@code COPY (SELECT <the select list> FROM <table>) TO STDOUT (FORMAT binary)}. Binary COPY
     * sends text in the client encoding (UTF-8 with pgjdbc), converted by the server; a server
     * without an encoding (SQL_ASCII) sends its bytes unchecked, which JDBC decodes and COPY would
     * not, so only UTF8 servers read through COPY.
     */
    static final class TableRead implements BulkTableRead<PgCopyDecoders.Binder> {
        @Override
        public String name() {
            return "copy";
        }

        @Override
        public String description() {
            return "binary COPY";
        }

        @Override
        public Class<PgCopyDecoders.Binder> decoderType() {
            return PgCopyDecoders.Binder.class;
        }

        @Override
        public Optional<String> unavailable(Connection c) throws SQLException {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_encoding")) {
                String encoding = rs.next() ? rs.getString(1) : null;
                return "UTF8".equalsIgnoreCase(encoding) ? Optional.empty()
                        : Optional.of("the server encoding is " + encoding + ", not UTF8");
            }
        }

        /** Bounds re-rendered from their parsed values and cast to the column's type ({@link PgLiterals}). */
        @Override
        public Optional<String> literal(Watermark value, JdbcColumn column) {
            return PgLiterals.literal(value, column);
        }

        @Override
        public ArrowReader open(String source, Connection c, JdbcDialect dialect, TableId table, String where,
                SelectedColumns columns, List<PgCopyDecoders.Binder> binders, ReadOptions options, BufferAllocator allocator,
                UnaryOperator<String> redact, RowCountReport.RowCount count) throws SQLException {
            String sql = "COPY (SELECT " + columns.selectList(dialect) + " FROM " + dialect.quoteTable(table)
                    + (where.isEmpty() ? "" : " WHERE " + where) + ") TO STDOUT (FORMAT binary)";
            return PgBinaryCopyReader.open(source, c, sql, columns.mappings(), binders, options, allocator, redact)
                    .withSourceRowCount(count);
        }
    }

    /** Binds a decoder to each vector, then reads the stream's header. */
    @Override
    protected void bind(List<FieldVector> vectors) throws SQLException {
        decoders = new CopyFieldDecoder[vectors.size()];
        for (int i = 0; i < vectors.size(); i++) {
            decoders[i] = binders.get(i).bind(vectors.get(i));
        }
        staging = Arrays.stream(decoders).filter(CopyFieldDecoder::stages).toArray(CopyFieldDecoder[]::new);
        readHeader();
    }

    @Override
    protected void startBatch() {
        for (CopyFieldDecoder d : decoders) {
            d.startBatch();
        }
    }

    @Override
    protected void finishBatch(int rows) {
        for (CopyFieldDecoder d : decoders) {
            d.finishBatch(rows);
        }
    }

    @Override
    protected boolean batchFull(int rows) {
        if (staging.length == 0) {
            return false;
        }
        long bytes = 0;
        for (CopyFieldDecoder d : staging) {
            bytes += d.stagedBytes();
        }
        return bytes >= options.maxBatchBytes();
    }

    private void readHeader() throws SQLException {
        require(SIGNATURE.length + 8);
        if (!Arrays.equals(buffer, position, position + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new SQLException("the COPY stream does not start with PostgreSQL's binary signature");
        }
        position += SIGNATURE.length + 4; // flags: bit 16 (OIDs) is never set for COPY (SELECT ...)
        int extension = PgCopyDecoders.int32At(buffer, position);
        position += 4;
        require(extension);
        position += extension;
    }

    /** Decodes one tuple into {@code row}; false at the trailer, after which the copy has ended. */
    @Override
    protected boolean readRow(int row) throws SQLException {
        require(2);
        int fields = PgCopyDecoders.int16At(buffer, position);
        position += 2;
        if (fields == -1) {
            if (copy.readFromCopy() != null) {
                throw new SQLException("the COPY stream has data after its trailer");
            }
            return false;
        }
        if (fields != decoders.length) {
            throw new SQLException("a COPY row has " + fields + " fields, " + decoders.length + " were selected");
        }
        for (int i = 0; i < decoders.length; i++) {
            require(4);
            int length = PgCopyDecoders.int32At(buffer, position);
            position += 4;
            if (length < 0) {
                decoders[i].setNull(row);
            } else {
                require(length);
                decode(i, length, row);
                position += length;
            }
        }
        return true;
    }

    /**
     * Decodes one field. A value the target type cannot hold fails with its own message; anything
     * else a decoder throws is named with the source, column and row, as on the JDBC path (the
     * value is binary here, so its text is not shown).
     */
    private void decode(int column, int length, int row) throws SQLException {
        try {
            decoders[column].decode(buffer, position, length, row);
        } catch (ValueOutOfRangeException | OutOfMemoryException e) {
            throw e;
        } catch (SQLException | RuntimeException e) {
            throw ColumnReadFailure.of(source, mappings.get(column).field(), rowsRead() + row + 1, null, e, redactor);
        }
    }

    /** Makes at least {@code n} unread bytes available, taking chunks from the copy as needed. */
    private void require(int n) throws SQLException {
        while (limit - position < n) {
            byte[] chunk = copy.readFromCopy();
            if (chunk == null) {
                throw new SQLException("the COPY stream ended in the middle of a row (after " + rowsRead() + " rows)");
            }
            int left = limit - position;
            if (left == 0) {
                buffer = chunk;
                limit = chunk.length;
            } else {
                byte[] joined = new byte[left + chunk.length];
                System.arraycopy(buffer, position, joined, 0, left);
                System.arraycopy(chunk, 0, joined, left, chunk.length);
                buffer = joined;
                limit = joined.length;
            }
            position = 0;
        }
    }

    /**
     * Cancels the {@code COPY} from another thread (a {@code PrefetchingArrowReader} closing while
     * this reader waits for the server): PostgreSQL's cancel request, sent on a connection of its
     * own; the reading thread then fails.
     */
    @Override
    public void cancel() {
        try {
            connection.unwrap(PGConnection.class).cancelQuery();
        } catch (SQLException | RuntimeException ignored) {
            // The copy may have finished or the connection closed meanwhile: nothing left to cancel.
        }
    }

    @Override
    protected void closeSource() {
        if (copy.isActive()) {
            try {
                // Asks the server to stop, then discards what is already on the way: the rest
                // of the table is never sent.
                copy.cancelCopy();
            } catch (SQLException | RuntimeException ignored) {
                // Closing the connection below ends the copy in any case.
            }
        }
        closeConnection(connection);
    }

    private static void closeConnection(Connection connection) {
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException | RuntimeException ignored) {
            // A read-only transaction: nothing to lose if the rollback fails.
        }
        try {
            connection.close();
        } catch (SQLException | RuntimeException ignored) {
            // Closing after a failure or a cancel; the first error is the one that matters.
        }
    }
}

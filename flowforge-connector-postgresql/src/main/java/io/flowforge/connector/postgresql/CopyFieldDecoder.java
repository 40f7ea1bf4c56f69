package io.flowforge.connector.postgresql;

import java.sql.SQLException;

/**
 * Writes one column's fields of a binary {@code COPY} stream into its Arrow vector. Rows arrive in
 * order from 0 in each batch; every row gets exactly one {@link #decode} or {@link #setNull}.
 */
interface CopyFieldDecoder {

    /** Decodes the field's {@code length} bytes at {@code offset} (PostgreSQL's binary send format) into {@code row}. */
    void decode(byte[] bytes, int offset, int length, int row) throws SQLException;

    /** Marks {@code row} NULL (a field length of -1). */
    void setNull(int row);

    /** Forgets the previous batch's staged values. */
    default void startBatch() {}

    /** Whether this decoder stages variable-width bytes, which count towards the batch byte cap. */
    default boolean stages() {
        return false;
    }

    /** Variable-width bytes staged in this batch so far, for the batch byte cap. */
    default long stagedBytes() {
        return 0;
    }

    /** Writes the staged values of the batch's {@code rows} rows into the vector. */
    default void finishBatch(int rows) {}
}

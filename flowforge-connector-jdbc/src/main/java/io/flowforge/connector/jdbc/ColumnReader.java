package io.flowforge.connector.jdbc;

import io.flowforge.connector.PublicEvolving;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Reads one column of a result set into an Arrow vector. {@link #bind} is called once per vector
 * (a new batch root reuses its vectors, so once per read), and the bound reader once per row, so
 * the per-row path has no casts or lookups.
 */
@PublicEvolving
public interface ColumnReader {

    /** The Arrow type id this reader writes; checked against the field when a mapping is built. */
    ArrowType.ArrowTypeID arrowTypeId();

    /** Binds this reader to a vector of the mapped field and a 1-based result set column. */
    Bound bind(FieldVector vector, int columnIndex);

    /**
     * Binds this reader for a reader of whole batches, which calls {@link BatchBound}'s hooks
     * around each batch when the result is one; by default the same as {@link #bind}.
     */
    default Bound bindForBatches(FieldVector vector, int columnIndex) {
        return bind(vector, columnIndex);
    }

    /** Binds a reader to a vector and a 1-based result set column; see {@link #of}. */
    @FunctionalInterface
    interface Binder {
        Bound bind(FieldVector vector, int columnIndex);
    }

    /** A reader writing Arrow type {@code arrowTypeId}, bound by {@code binder}. */
    static ColumnReader of(ArrowType.ArrowTypeID arrowTypeId, Binder binder) {
        java.util.Objects.requireNonNull(arrowTypeId, "arrowTypeId is null");
        java.util.Objects.requireNonNull(binder, "binder is null");
        return new ColumnReader() {
            @Override
            public ArrowType.ArrowTypeID arrowTypeId() {
                return arrowTypeId;
            }

            @Override
            public Bound bind(FieldVector vector, int columnIndex) {
                return binder.bind(vector, columnIndex);
            }
        };
    }

    /** A reader bound to one vector and column. */
    @FunctionalInterface
    interface Bound {
        /** Reads the current row's value (or NULL) into the vector at {@code row}. */
        void read(ResultSet rs, int row) throws SQLException;
    }

    /**
     * A bound reader that counts the values it changed by a documented lossy conversion; the read
     * reports the counts ({@link io.flowforge.connector.arrow.ConversionReport}).
     */
    interface CountingBound extends Bound {
        /** What the counted values went through. */
        io.flowforge.connector.arrow.LossyConversion conversion();

        /** Values changed so far; safe to read from another thread. */
        long count();
    }

    /**
     * A bound reader that keeps a batch's values aside and writes them into the vector at the
     * batch's end: rows arrive in order from 0, and the vector holds them only after
     * {@link #finishBatch}.
     */
    interface BatchBound extends Bound {
        /** Forgets the previous batch. */
        void startBatch();

        /** Variable-width bytes read in this batch so far, for the batch byte cap. */
        long stagedBytes();

        /** Writes the batch's {@code rows} values into the vector. */
        void finishBatch(int rows);
    }
}

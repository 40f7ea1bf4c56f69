package io.flowforge.connector.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Reads one column of a result set into an Arrow vector. {@link #bind} is called once per vector
 * (a new batch root reuses its vectors, so once per read), and the bound reader once per row, so
 * the per-row path has no casts or lookups.
 */
public interface ColumnReader {

    /** The Arrow type id this reader writes; checked against the field when a mapping is built. */
    ArrowType.ArrowTypeID arrowTypeId();

    /** Binds this reader to a vector of the mapped field and a 1-based result set column. */
    Bound bind(FieldVector vector, int columnIndex);

    /** A reader bound to one vector and column. */
    @FunctionalInterface
    interface Bound {
        /** Reads the current row's value (or NULL) into the vector at {@code row}. */
        void read(ResultSet rs, int row) throws SQLException;
    }
}

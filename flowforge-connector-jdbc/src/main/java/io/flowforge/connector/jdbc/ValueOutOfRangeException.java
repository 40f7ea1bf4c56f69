package io.flowforge.connector.jdbc;

import io.flowforge.connector.PublicEvolving;
import java.sql.SQLException;

/**
 * A source value that its column's Arrow type cannot hold exactly. Thrown from the row path as an
 * {@link SQLException} subtype so readers keep a single checked signature; the read reports it
 * with the table name added.
 */
@PublicEvolving
public final class ValueOutOfRangeException extends SQLException {
    private static final long serialVersionUID = 1L;

    private final String column;

    public ValueOutOfRangeException(String column, String value, String problem) {
        super("value " + value + " of column '" + column + "' " + problem);
        this.column = column;
    }

    public String column() {
        return column;
    }
}

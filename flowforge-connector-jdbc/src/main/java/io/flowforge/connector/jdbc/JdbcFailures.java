package io.flowforge.connector.jdbc;

import io.flowforge.connector.Internal;
import java.sql.SQLException;
import java.util.function.UnaryOperator;

/**
 * Copies a driver's exception chain with every message passed through a redactor, so a cause
 * attached to a {@link io.flowforge.connector.ConnectorException} cannot leak a password that the
 * driver echoed (some drivers print the URL or the login they were given).
 */
@Internal
public final class JdbcFailures {

    private JdbcFailures() {}

    /** The chain of {@code failure} as SQLExceptions with redacted messages and the original stack traces. */
    public static SQLException redacted(Throwable failure, UnaryOperator<String> redactor) {
        if (failure == null) {
            return null;
        }
        String message = failure.getClass().getName() + ": " + redactor.apply(String.valueOf(failure.getMessage()));
        SQLException copy = failure instanceof SQLException s
                ? new SQLException(message, s.getSQLState(), s.getErrorCode())
                : new SQLException(message);
        copy.setStackTrace(failure.getStackTrace());
        if (failure.getCause() != null && failure.getCause() != failure) {
            copy.initCause(redacted(failure.getCause(), redactor));
        }
        return copy;
    }
}

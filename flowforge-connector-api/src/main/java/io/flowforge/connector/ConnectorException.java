package io.flowforge.connector;

/**
 * A failure of a connector, its configuration or a read, with a message that names the table,
 * column, type or option involved. Messages never contain a password.
 */
@PublicEvolving
public class ConnectorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConnectorException(String message) {
        super(message);
    }

    public ConnectorException(String message, Throwable cause) {
        super(message, cause);
    }
}

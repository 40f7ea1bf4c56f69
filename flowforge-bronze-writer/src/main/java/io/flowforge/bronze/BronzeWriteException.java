package io.flowforge.bronze;

/**
 * A bronze write that failed; the message names the bronze table, batch and object URI and says
 * that nothing was left at the final key. Messages never contain a secret.
 */
public class BronzeWriteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BronzeWriteException(String message) {
        super(message);
    }

    public BronzeWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.flowforge.connector;

/**
 * A connector could not be created: no connector has the identifier, or its configuration is
 * incomplete or invalid. Nothing was connected; the caller's input is what must change (the
 * command line exits with 2 for it, as for any bad input).
 */
@PublicEvolving
public class ConnectorConfigException extends ConnectorException {
    private static final long serialVersionUID = 1L;

    public ConnectorConfigException(String message) {
        super(message);
    }
}

package io.flowforge.ingest;

/** Thrown inside a run when its {@link IngestionControl} was cancelled; the run turns it into a {@code cancelled} result. */
public final class IngestionCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IngestionCancelledException(String reason) {
        super("cancelled: " + reason);
    }
}

package io.flowforge.ingest;

/** A run lost its job's lease before committing; what it wrote is finished or discarded by the next run. */
public final class LeaseLostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LeaseLostException(String jobId, String why) {
        super("Job '" + jobId + "' lost its lease (" + why + "); this run stops without committing. "
                + "The run that holds the lease now, or the next one, finishes its pending window.");
    }
}

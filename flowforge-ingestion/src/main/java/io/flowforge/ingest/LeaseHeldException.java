package io.flowforge.ingest;

/** Another run of the same job holds its lease: this run did nothing. */
public final class LeaseHeldException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient JobLease.Holder holder;

    LeaseHeldException(String jobId, JobLease.Holder holder, String where) {
        super("Job '" + jobId + "' is already running: its lease " + where + " is held by " + holder.owner()
                + " since " + holder.acquiredAt() + " and expires at " + holder.expiresAt()
                + " unless renewed. This run did nothing. Wait for that run to finish; if its process is gone, "
                + "the next run after the expiry takes over.");
        this.holder = holder;
    }

    public JobLease.Holder holder() {
        return holder;
    }
}

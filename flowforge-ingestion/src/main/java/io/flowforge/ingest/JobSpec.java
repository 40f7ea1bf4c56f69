package io.flowforge.ingest;

import java.util.Optional;

/**
 * A parsed job file: one table or query ({@link JobConfig}) or many tables of one database
 * ({@link MultiTableJob}). {@link JobRunner} runs either.
 */
public sealed interface JobSpec permits JobConfig, MultiTableJob {
    String jobId();

    Optional<String> batchId();
}

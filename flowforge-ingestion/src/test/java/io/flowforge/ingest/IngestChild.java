package io.flowforge.ingest;

import java.nio.file.Path;

/**
 * One run of a job file in a process of its own, as the command line would run it: prints the
 * result's status and rows, exits 0 on success or no new data, 3 if another run holds the lease,
 * 1 on any other failure.
 */
public final class IngestChild {
    public static void main(String[] args) {
        try {
            IngestionResult r = BronzeIngestion.ingestFromDatabase(JobConfigParser.parse(Path.of(args[0])));
            System.out.println(r.status() + " " + r.recordsProcessed());
            System.exit(0);
        } catch (LeaseHeldException e) {
            System.out.println("already_running");
            System.exit(3);
        } catch (RuntimeException e) {
            System.out.println("failed " + e);
            System.exit(1);
        }
    }
}

package io.flowforge.ingest;

import java.nio.file.Path;

/**
 * One run of a job file in a process of its own, as the command line would run it: prints the
 * result's status and rows (and {@code held} when the upper bound kept values it saw for a later
 * run or held the clock back, because a transaction open elsewhere could still commit below them), exits 0 on success or
 * no new data, 3 if another run holds the lease, 1 on any other failure.
 */
public final class IngestChild {
    public static void main(String[] args) {
        try {
            IngestionResult r = BronzeIngestion.ingestFromDatabase(JobConfigParser.parse(Path.of(args[0])));
            // Key bounds keep unsafe maxima as observations; the clock bound says it was held back.
            boolean held = r.upperBound().map(b -> !b.observations().isEmpty() || b.guard().startsWith("held back"))
                    .orElse(false);
            System.out.println(r.status() + " " + r.recordsProcessed() + (held ? " held" : ""));
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

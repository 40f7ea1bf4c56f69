package io.flowforge.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowforge.bronze.store.ObjectStore;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.ingest.load.SplitTask;
import io.flowforge.ingest.load.ThreadPoolEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.apache.arrow.memory.RootAllocator;

/**
 * One split load of a job file in a process of its own, for the tests that kill it or race it:
 * {@code SplitChild job.json go-file|- hang-from|-1 lease-seconds}. It waits for the go file (so
 * that processes started together call the run together), then runs the job as the command line
 * does, or, with {@code hang-from} >= 0, on a thread pool whose split {@code hang-from} writes its
 * part and result and then hangs, as every later split does before it starts: the test kills the
 * process there. Prints {@code hung N} for each hanging split, then the result's status and rows;
 * exits 0, 3 if another run holds the lease, 1 on any other failure.
 */
public final class SplitChild {

    public static void main(String[] args) {
        try {
            JobConfig job = JobConfigParser.parse(Path.of(args[0]));
            if (!args[1].equals("-")) {
                Path go = Path.of(args[1]);
                while (!Files.exists(go)) {
                    Thread.sleep(5);
                }
            }
            int hangFrom = Integer.parseInt(args[2]);
            IngestionResult r;
            if (hangFrom < 0) {
                r = BronzeIngestion.ingestFromDatabase(job);
            } else {
                ObjectMapper json = new ObjectMapper();
                ThreadPoolEngine engine = new ThreadPoolEngine(job.source().splitting().parallelism(), 1, (d, attempt) -> {
                    try {
                        int split = json.readTree(d).get("split").asInt();
                        if (split >= hangFrom) {
                            if (split == hangFrom) {
                                SplitTask.execute(d, attempt);
                            }
                            System.out.println("hung " + split);
                            System.out.flush();
                            Thread.sleep(Long.MAX_VALUE);
                        }
                        return SplitTask.execute(d, attempt);
                    } catch (java.io.IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                try (ObjectStore store = ObjectStores.open(job.destination().storage());
                        DatabaseConnector connector = Connectors.open(job.source().type(), job.source().connection());
                        RootAllocator allocator = new RootAllocator()) {
                    r = new BronzeIngestion(store, Clock.systemUTC(), Duration.ofSeconds(5),
                            Duration.ofSeconds(Long.parseLong(args[3]))).withEngine(engine).run(job, connector, allocator);
                }
            }
            System.out.println(r.status() + " " + r.recordsProcessed());
            System.exit(0);
        } catch (LeaseHeldException e) {
            System.out.println("already_running");
            System.exit(3);
        } catch (Exception e) {
            System.out.println("failed " + e);
            System.exit(1);
        }
    }
}

package io.flowforge.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.UpperBoundStrategy;
import io.flowforge.ingest.BronzeIngestion;
import io.flowforge.ingest.IngestionResult;
import io.flowforge.ingest.JobConfig;
import io.flowforge.server.EmbeddedBfsi;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The embedded quickstart: an H2 BFSI_Test with 500 customers and a local lake folder. A first
 * incremental run takes the whole table, three customers change, and a second run picks up
 * exactly those three. Prints both results as JSON; exits non-zero if the counts are not 500 and 3.
 */
public final class Quickstart {

    static final List<Integer> CHANGED = List.of(7, 42, 314);

    private Quickstart() {}

    public static void main(String[] args) throws Exception {
        Path lakeRoot = Path.of(args.length > 0 ? args[0] : "lake");
        System.exit(run(lakeRoot, System.out));
    }

    /** Runs the quickstart under a new folder of {@code lakeRoot}; returns the exit code. */
    static int run(Path lakeRoot, PrintStream out) throws Exception {
        Path lake = lakeRoot.resolve("quickstart-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")))
                .toAbsolutePath();
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        try (EmbeddedBfsi db = EmbeddedBfsi.start("BFSI_Test", "quickstart-only")) {
            JobConfig.Source source = new JobConfig.Source("jdbc", db.connectionConfig(),
                    Optional.of(TableId.of("dbo", "customers")), Optional.empty(), true, Optional.of("modified_date"),
                    UpperBoundStrategy.AUTO, Duration.ZERO, ReadOptions.defaults());
            JobConfig.Destination destination = new JobConfig.Destination("bronze_customers", "snappy",
                    new JobConfig.LocalStorage(lake));

            out.println("== 1. First load of dbo.customers into " + lake);
            IngestionResult first = BronzeIngestion.ingestFromDatabase(
                    new JobConfig("quickstart_customers", Optional.of("batch_001"), source, destination));
            out.println(json.writeValueAsString(first.toMap()));

            out.println("== 2. Customers " + CHANGED + " change");
            Thread.sleep(20);
            db.run(List.of("UPDATE dbo.customers SET account_balance = account_balance + 100.00, modified_date = GETDATE()"
                    + " WHERE customer_id IN (7, 42, 314)"));
            Thread.sleep(20);

            out.println("== 3. Incremental load");
            IngestionResult second = BronzeIngestion.ingestFromDatabase(
                    new JobConfig("quickstart_customers", Optional.of("batch_002"), source, destination));
            out.println(json.writeValueAsString(second.toMap()));

            boolean ok = first.recordsProcessed() == 500 && second.recordsProcessed() == CHANGED.size();
            out.println(ok
                    ? "OK: the first load wrote 500 rows, the incremental load exactly the 3 changed ones."
                    : "UNEXPECTED: first load " + first.recordsProcessed() + " rows, incremental " + second.recordsProcessed());
            return ok ? 0 : 1;
        }
    }
}

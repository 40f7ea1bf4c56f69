package io.flowforge.ingest;

import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.DatabaseConnectorFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks what the job parser cannot check alone, before a run touches anything: that a connector
 * for the source type is on the class path, and that it accepts the connection options (a
 * connector checks its configuration when it is created, without connecting). A problem is a
 * {@link JobConfigException}, like the parser's, so callers report both the same way.
 */
public final class JobValidation {

    private JobValidation() {}

    public static void check(JobConfig job) {
        check(job.source().type(), job.source().connection());
    }

    /** Checks any job: one table or many. */
    public static void check(JobSpec job) {
        if (job instanceof JobConfig single) {
            check(single);
        } else if (job instanceof MultiTableJob multi) {
            check(multi.type(), multi.connection());
        }
    }

    private static void check(String type, io.flowforge.connector.ConnectionConfig connection) {
        List<String> problems = new ArrayList<>();
        DatabaseConnectorFactory factory = null;
        try {
            factory = Connectors.factory(type);
        } catch (ConnectorException e) {
            problems.add("source_config.type: " + e.getMessage());
        }
        if (factory != null) {
            try (DatabaseConnector ignored = factory.create(connection)) {
                // Created only to check the configuration; nothing was opened.
            } catch (ConnectorException | IllegalArgumentException e) {
                problems.add("source_config.connection: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new JobConfigException("The job file has " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems") + ":\n- " + String.join("\n- ", problems), problems);
        }
    }
}

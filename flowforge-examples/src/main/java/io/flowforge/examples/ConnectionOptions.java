package io.flowforge.examples;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.UrlSecrets;
import io.flowforge.ingest.JobConfig;
import io.flowforge.ingest.JobConfigParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where to connect: a job file's source, or options. Passwords come from the environment only. */
final class ConnectionOptions {
    @Option(names = "--job", paramLabel = "JOB.json", description = "Take the source type and connection from this job file.")
    Path job;
    @Option(names = "--type", description = "Connector identifier: ${COMPLETION-CANDIDATES}", completionCandidates = Types.class)
    String type;
    @Option(names = "--host") String host;
    @Option(names = "--port") Integer port;
    @Option(names = "--database") String database;
    @Option(names = "--user") String user;
    @Option(names = "--password-env", paramLabel = "VAR", description = "Name of the environment variable holding the password.")
    String passwordEnv;
    @Option(names = "--jdbc-url") String jdbcUrl;
    @Option(names = "--property", description = "Driver property key=value (repeatable).")
    Map<String, String> properties = new LinkedHashMap<>();

    DatabaseConnector open() {
        if (job != null) {
            JobConfig j = JobConfigParser.parse(job);
            return Connectors.open(j.source().type(), j.source().connection());
        }
        if (type == null) {
            throw new IllegalArgumentException("give --job FILE, or --type with connection options");
        }
        if (jdbcUrl != null && !UrlSecrets.values(jdbcUrl).isEmpty()) {
            // A command line is visible to every user of the machine (ps, /proc) and to shell history.
            throw new IllegalArgumentException("--jdbc-url holds a password; passwords are never taken on the command "
                    + "line. Leave it out of the URL and give --password-env VAR (or use a job file with passwordEnv).");
        }
        properties.keySet().stream().filter(UrlSecrets::isSecretKey).findFirst().ifPresent(k -> {
            throw new IllegalArgumentException("--property " + k + " looks like a secret; passwords are never taken on"
                    + " the command line. Use --password-env VAR or a job file with passwordEnv.");
        });
        ConnectionConfig.Builder b = ConnectionConfig.builder().host(host).database(database).username(user)
                .jdbcUrl(jdbcUrl).properties(properties);
        if (port != null) {
            b.port(port);
        }
        if (passwordEnv != null) {
            String pw = System.getenv(passwordEnv);
            if (pw == null) {
                throw new IllegalArgumentException("environment variable " + passwordEnv + " (--password-env) is not set");
            }
            b.password(pw);
        }
        return Connectors.open(type, b.build());
    }

    /** The connectors on the class path, for {@code --type}'s help and completion. */
    static final class Types extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Types() {
            super(Connectors.available());
        }
    }
}

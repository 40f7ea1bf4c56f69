package io.flowforge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.server.EmbeddedBfsi;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What scripts read: with no terminal (as here, where standard output is not one), every command
 * prints exactly what it printed before issue 19, byte for byte (the golden files were captured
 * from that code). Only values that change from run to run (latencies, timings, the temporary
 * folder, and the Parquet file's size, which moves by a few bytes with the ingestion time written
 * into it) are replaced before the comparison, and nothing else.
 */
class GoldenOutputTest {

    private static final String PASSWORD = "golden-Secret-7";
    private static final Pattern TIMINGS = Pattern.compile("\"([a-z_]+_ms|rows_per_second|file_size_bytes)\" : \\d+");
    @TempDir Path dir;
    private EmbeddedBfsi db;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        db = EmbeddedBfsi.start("BFSI_Golden", PASSWORD);
    }

    @AfterEach
    void stop() throws Exception {
        db.close();
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cl = FlowForgeCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private String stable(String text) {
        String folder = dir.toString();
        String s = text.replace(folder.replace("\\", "\\\\"), "$DIR").replace(folder, "$DIR");
        Matcher m = TIMINGS.matcher(s);
        return m.replaceAll(r -> "\"" + r.group(1) + "\" : 0").replaceAll("(Connected to .*) in \\d+ ms\"", "$1 in 0 ms\"");
    }

    private Path job(String databaseConfig) throws Exception {
        String url = db.connectionConfig().jdbcUrl().replace("\\", "\\\\");
        return Files.writeString(dir.resolve("job.json"), """
                {"job_id": "golden_job", "batch_id": "b1",
                 "source_config": {"type": "jdbc",
                   "connection": {"jdbcUrl": "%s", "username": "sa", "password": "%s"},
                   "databaseConfig": %s},
                 "destination_config": {"bronzeConfig": {"tableName": "bronze_customers", "storageFormat": "parquet"},
                   "storage": {"type": "local", "path": "%s"}}}
                """.formatted(url, PASSWORD, databaseConfig, dir.resolve("lake").toString().replace("\\", "\\\\")));
    }

    @Test
    void catalogCommandsPrintTodaysJson() throws Exception {
        Path job = job("{\"tableName\": \"dbo.customers\"}");
        assertThat(run("test-connection", "--job", job.toString())).isZero();
        Golden.assertSame("test-connection.json", stable(out.toString()));
        assertThat(run("tables", "--job", job.toString())).isZero();
        Golden.assertSame("tables.json", out.toString());
        assertThat(run("schema", "--job", job.toString(), "dbo.customers")).isZero();
        Golden.assertSame("schema-customers.json", out.toString());
        assertThat(run("schema", "--job", job.toString(), "dbo.accounts")).isZero();
        Golden.assertSame("schema-accounts.json", out.toString());
    }

    @Test
    void ingestPrintsTodaysResultJson() throws Exception {
        assertThat(run("ingest", job("{\"tableName\": \"dbo.customers\"}").toString())).as(err.toString()).isZero();
        Golden.assertSame("ingest-single.json", stable(out.toString()));
    }

    @Test
    void aMultiTableIngestPrintsTodaysRunJson() throws Exception {
        Path job = job("{\"tables\": [\"dbo.customers\", \"dbo.accounts\"]}").toAbsolutePath();
        Files.writeString(job, Files.readString(job).replace("\"bronze_customers\"", "\"bronze_{table}\""));
        assertThat(run("ingest", job.toString())).as(err.toString()).isZero();
        Golden.assertSame("ingest-multi.json", stable(out.toString()));
    }

    @Test
    void aBadJobFileSaysWhatItSaidOnStandardError() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.json"), "{\"job_id\": \"x\", \"source_config\": {\"type\": \"jdbc\","
                + " \"connection\": {}, \"databaseConfig\": {\"tabel\": \"t\"}}}");
        assertThat(run("ingest", f.toString())).isEqualTo(2);
        Golden.assertSame("ingest-bad-job.stdout", out.toString());
        Golden.assertSame("ingest-bad-job.stderr", stable(err.toString()));
    }
}

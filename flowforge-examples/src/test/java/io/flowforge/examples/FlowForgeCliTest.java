package io.flowforge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.server.EmbeddedBfsi;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FlowForgeCliTest {

    private static final String PASSWORD = "cli-Secret-42";
    @TempDir Path dir;
    private EmbeddedBfsi db;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        db = EmbeddedBfsi.start("BFSI_Cli", PASSWORD);
    }

    @AfterEach
    void stop() throws Exception {
        db.close();
    }

    private int run(String... args) {
        CommandLine cl = FlowForgeCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private Path job(String password, String extraDb) throws Exception {
        String url = db.connectionConfig().jdbcUrl().replace("\\", "\\\\");
        Path f = dir.resolve("job.json");
        Files.writeString(f, """
                {"job_id": "cli_job", "batch_id": "b1",
                 "source_config": {"type": "jdbc",
                   "connection": {"jdbcUrl": "%s", "username": "sa", "password": "%s"},
                   "databaseConfig": {"tableName": "dbo.customers"%s}},
                 "destination_config": {"bronzeConfig": {"tableName": "bronze_customers", "storageFormat": "parquet"},
                   "storage": {"type": "local", "path": "%s"}}}
                """.formatted(url, password, extraDb, dir.resolve("lake")));
        return f;
    }

    @Test
    void ingestPrintsTheResultJson() throws Exception {
        assertThat(run("ingest", job(PASSWORD, "").toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"status\" : \"success\"").contains("\"records_processed\" : 500")
                .contains("bronze_customers/b1.parquet");
        assertThat(Files.exists(dir.resolve("lake/bronze/bronze_customers/b1.parquet"))).isTrue();
    }

    @Test
    void aBadJobFileExitsWith2NamingEveryKey() throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"job_id\": \"x\", \"source_config\": {\"type\": \"jdbc\", \"connection\": {}, \"databaseConfig\": {\"tabel\": \"t\"}}}");
        assertThat(run("ingest", f.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("source_config.databaseConfig.tabel: unknown key (expected one of tableName, schemaName, query,")
                .contains("destination_config: required");
    }

    @Test
    void aFailedRunExitsWith1WithoutThePassword() throws Exception {
        assertThat(run("ingest", job("wrong-" + PASSWORD, "").toString())).isEqualTo(1);
        assertThat(out.toString()).contains("\"status\" : \"failed\"");
        assertThat(out.toString() + err).doesNotContain(PASSWORD);
    }

    @Test
    void testConnectionAndTablesFromTheJobFile() throws Exception {
        Path f = job(PASSWORD, "");
        assertThat(run("test-connection", "--job", f.toString())).isZero();
        assertThat(out.toString()).contains("\"success\" : true").contains("\"product_name\" : \"H2\"");
        assertThat(run("tables", "--job", f.toString())).isZero();
        assertThat(out.toString()).contains("\"name\" : \"customers\"").contains("\"name\" : \"accounts\"");
        assertThat(run("schema", "--job", f.toString(), "dbo.customers")).isZero();
        assertThat(out.toString()).contains("\"primary_key\" : [ \"customer_id\" ]");
    }

    @Test
    void previewPrintsDatesAsDatesAndNullsAsNull() throws Exception {
        assertThat(run("preview", "--job", job(PASSWORD, "").toString(), "dbo.customers", "--rows", "3")).isZero();
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).startsWith("customer_id\tfirst_name\tlast_name\temail");
        // Customer 3 (Zoë) has no email; her date of birth is 1950-01-01 + 291 days.
        assertThat(lines[3]).startsWith("3\tZoë\tMüller\tNULL\t+1-555-0003\t1950-10-19\t");
    }

    @Test
    void wrongPasswordFailsTheConnectionTestWithExit1() throws Exception {
        assertThat(run("test-connection", "--job", job("wrong-" + PASSWORD, "").toString())).isEqualTo(1);
        assertThat(out.toString()).contains("\"success\" : false").doesNotContain(PASSWORD);
    }
}

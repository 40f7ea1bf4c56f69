package io.flowforge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowforge.connector.testkit.LiveDatabases;
import io.flowforge.server.EmbeddedBfsi;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --format} for people and scripts, and preview's canonical values: on the embedded
 * BFSI_Test, and on a PostgreSQL table with a type of each kind (where PostgreSQL is reachable).
 */
class PreviewAndTablesFormatTest {

    @TempDir Path dir;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cl = FlowForgeCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private Path bfsiJob(EmbeddedBfsi db) throws Exception {
        return Files.writeString(dir.resolve("job.json"), """
                {"job_id": "f", "source_config": {"type": "jdbc", "connection": {"jdbcUrl": "%s", "username": "sa",
                   "password": "pw-1"}, "databaseConfig": {"tableName": "dbo.customers"}},
                 "destination_config": {"bronzeConfig": {"tableName": "b"}, "storage": {"type": "local", "path": "%s"}}}
                """.formatted(db.connectionConfig().jdbcUrl().replace("\\", "\\\\"), dir.resolve("lake")));
    }

    @Test
    void previewPrintsEveryTimestampWithTheColumnsDigitsInEachFormat() throws Exception {
        try (EmbeddedBfsi db = EmbeddedBfsi.start("BFSI_Formats", "pw-1")) {
            Path job = bfsiJob(db);
            assertThat(run("preview", "--job", job.toString(), "dbo.customers", "--rows", "2")).isZero();
            // Before: 2023-01-01T01:13 (LocalDateTime.toString() drops zero seconds); DATETIME is timestamp(3) in H2.
            assertThat(out.toString().split("\n")[1]).isEqualTo("1\tJames\tKowalski\tcustomer001@example.com\t+1-555-0001"
                    + "\t1950-04-08\t2000.00\t79.19\ttrue\t2023-01-01T01:13:00.000\t2024-01-01T00:00:00.000");

            assertThat(run("preview", "--job", job.toString(), "dbo.customers", "--rows", "3", "--format", "table")).isZero();
            String[] lines = out.toString().split("\n");
            assertThat(lines[0]).startsWith("customer_id  first_name  last_name  email                    phone        ");
            assertThat(lines[3]).startsWith("          3  Zoë         Müller     NULL                     +1-555-0003  1950-10-19");
            assertThat(lines[1].indexOf("2023-01-01T01:13:00.000")).isEqualTo(lines[3].indexOf("2023-01-01T03:39:00.000"));

            assertThat(run("preview", "--job", job.toString(), "dbo.customers", "--rows", "3", "--format", "json")).isZero();
            JsonNode json = new ObjectMapper().readTree(out.toString());
            assertThat(json.path("table").asText()).isEqualTo("dbo.customers");
            assertThat(json.path("columns").get(6).path("arrow_type").asText()).isEqualTo("Decimal(15, 2, 128)");
            JsonNode zoe = json.path("rows").get(2);
            assertThat(zoe.path("email").isNull()).isTrue();
            assertThat(zoe.path("customer_id").isInt()).isTrue();
            assertThat(zoe.path("is_active").isBoolean()).isTrue();
            assertThat(zoe.path("credit_limit").asText()).isEqualTo("4000.00");
            assertThat(zoe.path("created_at").asText()).isEqualTo("2023-01-01T03:39:00.000");
        }
    }

    @Test
    void tablesSchemaAndTestConnectionAsTables() throws Exception {
        try (EmbeddedBfsi db = EmbeddedBfsi.start("BFSI_Tables", "pw-1")) {
            Path job = bfsiJob(db);
            assertThat(run("tables", "--job", job.toString(), "--format", "table")).isZero();
            assertThat(out.toString()).isEqualTo("""
                    SCHEMA  NAME       KIND   ROWS (ESTIMATE)
                    dbo     accounts   table                -
                    dbo     customers  table                -
                    2 tables
                    """);
            assertThat(run("schema", "--job", job.toString(), "dbo.customers", "--format=table")).isZero();
            assertThat(out.toString()).startsWith("dbo.customers: 11 columns, primary key (customer_id)\n\n"
                    + " #  COLUMN           SOURCE TYPE             ARROW TYPE         NULLABLE  KEY\n"
                    + " 1  customer_id      INTEGER                 int32              no        PK\n"
                    + " 2  first_name       CHARACTER VARYING(50)   string             no\n")
                    .contains("10  created_at       TIMESTAMP               timestamp[us]      no\n");
            assertThat(run("test-connection", "--job", job.toString(), "--format", "table")).isZero();
            assertThat(out.toString()).startsWith("connection  ok\nserver      H2 2.4.240");
            assertThat(run("tables", "--job", job.toString(), "--format", "tsv")).isEqualTo(2);
            assertThat(err.toString()).isEqualTo("flowforge: --format tsv is not available here; use one of [json, table]\n");
        }
    }

    @Test
    void postgresqlValuesInTheirCanonicalForms() throws Exception {
        String url = LiveDatabases.setting("FLOWFORGE_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = LiveDatabases.setting("FLOWFORGE_PG_USER", "postgres");
        Optional<String> problem;
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            problem = Optional.empty();
        } catch (SQLException e) {
            problem = Optional.of(String.valueOf(e.getMessage()));
        }
        LiveDatabases.requireReachable("PostgreSQL", url, problem);
        String schema = "ff_fmt_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            s.execute("CREATE TABLE " + schema + ".v (id int PRIMARY KEY, ts6 timestamp(6), ts0 timestamp(0), tstz timestamptz,"
                    + " n numeric(20,10), u uuid, b bytea, t text, tm time(3), big bigint)");
            s.execute("INSERT INTO " + schema + ".v VALUES (1, '2010-06-14 02:47:00', '2011-07-17 15:00:20', "
                    + "'2024-03-31 00:30:00+00', 0, '123e4567-e89b-12d3-a456-426614174000', '\\x00ab', 'NULL', '23:59:59.999',"
                    + " 9223372036854775807), (2, '2011-07-17 15:00:20.123456', NULL, NULL, -1.5, NULL, NULL, NULL, '01:02:03.5',"
                    + " NULL)");
        }
        try {
            Path job = Files.writeString(dir.resolve("pg.json"), """
                    {"job_id": "p", "source_config": {"type": "postgresql", "connection": {"jdbcUrl": "%s", "username": "%s"},
                       "databaseConfig": {"tableName": "%s.v"}},
                     "destination_config": {"bronzeConfig": {"tableName": "b"}, "storage": {"type": "local", "path": "%s"}}}
                    """.formatted(url, user, schema, dir.resolve("lake")));
            assertThat(run("preview", "--job", job.toString(), schema + ".v")).as(err.toString()).isZero();
            String[] lines = out.toString().split("\n");
            assertThat(lines[0]).isEqualTo("id\tts6\tts0\ttstz\tn\tu\tb\tt\ttm\tbig");
            assertThat(lines[1]).isEqualTo("1\t2010-06-14T02:47:00.000000\t2011-07-17T15:00:20\t2024-03-31T00:30:00.000000Z"
                    + "\t0.0000000000\t123e4567-e89b-12d3-a456-426614174000\t0x00ab\t\"NULL\"\t23:59:59.999\t9223372036854775807");
            assertThat(lines[2]).isEqualTo("2\t2011-07-17T15:00:20.123456\tNULL\tNULL\t-1.5000000000\tNULL\tNULL\tNULL"
                    + "\t01:02:03.500\tNULL");
            assertThat(run("schema", "--job", job.toString(), schema + ".v", "--format", "table")).isZero();
            assertThat(out.toString()).contains(" 5  n       numeric(20,10)  decimal128(20, 10)     yes\n")
                    .contains(" 4  tstz    timestamptz     timestamp[us, tz=UTC]  yes\n");
        } finally {
            try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}

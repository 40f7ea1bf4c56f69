package io.flowforge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.connector.testkit.LiveDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real command line, in a JVM of its own (so its stdout and stderr are the process's, driver
 * logs included), given a password inside a {@code jdbcUrl} in each form a driver reads: the
 * password never appears in either stream.
 */
class FlowForgeCliSecretsTest {

    private static final String SECRET = "CliUrl" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private static final String MARIADB = LiveDatabases.setting("FLOWFORGE_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/test");

    @TempDir Path dir;

    record Run(int exitCode, String stdout, String stderr) {}

    /**
     * Forms whose failure comes from the driver reading the URL itself: MariaDB echoes the user
     * info's rest as a port, pgjdbc names it as an unknown host, mssql-jdbc as a bad port number.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "test-connection | mysql | jdbc:mariadb://user:SECRET@127.0.0.1:3306/test",
        "tables | mysql | jdbc:mariadb://user:SECRET@127.0.0.1:3306/test",
        "test-connection | jdbc | jdbc:mariadb://user:SECRET@127.0.0.1:3306/test",
        "tables | jdbc | jdbc:mariadb://user:SE:SECRET@127.0.0.1:3306/test",
        "test-connection | postgresql | jdbc:postgresql://user:SECRET@127.0.0.1:5432/test",
        "tables | postgresql | jdbc:postgresql://user:SECRET@127.0.0.1:5432/test",
        "test-connection | sql-server | jdbc:sqlserver://user:SECRET@127.0.0.1:1;loginTimeout=2",
        "tables | sql-server | jdbc:sqlserver://127.0.0.1:1;user=sa;password={SECRET;a}}b};loginTimeout=2",
    })
    void aPasswordInsideTheUrlNeverReachesStdoutOrStderr(String command, String type, String url) throws Exception {
        // In a job file: the command line itself refuses a URL with a password (see below).
        String connection = "\"jdbcUrl\": \"" + url.replace("SECRET", SECRET) + "\""
                // The sql-server connector asks for a user and password even with a jdbcUrl.
                + (type.equals("sql-server") ? ", \"username\": \"sa\", \"passwordEnv\": \"FF_CLI_TEST_PASSWORD\"" : "");
        Path job = Files.writeString(dir.resolve("url-job.json"), """
                {"job_id": "url_job", "source_config": {"type": "%s", "connection": {%s}, "databaseConfig": {"tableName": "t"}},
                 "destination_config": {"bronzeConfig": {"tableName": "b"}, "storage": {"type": "local", "path": "%s"}}}
                """.formatted(type, connection, dir.resolve("lake")));
        Run run = cli(command, "--job", job.toString());
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
        assertThat(run.stdout() + run.stderr()).isNotBlank().doesNotContain(SECRET);
        if (command.equals("test-connection")) {
            assertThat(run.stdout()).contains("\"success\" : false").contains("******");
        } else {
            assertThat(run.stderr()).startsWith("flowforge: ").contains("******");
        }
    }

    @Test
    void aPasswordOnTheCommandLineIsRefusedWithoutEchoingIt() throws Exception {
        Run url = cli("test-connection", "--type", "mysql", "--jdbc-url", "jdbc:mariadb://user:" + SECRET + "@127.0.0.1:3306/test");
        assertThat(url.exitCode()).isEqualTo(2);
        assertThat(url.stderr()).isEqualTo("flowforge: --jdbc-url holds a password; passwords are never taken on the command "
                + "line. Leave it out of the URL and give --password-env VAR (or use a job file with passwordEnv).\n");
        Run property = cli("tables", "--type", "postgresql", "--host", "127.0.0.1", "--property", "password=" + SECRET);
        assertThat(property.exitCode()).isEqualTo(2);
        assertThat(property.stdout() + property.stderr()).doesNotContain(SECRET).contains("--property password looks like a secret");
    }

    /** The live MariaDB refuses the URL's user and password; the job file form, as an orchestrator passes it. */
    @Test
    void theLiveMariaDbRefusesTheUrlsPasswordWithoutShowingIt() throws Exception {
        requireMariaDb();
        String url = MARIADB + (MARIADB.contains("?") ? "&" : "?") + "user=root&password=" + SECRET;
        Path job = dir.resolve("job.json");
        Files.writeString(job, """
                {"job_id": "secret_job",
                 "source_config": {"type": "mysql", "connection": {"jdbcUrl": "%s"},
                   "databaseConfig": {"tableName": "t"}},
                 "destination_config": {"bronzeConfig": {"tableName": "b"}, "storage": {"type": "local", "path": "%s"}}}
                """.formatted(url, dir.resolve("lake")));
        Run run = cli("test-connection", "--job", job.toString());
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
        assertThat(run.stdout()).contains("\"success\" : false").contains("Access denied for user 'root'")
                .contains("password=******");
        assertThat(run.stdout() + run.stderr()).doesNotContain(SECRET);
        Run ingest = cli("ingest", job.toString());
        assertThat(ingest.exitCode()).isEqualTo(1);
        assertThat(ingest.stdout() + ingest.stderr()).contains("Access denied").doesNotContain(SECRET);
    }

    private static void requireMariaDb() {
        Optional<String> problem;
        try (Connection c = DriverManager.getConnection(MARIADB, LiveDatabases.setting("FLOWFORGE_MYSQL_USER", "root"),
                LiveDatabases.setting("FLOWFORGE_MYSQL_PASSWORD", ""))) {
            problem = Optional.empty();
        } catch (SQLException e) {
            problem = Optional.of(String.valueOf(e.getMessage()));
        }
        LiveDatabases.requireReachable("MariaDB", MARIADB, problem);
    }

    /** Runs {@code flowforge args...} in a child JVM with this test's class path. */
    private static Run cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", ChildCli.classPathWithoutLogback(),
                FlowForgeCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("FF_CLI_TEST_PASSWORD", "another-password-1");
        Process p = pb.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("flowforge " + String.join(" ", args).replace(SECRET, "<secret>") + " did not finish");
        }
        return new Run(p.exitValue(), out.get(), err.get());
    }

    private static String drain(InputStream in) {
        try (in) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

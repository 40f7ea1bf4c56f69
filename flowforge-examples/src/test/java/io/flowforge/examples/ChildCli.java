package io.flowforge.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The {@code flowforge} CLI as a real child process ({@code java -cp <test class path>
 * io.flowforge.examples.FlowForgeCli ingest job.json}), so tests can send it SIGTERM, SIGINT and
 * SIGKILL. Its standard output and error go to files in the test's folder.
 */
final class ChildCli {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path out;
    private final Path err;

    private ChildCli(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code flowforge ingest job [args]} with extra JVM system properties ({@code -Dk=v}). */
    static ChildCli ingest(Path dir, Path job, List<String> jvmProperties, String... args) throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The child logs through slf4j-simple, as the shaded jar does: S3Proxy's logback stays in this JVM.
        String classPath = classPathWithoutLogback();
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "--add-opens=java.base/java.nio=ALL-UNNAMED"));
        cmd.addAll(jvmProperties);
        cmd.addAll(List.of("-cp", classPath, FlowForgeCli.class.getName(), "ingest", job.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new ChildCli(p, out, err);
    }

    /** This test JVM's class path without S3Proxy's logback: a child logs through slf4j-simple alone, as the jar does. */
    static String classPathWithoutLogback() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.contains("logback")).collect(Collectors.joining(File.pathSeparator));
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends a signal by name (TERM, INT, KILL). */
    void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** Waits for the exit code; fails the test if the child runs longer than {@code limit}. */
    int exitCode(Duration limit) throws Exception {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the CLI did not exit within " + limit + "; stderr:\n" + stderr());
        }
        return process.exitValue();
    }

    /** Waits until standard error contains {@code text}. */
    void awaitStderr(String text, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!stderr().contains(text)) {
            if (System.nanoTime() > deadline || !process.isAlive() && !stderr().contains(text)) {
                throw new AssertionError("stderr never showed '" + text + "':\n" + stderr());
            }
            Thread.sleep(10);
        }
    }

    String stdout() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    /** The result JSON the CLI printed on standard output. */
    JsonNode result() throws IOException {
        String text = stdout();
        if (text.isBlank()) {
            throw new AssertionError("no result on stdout; stderr:\n" + stderr());
        }
        return JSON.readTree(text);
    }

    /** True if the child ignores {@code signal} (inherited SIG_IGN, e.g. a background job of a shell without job control). */
    boolean ignores(int signal) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << (signal - 1))) != 0;
            }
        }
        return false;
    }
}

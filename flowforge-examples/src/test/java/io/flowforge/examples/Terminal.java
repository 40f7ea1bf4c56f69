package io.flowforge.examples;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs the {@code flowforge} CLI as a child JVM (this test's class path, without S3Proxy's logback)
 * either on a pseudo-terminal — util-linux {@code script -qec CMD /dev/null}, whose output is what
 * the terminal showed — or with plain pipes, as an orchestrator runs it.
 */
final class Terminal {

    /** What a run left: its exit code, standard output, and standard error (on a terminal: the screen's bytes). */
    record Run(int exit, String out, String err) {}

    private Terminal() {}

    static boolean scriptAvailable() {
        return Files.isExecutable(Path.of("/usr/bin/script")) || Files.isExecutable(Path.of("/bin/script"));
    }

    private static List<String> java(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                FlowForgeCli.class.getName()));
        cmd.addAll(args);
        return cmd;
    }

    /**
     * On a pseudo-terminal: standard error is the terminal; standard output too, unless
     * {@code stdoutToFile}, when it goes to a file as in {@code flowforge ingest job.json > result.json}.
     */
    static Run onTerminal(Path dir, boolean stdoutToFile, Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        String command = java(List.of(args)).stream().map(Terminal::quote).collect(Collectors.joining(" "))
                + (stdoutToFile ? " > " + quote(out.toString()) : "");
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", command, "/dev/null");
        Path screen = Files.createTempFile(dir, "screen", ".txt");
        pb.redirectOutput(screen.toFile()).redirectError(ProcessBuilder.Redirect.appendTo(screen.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        prepare(pb, env);
        int exit = waitFor(pb.start());
        String shown = Files.readString(screen, StandardCharsets.UTF_8).replace("\r\n", "\n");
        return new Run(exit, stdoutToFile ? Files.readString(out, StandardCharsets.UTF_8) : shown, shown);
    }

    /** With pipes: neither stream is a terminal. */
    static Run withPipes(Path dir, Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(java(List.of(args))).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        prepare(pb, env);
        int exit = waitFor(pb.start());
        return new Run(exit, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static void prepare(ProcessBuilder pb, Map<String, String> env) {
        pb.environment().put("CLASSPATH", ChildCli.classPathWithoutLogback());
        pb.environment().put("TERM", "xterm-256color");
        pb.environment().put("COLUMNS", "120");
        pb.environment().put("LC_ALL", "C.UTF-8");
        pb.environment().putAll(env);
    }

    private static int waitFor(Process p) throws InterruptedException, IOException {
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("the CLI did not finish within 3 minutes");
        }
        return p.exitValue();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}

package io.flowforge.benchmark;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The speed and memory benchmark of issue 6: creates the bank customers table in the database it is
 * pointed at, then runs every scenario several times, interleaved, each run in a fresh child JVM
 * (so each run's peak RSS is its own), and prints median rows/s, MB/s, the ratio to the driver
 * floor and peak RSS. {@code --memory} runs FlowForge end to end at growing table sizes instead.
 */
public final class Benchmark {
    private static final String RESULT = "RESULT ";

    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        BenchOptions o = BenchOptions.parse(args);
        if (o.child() != null) {
            runChild(o);
            return;
        }
        System.out.println(machine());
        if (o.memory()) {
            memory(o);
        } else {
            speed(o);
        }
    }

    private static void runChild(BenchOptions o) throws Exception {
        Path work = Files.createTempDirectory("flowforge-bench-");
        try {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            try (AutoCloseable fixture = o.child().fixture(work)) {
                long cpuStart = os.getProcessCpuTime();
                long start = System.nanoTime();
                Scenario.Measurement m = o.child().run(o.target(o.rows()), work, fixture);
                long nanos = System.nanoTime() - start;
                long cpu = os.getProcessCpuTime() - cpuStart;
                ThreadCpu.Split split = ThreadCpu.now();
                System.out.println(RESULT + m.rows() + " " + nanos + " " + m.payloadBytes() + " " + m.writtenBytes() + " "
                        + ProcessMemory.peakRssKib() + " " + cpu + " " + split.jitNanos() + " " + split.gcNanos());
            }
        } finally {
            deleteTree(work);
        }
    }

    private static void speed(BenchOptions o) throws Exception {
        BenchTarget target = o.target(o.rows());
        double setup = TableSetup.ensure(target, o.rows());
        System.out.printf(Locale.ROOT, "table %s: %,d rows (%s)%n", target.table(), o.rows(),
                setup == 0 ? "reused" : String.format(Locale.ROOT, "created in %.1f s", setup));
        String loadBefore = loadAverage();
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        List<Build> builds = new ArrayList<>();
        builds.add(new Build("", System.getProperty("java.class.path")));
        if (o.baselineJar() != null) {
            if (!Files.isRegularFile(Path.of(o.baselineJar()))) {
                throw new IllegalArgumentException("--baseline-jar " + o.baselineJar() + " is not a file");
            }
            builds.add(new Build(" [baseline]", o.baselineJar()));
        }
        try (Pinning pin = o.pin() ? Pinning.pinServer(o.database()) : null) {
            Map<String, List<String>> archives = o.cds() ? trainArchives(o, builds) : Map.of();
            for (int i = 1; i <= o.runs(); i++) {
                for (Scenario s : o.scenarios()) {
                    for (Build b : builds) {
                        Run r = child(o, s, o.rows(), b.classPath(), archives.getOrDefault(s + b.suffix(), List.of()));
                        String label = s.label() + b.suffix();
                        System.out.printf(Locale.ROOT, "  run %d %-45s %,10.0f rows/s  %5.2f s wall  %5.2f s CPU in run  "
                                + "%5.2f s process CPU (JIT %s, GC %s)  peak RSS %,d MiB%n", i, label, r.rowsPerSecond(),
                                r.nanos() / 1e9, r.cpuNanos() / 1e9, r.processCpuNanos() / 1e9, seconds(r.jitNanos()),
                                seconds(r.gcNanos()), r.peakRssKib() / 1024);
                        runs.computeIfAbsent(label, k -> new ArrayList<>()).add(r);
                    }
                }
            }
        }
        printTable(o, runs);
        System.out.println("load average (1/5/15 min) at start: " + loadBefore + "; at end: " + loadAverage());
    }

    /**
     * With {@code --cds}: one untimed child per build and scenario that writes a dynamic class-data
     * archive at exit ({@code -XX:ArchiveClassesAtExit}: the classes it loaded, parsed and verified,
     * and its lambda proxies), and the option that maps it into that build's and scenario's timed
     * children ({@code -XX:SharedArchiveFile}), as a deployment that runs the CLI with AppCDS does.
     */
    private static Map<String, List<String>> trainArchives(BenchOptions o, List<Build> builds) throws Exception {
        Path dir = Files.createTempDirectory("flowforge-bench-cds");
        Map<String, List<String>> archives = new LinkedHashMap<>();
        int n = 0;
        for (Build b : builds) {
            for (Scenario s : o.scenarios()) {
                Path archive = dir.resolve((n++) + "-" + s.name().toLowerCase(Locale.ROOT) + ".jsa");
                child(o, s, o.rows(), b.classPath(), List.of("-XX:ArchiveClassesAtExit=" + archive));
                if (!Files.isRegularFile(archive)) {
                    throw new IllegalStateException("--cds: the training child of " + s + b.suffix() + " wrote no archive " + archive);
                }
                System.out.printf(Locale.ROOT, "  class-data archive for %s%s: %,d KiB%n", s.label(), b.suffix(),
                        Files.size(archive) / 1024);
                archives.put(s + b.suffix(), List.of("-XX:SharedArchiveFile=" + archive));
            }
        }
        return archives;
    }

    /** A build whose scenarios run: this one, or an older jar given with --baseline-jar. */
    private record Build(String suffix, String classPath) {}

    private static void printTable(BenchOptions o, Map<String, List<Run>> runs) {
        List<Run> floorRuns = runs.getOrDefault(Scenario.DRIVER_FLOOR.label(), List.of());
        long payload = floorRuns.stream().mapToLong(Run::payloadBytes).max().orElse(0);
        double floor = floorRuns.isEmpty() ? Double.NaN : median(floorRuns, Run::rowsPerSecond);
        double floorCpuPerRow = floorRuns.isEmpty() ? Double.NaN : median(floorRuns, Run::processCpuMicrosPerRow);
        double floorRest = floorRuns.isEmpty() ? Double.NaN : medianKnown(floorRuns, Run::restNanos);
        System.out.println();
        System.out.printf(Locale.ROOT, "%s, %,d rows, %d runs each, connector %s%s, child JVM %s%s%n",
                o.database().name().toLowerCase(Locale.ROOT), o.rows(), o.runs(), o.connector(),
                o.properties().isEmpty() ? "" : " " + o.properties(), String.join(" ", o.childJvmArgs()),
                (o.pin() ? ", pinned (server core " + Pinning.SERVER_CORE + ", client core " + Pinning.CLIENT_CORE + ")" : "")
                        + (o.cds() ? ", each build and scenario with its own class-data archive (--cds)" : ""));
        System.out.println("| scenario | median rows/s | MB/s (source payload) | x driver floor | Parquet MB "
                + "| peak RSS MiB (max of runs) | CPU s in run (median) | process CPU s, JVM included (median) "
                + "| process CPU s (min-max of runs) | process CPU µs/row | CPU/row x floor "
                + "| JIT CPU s (median) | GC CPU s (median) | rest CPU s (median) | rest CPU x floor |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Map.Entry<String, List<Run>> e : runs.entrySet()) {
            List<Run> rs = e.getValue();
            double rps = median(rs, Run::rowsPerSecond);
            double mbps = payload == 0 ? Double.NaN : rps * payload / o.rows() / 1e6;
            long parquet = rs.stream().mapToLong(Run::writtenBytes).max().orElse(0);
            long rss = rs.stream().mapToLong(Run::peakRssKib).max().orElse(-1);
            double perRow = median(rs, Run::processCpuMicrosPerRow);
            double cpuMin = rs.stream().mapToDouble(r -> r.processCpuNanos() / 1e9).min().orElse(Double.NaN);
            double cpuMax = rs.stream().mapToDouble(r -> r.processCpuNanos() / 1e9).max().orElse(Double.NaN);
            double rest = medianKnown(rs, Run::restNanos);
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %.1f | %.2f | %s | %s | %.2f | %.2f | %.2f-%.2f | %.2f | %.2f"
                    + " | %s | %s | %s | %.2f |%n",
                    e.getKey(), rps, mbps, rps / floor, parquet == 0 ? "-" : String.format(Locale.ROOT, "%.1f", parquet / 1e6),
                    rss < 0 ? "n/a" : Long.toString(rss / 1024), median(rs, r -> r.cpuNanos() / 1e9),
                    median(rs, r -> r.processCpuNanos() / 1e9), cpuMin, cpuMax, perRow, perRow / floorCpuPerRow,
                    seconds(medianKnown(rs, Run::jitNanos)), seconds(medianKnown(rs, Run::gcNanos)), seconds(rest),
                    rest / floorRest);
        }
        System.out.printf(Locale.ROOT, "source payload: %.1f MB (%,d bytes/row: strings as their characters, int 4, "
                + "date 4, decimal 16, boolean 1, timestamp 8; NULLs 0)%n", payload / 1e6, o.rows() == 0 ? 0 : payload / o.rows());
        System.out.println("CPU s in run: the child's process CPU from opening the connection to the last batch; process CPU:"
                + " the whole child process (JVM start-up, class loading, JIT and GC included), as the parent's waited-for"
                + " children's CPU (/proc/self/stat cutime + cstime, 10 ms ticks); its min-max across runs shows the spread:"
                + " a change smaller than it is not resolved by this invocation");
        System.out.println("JIT / GC CPU: the child's HotSpot compiler threads and garbage collector threads alive at its"
                + " end (/proc/self/task); rest: process CPU minus both (the application's threads, JVM start-up and class"
                + " loading): JIT time varies most from run to run, so rest resolves smaller changes to FlowForge's own work."
                + " '-': a --baseline-jar build that does not report them");
    }

    private static void memory(BenchOptions o) throws Exception {
        System.out.println("load average (1/5/15 min) at start: " + loadAverage());
        System.out.println("| rows | scenario | rows/s | Parquet MB | peak RSS MiB | process CPU µs/row | child JVM |");
        System.out.println("|---:|---|---:|---:|---:|---:|---|");
        for (long rows : o.memorySizes()) {
            BenchTarget target = o.target(rows);
            double setup = TableSetup.ensure(target, rows);
            if (setup > 0) {
                System.err.printf(Locale.ROOT, "created %s in %.1f s%n", target.table(), setup);
            }
            for (Scenario s : o.scenarios()) {
                Run r = child(o, s, rows, System.getProperty("java.class.path"));
                System.out.printf(Locale.ROOT, "| %,d | %s | %,.0f | %.1f | %,d | %.2f | %s |%n", rows, s.label(),
                        r.rowsPerSecond(), r.writtenBytes() / 1e6, r.peakRssKib() / 1024, r.processCpuMicrosPerRow(),
                        String.join(" ", o.childJvmArgs()));
            }
        }
    }

    /** One timed run in a new JVM with the child JVM options. */
    private static Run child(BenchOptions o, Scenario s, long rows, String classPath) throws Exception {
        return child(o, s, rows, classPath, List.of());
    }

    /** {@link #child(BenchOptions, Scenario, long, String)} with more JVM options after the child JVM's own. */
    private static Run child(BenchOptions o, Scenario s, long rows, String classPath, List<String> moreJvmArgs) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (o.pin()) {
            cmd.addAll(Pinning.clientPrefix());
        }
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(o.childJvmArgs());
        cmd.addAll(moreJvmArgs);
        cmd.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(Benchmark.class.getName());
        cmd.add("--child");
        cmd.add(s.name());
        cmd.add("--rows");
        cmd.add(Long.toString(rows));
        cmd.addAll(Arrays.asList(o.target(rows).toArgs()));
        long childrenCpuBefore = childrenCpuNanos();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith(RESULT)) {
                    result = line.substring(RESULT.length());
                } else {
                    System.out.println(line);
                }
            }
        }
        int exit = p.waitFor();
        long processCpu = childrenCpuNanos() - childrenCpuBefore;
        if (exit != 0 || result == null) {
            throw new IllegalStateException("scenario " + s + " failed (exit " + exit + "): " + String.join(" ", cmd));
        }
        String[] f = result.split(" ");
        // A --baseline-jar build from before the JIT/GC split prints six fields.
        Run r = new Run(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                Long.parseLong(f[4]), Long.parseLong(f[5]), processCpu, f.length > 7 ? Long.parseLong(f[6]) : -1,
                f.length > 7 ? Long.parseLong(f[7]) : -1);
        if (r.rows() != rows) {
            throw new IllegalStateException("scenario " + s + " read " + r.rows() + " rows, expected " + rows);
        }
        return r;
    }

    /** One child's figures. */
    record Run(long rows, long nanos, long payloadBytes, long writtenBytes, long peakRssKib, long cpuNanos,
            long processCpuNanos, long jitNanos, long gcNanos) {
        double rowsPerSecond() {
            return rows * 1e9 / nanos;
        }

        double processCpuMicrosPerRow() {
            return processCpuNanos / 1e3 / rows;
        }

        /** Process CPU minus JIT and GC threads' (application threads, start-up, class loading); -1 if unknown. */
        long restNanos() {
            return jitNanos < 0 || gcNanos < 0 ? -1 : processCpuNanos - jitNanos - gcNanos;
        }
    }

    /** The median of the runs that know the figure (not -1), or NaN if none does. */
    private static double medianKnown(List<Run> runs, java.util.function.ToLongFunction<Run> f) {
        double[] v = runs.stream().mapToLong(f).filter(x -> x >= 0).mapToDouble(x -> x).sorted().toArray();
        return v.length == 0 ? Double.NaN : medianOfSorted(v);
    }

    /** Nanoseconds as seconds with two decimals, "-" for unknown (negative or NaN). */
    static String seconds(double nanos) {
        return Double.isNaN(nanos) || nanos < 0 ? "-" : String.format(Locale.ROOT, "%.2f", nanos / 1e9);
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
        return medianOfSorted(runs.stream().mapToDouble(f).sorted().toArray());
    }

    private static double medianOfSorted(double[] v) {
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /**
     * CPU time of this process's children that have been waited for (utime + stime of the ended
     * children, fields 16 and 17 of /proc/self/stat, in clock ticks of 10 ms), or 0 off Linux.
     * Read before a child starts and after it is reaped, it is that child's whole process CPU.
     */
    static long childrenCpuNanos() {
        try {
            return ThreadCpu.ticksNanos(Files.readString(Path.of("/proc/self/stat")), 16);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (Exception ignored) {
            // Not Linux.
        }
        var os = ManagementFactory.getOperatingSystemMXBean();
        long mem = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() >> 30 : -1;
        return String.format(Locale.ROOT, "machine: %d cores (%s), %d GiB, %s %s, Java %s", os.getAvailableProcessors(),
                cpu, mem, os.getName(), os.getArch(), System.getProperty("java.version"));
    }

    private static void deleteTree(Path root) throws Exception {
        try (var files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}

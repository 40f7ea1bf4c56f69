package io.flowforge.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a child's CPU went, by the kind of thread that spent it: HotSpot's JIT compiler threads
 * ({@code C1 CompilerThre}, {@code C2 CompilerThre}) and its garbage collector's threads (G1's
 * {@code GC Thread#n}, {@code G1 Conc#n}, {@code G1 Refine#n}, {@code G1 Main Marker},
 * {@code G1 Service}; Parallel's {@code GC Thread#n}), read from {@code /proc/self/task/<tid>/stat}
 * (utime + stime, clock ticks of 10 ms). The Serial collector, which HotSpot chooses on a machine
 * (or a {@code taskset}, as {@code --pin} sets) of one CPU, collects in the {@code VM Thread}: with
 * it, that thread counts as GC (its other safepoint work is small beside the collections).
 *
 * <p>Only threads alive when it is read are counted: a JIT compiler thread that HotSpot stopped
 * when idle ({@code UseDynamicNumberOfCompilerThreads}, only where there are more than one per
 * compiler, i.e. more than 2 cores' worth) is left out, so on larger machines the JIT figure is a
 * lower bound. Application threads that ended (a prefetch thread) are in the process CPU, not here,
 * which is why the benchmark reports "the rest" as process CPU minus JIT minus GC.
 */
final class ThreadCpu {
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ThreadCpu() {}

    /** JIT and GC CPU of the living threads, in nanoseconds; both -1 where /proc is not there. */
    record Split(long jitNanos, long gcNanos) {
        static final Split UNKNOWN = new Split(-1, -1);
    }

    static Split now() {
        boolean serial = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .anyMatch(gc -> gc.getName().equals("Copy") || gc.getName().equals("MarkSweepCompact"));
        long jit = 0;
        long gc = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue; // the thread ended while the directory was read
                }
                switch (kind(name(stat), serial)) {
                    case JIT -> jit += cpuNanos(stat);
                    case GC -> gc += cpuNanos(stat);
                    default -> { }
                }
            }
        } catch (IOException | RuntimeException e) {
            return Split.UNKNOWN;
        }
        return new Split(jit, gc);
    }

    enum Kind { JIT, GC, OTHER }

    /**
     * The kind of a thread by its name as Linux keeps it (the Java name cut to 15 bytes);
     * {@code serialGc}: the JVM runs the Serial collector, whose collections run in the VM thread.
     */
    static Kind kind(String name, boolean serialGc) {
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            return Kind.JIT;
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || serialGc && name.equals("VM Thread")) {
            return Kind.GC;
        }
        return Kind.OTHER;
    }

    /** The thread name of a stat line: field 2, between the first '(' and the last ')' (it may hold both). */
    static String name(String stat) {
        return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }

    /** utime + stime (fields 14 and 15) of a stat line, in nanoseconds. */
    static long cpuNanos(String stat) {
        return ticksNanos(stat, 14);
    }

    /**
     * Fields {@code field} and {@code field + 1} (numbered as in proc(5), clock ticks of 10 ms) of a
     * /proc stat line, summed, in nanoseconds. The name in parentheses may hold spaces and
     * parentheses: fields are counted after the last ')', where field 3 (state) begins.
     */
    static long ticksNanos(String stat, int field) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return (Long.parseLong(f[field - 3]) + Long.parseLong(f[field - 2])) * NANOS_PER_TICK;
    }
}

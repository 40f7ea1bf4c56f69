package io.flowforge.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    @Test
    void statLinesAreReadAfterTheLastParenthesis() {
        // A thread name may hold spaces and parentheses; utime 250 and stime 7 ticks are fields 14 and 15.
        String stat = "4242 (C2 CompilerThre) S 1 2 3 0 -1 4194368 0 0 0 0 250 7 0 0 20 0 30 0 100 0 0";
        assertThat(ThreadCpu.name(stat)).isEqualTo("C2 CompilerThre");
        assertThat(ThreadCpu.cpuNanos(stat)).isEqualTo(257 * 10_000_000L);
        String odd = "17 (a (b) c) R 1 2 3 0 -1 0 0 0 0 0 3 4 0 0 20 0 1 0 5 0 0";
        assertThat(ThreadCpu.name(odd)).isEqualTo("a (b) c");
        assertThat(ThreadCpu.cpuNanos(odd)).isEqualTo(7 * 10_000_000L);
        // The children's CPU the benchmark reads from /proc/self/stat: cutime 30 and cstime 12, fields 16 and 17.
        String process = "99 (java) S 1 2 3 0 -1 0 0 0 0 0 250 7 30 12 20 0 30 0 100 0 0";
        assertThat(ThreadCpu.ticksNanos(process, 16)).isEqualTo(42 * 10_000_000L);
    }

    @Test
    void threadsAreSortedByHotSpotsNames() {
        assertThat(ThreadCpu.kind("C1 CompilerThre", false)).isEqualTo(ThreadCpu.Kind.JIT);
        assertThat(ThreadCpu.kind("C2 CompilerThre", false)).isEqualTo(ThreadCpu.Kind.JIT);
        assertThat(ThreadCpu.kind("GC Thread#1", false)).isEqualTo(ThreadCpu.Kind.GC);
        assertThat(ThreadCpu.kind("G1 Conc#0", false)).isEqualTo(ThreadCpu.Kind.GC);
        assertThat(ThreadCpu.kind("G1 Main Marker", false)).isEqualTo(ThreadCpu.Kind.GC);
        assertThat(ThreadCpu.kind("java", false)).isEqualTo(ThreadCpu.Kind.OTHER);
        assertThat(ThreadCpu.kind("flowforge-prefe", false)).isEqualTo(ThreadCpu.Kind.OTHER);
        assertThat(ThreadCpu.kind("VM Thread", false)).isEqualTo(ThreadCpu.Kind.OTHER);
        // The Serial collector (one CPU, e.g. under --pin's taskset) collects in the VM thread.
        assertThat(ThreadCpu.kind("VM Thread", true)).isEqualTo(ThreadCpu.Kind.GC);
        assertThat(ThreadCpu.kind("java", true)).isEqualTo(ThreadCpu.Kind.OTHER);
    }

    @Test
    void thisJvmHasSpentCpuCompiling() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux /proc");
        // Loading JUnit and this class has compiled hundreds of methods by now.
        ThreadCpu.Split split = ThreadCpu.now();
        assertThat(split.jitNanos()).isPositive();
        assertThat(split.gcNanos()).isNotNegative();
        assertThat(Benchmark.seconds(split.jitNanos())).matches("\\d+\\.\\d\\d");
        assertThat(Benchmark.seconds(-1)).isEqualTo("-");
        assertThat(Benchmark.seconds(Double.NaN)).isEqualTo("-");
    }
}

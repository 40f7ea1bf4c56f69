package io.flowforge.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's peak resident set (VmHWM in /proc/self/status, Linux only). */
final class ProcessMemory {
    private ProcessMemory() {}

    /** Peak RSS in KiB, or -1 where /proc is not there. */
    static long peakRssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: the table shows "n/a".
        }
        return -1;
    }
}

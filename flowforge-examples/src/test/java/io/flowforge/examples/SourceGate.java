package io.flowforge.examples;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An H2 function ({@code CREATE ALIAS GATE}) that a child CLI's read passes for every row: when
 * the read (on FlowForge's prefetch thread) reaches the row named by {@code -Dflowforge.test.gateRow} it creates {@code reached} in the folder named by
 * {@code -Dflowforge.test.gate} and waits (up to 60 s) for {@code release} there, so a test can
 * signal the child at a known point of its read. Without the properties it lets every row pass.
 */
public final class SourceGate {

    private SourceGate() {
    }

    public static boolean pass(int id) throws Exception {
        String folder = System.getProperty("flowforge.test.gate");
        // Only the read of the rows stops (H2 runs it on the prefetch thread), not a query that plans the window.
        if (folder == null || id != Integer.getInteger("flowforge.test.gateRow", -1)
                || !Thread.currentThread().getName().startsWith("flowforge-prefetch")) {
            return true;
        }
        Path dir = Path.of(folder);
        Files.createFile(dir.resolve("reached"));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(dir.resolve("release")) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return true;
    }
}

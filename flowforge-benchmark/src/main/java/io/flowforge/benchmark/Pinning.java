package io.flowforge.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --pin}: models a remote database on a 2-core machine. The local database server's
 * processes (every thread, {@code taskset -a}) are put on core 0 and each child JVM is started
 * under {@code taskset -c 1}, so client and server no longer borrow each other's core and the
 * client's CPU is the bound, as it is when the server runs elsewhere. New PostgreSQL backends are
 * forked from the pinned postmaster and inherit its core. The servers' previous affinity is put
 * back when the benchmark ends (also on Ctrl-C).
 */
final class Pinning implements AutoCloseable {
    static final String SERVER_CORE = "0";
    static final String CLIENT_CORE = "1";

    private final Map<Long, String> previous = new LinkedHashMap<>();

    private Pinning() {}

    /** Pins the database server's processes; fails with the reason if that is not possible. */
    static Pinning pinServer(BenchDatabase db) throws IOException, InterruptedException {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            throw new IllegalStateException("--pin needs at least 2 cores, this machine has "
                    + Runtime.getRuntime().availableProcessors());
        }
        List<String> names = switch (db) {
            case POSTGRESQL -> List.of("postgres", "postmaster");
            case MARIADB -> List.of("mariadbd", "mysqld");
            default -> throw new IllegalArgumentException("--pin needs a local database server process (postgresql or"
                    + " mariadb); " + db.name().toLowerCase(java.util.Locale.ROOT) + " is "
                    + (db == BenchDatabase.H2 ? "embedded in the client" : "not local"));
        };
        List<Long> pids = new ArrayList<>();
        for (String name : names) {
            for (String line : run("pgrep", "-x", name).split("\n")) {
                if (!line.isBlank()) {
                    pids.add(Long.parseLong(line.trim()));
                }
            }
        }
        if (pids.isEmpty()) {
            throw new IllegalStateException("--pin found no process named " + names + " (pgrep -x)");
        }
        Pinning p = new Pinning();
        Runtime.getRuntime().addShutdownHook(new Thread(p::restore));
        for (long pid : pids) {
            // "pid 123's current affinity list: 0,1"
            String current = run("taskset", "-p", "-c", Long.toString(pid)).trim();
            p.previous.put(pid, current.substring(current.lastIndexOf(':') + 1).trim());
            run("taskset", "-a", "-p", "-c", SERVER_CORE, Long.toString(pid));
        }
        System.out.println("pinned: " + pids.size() + " " + names.get(0) + " processes (all threads) on core "
                + SERVER_CORE + ", child JVMs on core " + CLIENT_CORE + " (taskset)");
        return p;
    }

    /** The prefix that starts a child JVM on the client core. */
    static List<String> clientPrefix() {
        return List.of("taskset", "-c", CLIENT_CORE);
    }

    @Override
    public void close() {
        restore();
    }

    private synchronized void restore() {
        for (Map.Entry<Long, String> e : previous.entrySet()) {
            try {
                run("taskset", "-a", "-p", "-c", e.getValue(), Long.toString(e.getKey()));
            } catch (Exception ignored) {
                // The process ended meanwhile (a backend whose connection closed).
            }
        }
        previous.clear();
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        if (exit != 0 && !cmd[0].equals("pgrep")) {
            throw new IOException(String.join(" ", cmd) + " failed (exit " + exit + "): " + out.trim());
        }
        return out;
    }
}

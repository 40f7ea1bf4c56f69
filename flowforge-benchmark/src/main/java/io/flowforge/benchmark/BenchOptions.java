package io.flowforge.benchmark;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The benchmark's command line. */
record BenchOptions(BenchDatabase database, String url, String user, String password, String table, String connector,
        java.util.Map<String, String> properties, long rows, int runs, int batchSize, List<Scenario> scenarios, boolean memory, List<Long> memorySizes,
        List<String> childJvmArgs, Scenario child, boolean pin, String baselineJar, boolean cds) {

    static final String USAGE = """
            usage: flowforge-benchmark [--db postgresql|mariadb|h2|sqlserver] [--url JDBC_URL] [--user U] [--password P]
                                       [--rows N] [--runs R] [--batch-size B] [--scenarios A,B,...] [--connector ID]
                                       [--property KEY=VALUE ...] (connection properties, e.g. flowforge.readMethod=jdbc)
                                       [--memory [--sizes 1000000,5000000,20000000]] [--child-jvm "-Xmx256m ..."]
                                       [--pin] (database server on core 0, each child JVM on core 1, via taskset)
                                       [--baseline-jar OLD.jar] (also run every scenario from another build, interleaved)
                                       [--cds] (each build and scenario first trains a class-data archive of its own in an
                                                untimed child, which every timed child then maps: JVM start-up as a
                                                deployment with AppCDS pays it; the floor gets one too)
            scenarios: """ + Arrays.toString(Scenario.values());

    static BenchOptions parse(String[] args) {
        BenchDatabase db = BenchDatabase.POSTGRESQL;
        String url = null;
        String user = null;
        String password = "";
        String table = null;
        String connector = "jdbc";
        java.util.Map<String, String> properties = new java.util.LinkedHashMap<>();
        long rows = 2_000_000;
        int runs = 3;
        int batch = 10_000;
        List<Scenario> scenarios = List.of(Scenario.values());
        boolean memory = false;
        List<Long> sizes = List.of(1_000_000L, 5_000_000L, 20_000_000L);
        List<String> jvm = null;
        Scenario child = null;
        boolean pin = false;
        String baselineJar = null;
        boolean cds = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--db" -> db = BenchDatabase.parse(args[++i]);
                case "--url" -> url = args[++i];
                case "--user" -> user = args[++i];
                case "--password" -> password = args[++i];
                case "--table" -> table = args[++i];
                case "--connector" -> connector = args[++i];
                case "--property" -> {
                    String kv = args[++i];
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--property needs KEY=VALUE, got '" + kv + "'");
                    }
                    properties.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                case "--rows" -> rows = Long.parseLong(args[++i].replace("_", ""));
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--batch-size" -> batch = Integer.parseInt(args[++i]);
                case "--scenarios" -> scenarios = Arrays.stream(args[++i].split(","))
                        .map(s -> Scenario.valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'))).toList();
                case "--memory" -> memory = true;
                case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).map(s -> Long.parseLong(s.trim())).toList();
                case "--child-jvm" -> jvm = Arrays.stream(args[++i].trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
                case "--child" -> child = Scenario.valueOf(args[++i]);
                case "--pin" -> pin = true;
                case "--baseline-jar" -> baselineJar = args[++i];
                case "--cds" -> cds = true;
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option '" + a + "'\n" + USAGE);
            }
        }
        if (url == null) {
            url = db.defaultUrl();
            if (url == null) {
                throw new IllegalArgumentException("--db " + db.name().toLowerCase(Locale.ROOT) + " needs --url");
            }
        }
        if (user == null) {
            user = db.defaultUser();
        }
        if (jvm == null) {
            // The parent's own heap settings (e.g. java -Xmx256m -jar ...) carry over to every child.
            jvm = new ArrayList<>();
            for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (arg.startsWith("-Xm") || arg.startsWith("-XX:") || arg.startsWith("-Dflowforge.")) {
                    jvm.add(arg);
                }
            }
        }
        if (memory && cds) {
            throw new IllegalArgumentException("--cds applies to speed runs (the default), not to --memory");
        }
        if (memory && scenarios.size() == Scenario.values().length) {
            scenarios = List.of(Scenario.FLOWFORGE_LOCAL);
        }
        return new BenchOptions(db, url, user, password, table, connector, properties, rows, runs, batch, scenarios, memory, sizes,
                List.copyOf(jvm), child, pin, baselineJar, cds);
    }

    BenchTarget target(long tableRows) {
        return new BenchTarget(database, url, user, password, table != null ? table : database.tableName(tableRows),
                connector, batchSize, properties);
    }
}

package io.flowforge.examples;

/**
 * The CLI's log levels, set through slf4j-simple's system properties. A logger reads them when it
 * is created, and FlowForge's loggers are created as a run starts, after the options are read;
 * a logger made earlier in the same JVM (in a test that runs many commands) keeps its level.
 */
final class LogSettings {

    private static final String PREFIX = "org.slf4j.simpleLogger.log.";

    private LogSettings() {}

    /** {@code --quiet}: warnings and errors only. */
    static void quiet() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // Loggers take the level of their nearest configured package; these are the roots of every logger here.
        for (String root : new String[] {"io", "com", "org", "net", "ch"}) {
            System.setProperty(PREFIX + root, "warn");
        }
    }

    /** A progress bar, or no progress at all: the periodic progress log lines stay out of the way. */
    static void withoutProgressLines() {
        System.setProperty(PREFIX + "io.flowforge.ingest.ProgressReader", "warn");
        System.setProperty(PREFIX + "io.flowforge.ingest.MultiTableProgress", "warn");
    }
}

package io.flowforge.connector.testkit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;

/**
 * Settings of the live databases the suite runs against, from environment variables (or system
 * properties of the same name) with local defaults, and the rule for an unreachable server: skip
 * with the reason, unless {@code FLOWFORGE_REQUIRE_DATABASES=true} (as in CI), which makes it fail.
 */
public final class LiveDatabases {

    public static final String REQUIRE_FLAG = "FLOWFORGE_REQUIRE_DATABASES";

    private LiveDatabases() {}

    /** The setting {@code name}, or {@code fallback} when neither the environment nor a system property sets it. */
    public static String setting(String name, String fallback) {
        String v = System.getProperty(name);
        if (v == null) {
            v = System.getenv(name);
        }
        return v != null ? v : fallback;
    }

    public static boolean required() {
        return Boolean.parseBoolean(setting(REQUIRE_FLAG, "false"));
    }

    /** Skips the calling test class, or fails it under the require flag, when {@code problem} is present. */
    public static void requireReachable(String displayName, String location, Optional<String> problem) {
        if (problem.isEmpty()) {
            return;
        }
        String message = displayName + " not reachable at " + location + ": " + problem.get();
        if (required()) {
            fail(message + " (" + REQUIRE_FLAG + "=true, so this fails instead of skipping)");
        }
        assumeTrue(false, message);
    }
}

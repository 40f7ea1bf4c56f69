package io.flowforge.connector.jdbc;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ConnectorConfigException;
import io.flowforge.connector.PublicEvolving;
import io.flowforge.connector.UrlSecrets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Collects what is missing or wrong in a connector's configuration and fails once, naming all of
 * it: {@code The sql-server connection configuration is incomplete: missing host, password (port is
 * optional and defaults to 1433); jdbcUrl must start with 'jdbc:sqlserver:'.}
 */
@PublicEvolving
public final class ConfigProblems {

    private final String identifier;
    private final int defaultPort;
    private final List<String> missing = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    public ConfigProblems(String identifier, int defaultPort) {
        this.identifier = requireNonNull(identifier, "identifier is null");
        this.defaultPort = defaultPort;
    }

    public static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Records {@code option} as missing unless it is present. */
    public ConfigProblems require(String option, boolean present) {
        if (!present) {
            missing.add(option);
        }
        return this;
    }

    /** Records {@code problem} unless {@code ok}. */
    public ConfigProblems check(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
        return this;
    }

    /**
     * Requires a host name holding none of the {@code forbidden} characters and no white space,
     * which would let it rewrite the URL built around it; {@code hint} says what to give instead.
     */
    public ConfigProblems host(String host, String forbidden, String hint) {
        if (blank(host)) {
            missing.add("host");
        } else if (host.chars().anyMatch(ch -> forbidden.indexOf(ch) >= 0 || Character.isWhitespace(ch))) {
            String chars = forbidden.chars().mapToObj(ch -> "'" + (char) ch + "'").collect(Collectors.joining(", "));
            // A host such as user:pw@db or db;password=pw carries a secret: shown masked.
            String shown = UrlSecrets.mask("//" + host).substring(2);
            problems.add("host '" + shown + "' must not contain " + chars + " or spaces: " + hint);
        }
        return this;
    }

    /** Throws a {@link ConnectorConfigException} naming every problem, if there is any. */
    public void throwIfAny() {
        List<String> all = new ArrayList<>(problems);
        if (!missing.isEmpty()) {
            all.add(0, "missing " + String.join(", ", missing) + " (port is optional and defaults to " + defaultPort + ")");
        }
        if (!all.isEmpty()) {
            throw new ConnectorConfigException("The " + identifier + " connection configuration is incomplete: "
                    + String.join("; ", all) + ".");
        }
    }
}

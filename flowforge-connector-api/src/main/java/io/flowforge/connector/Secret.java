package io.flowforge.connector;

import static java.util.Objects.requireNonNull;

/**
 * A password or key that never prints: {@link #toString()} is a fixed mask, and only
 * {@link #reveal()} gives the value, for the driver.
 */
@PublicEvolving
public final class Secret {
    /** What is printed in place of any secret. */
    public static final String MASK = "******";

    private final String value;
    private final String environmentVariable;

    private Secret(String value, String environmentVariable) {
        this.value = value;
        this.environmentVariable = environmentVariable;
    }

    public static Secret of(String value) {
        return new Secret(requireNonNull(value, "secret value is null"), null);
    }

    /**
     * A secret read from environment variable {@code name}, which remembers the name so that work
     * sent to another process (a Spark executor) can carry the name instead of the value.
     */
    public static Secret fromEnvironment(String name, String value) {
        return new Secret(requireNonNull(value, "secret value is null"), requireNonNull(name, "name is null"));
    }

    /** The environment variable this secret was read from, if it came from one. */
    public java.util.Optional<String> environmentVariable() {
        return java.util.Optional.ofNullable(environmentVariable);
    }

    /** The secret itself, to hand to a driver. Never log it. */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    /**
     * Replaces every occurrence of this secret in a text (for example a driver's error message)
     * with {@link #MASK}.
     */
    public String redact(String text) {
        if (text == null || value.isEmpty()) {
            return text;
        }
        return text.replace(value, MASK);
    }

    @Override
    public String toString() {
        return MASK;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}

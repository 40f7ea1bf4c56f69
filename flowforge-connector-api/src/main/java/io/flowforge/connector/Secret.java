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

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return new Secret(requireNonNull(value, "secret value is null"));
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

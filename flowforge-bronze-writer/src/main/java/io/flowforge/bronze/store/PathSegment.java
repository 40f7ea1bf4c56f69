package io.flowforge.bronze.store;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule for names that become one segment of an object path (bronze table names, batch ids,
 * job ids): letters, digits, {@code _ - . =}, not starting with {@code .} or {@code -} (hidden
 * files, command-line options), no {@code ..}, at most 255 characters. One owner for the rule,
 * used by the writer, the job parser and the CLI.
 */
public final class PathSegment {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.=-]{0,254}");

    private PathSegment() {}

    /** What is wrong with {@code value} as a path segment, or empty if nothing is. */
    public static Optional<String> problem(String what, String value) {
        if (value != null && ALLOWED.matcher(value).matches() && !value.contains("..")) {
            return Optional.empty();
        }
        return Optional.of(what + " '" + value + "' cannot be used in the object path: use letters,"
                + " digits, '_', '-', '.', '=' (not starting with '.' or '-', no '..', at most 255 characters)");
    }

    /** Returns {@code value}, or throws {@link IllegalArgumentException} with {@link #problem}'s text. */
    public static String check(String what, String value) {
        problem(what, value).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        return value;
    }

    /**
     * A free-form name (a table name filled into a template) made to pass {@link #check}: every
     * character the rule does not allow becomes {@code _}, as does a leading {@code .}, {@code -} or {@code =}
     * and each {@code ..}; a name longer than 255 characters, or an empty one, still fails
     * {@link #check} with {@code what} named.
     */
    public static String sanitize(String what, String name) {
        StringBuilder safe = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = c < 128 && Character.isLetterOrDigit(c) || c == '_' || i > 0 && (c == '.' || c == '-' || c == '=');
            safe.append(allowed ? c : '_');
        }
        return check(what, safe.toString().replace("..", "__"));
    }

    /**
     * A free-form name (a schema-qualified table) made safe as one path segment: {@code /},
     * {@code \}, {@code %}, control characters and a leading {@code .} are percent-encoded; every
     * other character, spaces included, stays, so ordinary names are unchanged.
     */
    public static String encode(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\' || c == '%' || c < 0x20 || c == 0x7f || (i == 0 && c == '.')) {
                out.append('%').append(String.format("%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

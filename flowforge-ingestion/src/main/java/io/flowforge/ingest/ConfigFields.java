package io.flowforge.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowforge.bronze.store.PathSegment;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowforge.connector.Secret;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed readers of a JSON configuration that record every problem by its key path instead of
 * throwing, so that one {@link JobConfigException} can list them all (job files, workflow files).
 */
final class ConfigFields {

    final List<String> problems = new ArrayList<>();
    private final Function<String, String> environment;

    ConfigFields(Function<String, String> environment) {
        this.environment = environment;
    }

    /** Throws the problems found so far, if any, as one exception ("The job file has 2 problems: ..."). */
    void throwIfAny(String what) {
        if (!problems.isEmpty()) {
            throw new JobConfigException("The " + what + " has " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems") + ":\n- " + String.join("\n- ", problems),
                    problems);
        }
    }


    void allow(JsonNode node, String path, String... keys) {
        Set<String> allowed = Set.of(keys);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                problems.add(join(path, k) + ": unknown key" + suggestion(k, keys));
            }
        }
    }

    private static String suggestion(String key, String[] keys) {
        for (String k : keys) {
            if (k.equalsIgnoreCase(key) || editDistance(k.toLowerCase(Locale.ROOT), key.toLowerCase(Locale.ROOT)) <= 2) {
                return " (did you mean " + k + "?)";
            }
        }
        return " (expected one of " + String.join(", ", keys) + ")";
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            int[] cur = new int[b.length() + 1];
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            prev = cur;
        }
        return prev[b.length()];
    }

    JsonNode object(JsonNode node, String path, String key, boolean required) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (required) problems.add(join(path, key) + ": required");
            return null;
        }
        if (!(v instanceof ObjectNode)) {
            problems.add(join(path, key) + ": expected an object");
            return null;
        }
        return v;
    }

    String text(JsonNode node, String path, String key, boolean required) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (required) problems.add(join(path, key) + ": required");
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            problems.add(join(path, key) + ": expected a non-empty string");
            return null;
        }
        return v.asText();
    }

    /** {@link #text}, for a name that becomes one segment of an object path: {@link PathSegment}'s rule, {@code what} named. */
    String segment(JsonNode node, String path, String key, String what, boolean required) {
        String v = text(node, path, key, required);
        if (v != null) {
            PathSegment.problem(what, v).ifPresent(p -> problems.add(join(path, key) + ": " + p));
        }
        return v;
    }

    boolean bool(JsonNode node, String path, String key, boolean dflt) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) return dflt;
        if (!v.isBoolean()) {
            problems.add(join(path, key) + ": expected true or false");
            return dflt;
        }
        return v.asBoolean();
    }

    Long integer(JsonNode node, String path, String key, long min, long max) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            problems.add(join(path, key) + ": expected a whole number from " + min + " to " + max);
            return null;
        }
        return v.asLong();
    }

    <E extends Enum<E>> E choice(JsonNode node, String path, String key, Class<E> type, E dflt) {
        String s = text(node, path, key, false);
        if (s == null) return dflt;
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(s.replace('-', '_'))) return e;
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) names.add(e.name().toLowerCase(Locale.ROOT));
        problems.add(join(path, key) + ": '" + s + "' is not one of " + String.join(", ", names));
        return dflt;
    }

    Optional<Secret> secret(JsonNode node, String path, String key, String envKey) {
        String direct = text(node, path, key, false);
        String env = text(node, path, envKey, false);
        if (direct != null && env != null) {
            problems.add(join(path, key) + ": give either " + key + " or " + envKey + ", not both");
            return Optional.empty();
        }
        if (env != null) {
            String value = environment.apply(env);
            if (value == null) {
                problems.add(join(path, envKey) + ": environment variable " + env + " is not set");
                return Optional.empty();
            }
            return Optional.of(Secret.fromEnvironment(env, value));
        }
        return Optional.ofNullable(direct).map(Secret::of);
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** {@code schemaChanges: {columns, types, onBreakingChange}}, or {@code dflt} when absent. */
    SchemaPolicy schemaPolicy(JsonNode node, String path, SchemaPolicy dflt) {
        JsonNode sc = object(node, path, "schemaChanges", false);
        if (sc == null) {
            return dflt;
        }
        String p = join(path, "schemaChanges");
        allow(sc, p, "columns", "types", "onBreakingChange");
        return new SchemaPolicy(choice(sc, p, "columns", SchemaPolicy.ColumnPolicy.class, dflt.columns()),
                choice(sc, p, "types", SchemaPolicy.TypePolicy.class, dflt.types()),
                choice(sc, p, "onBreakingChange", SchemaPolicy.BreakingPolicy.class, dflt.onBreakingChange()));
    }
}

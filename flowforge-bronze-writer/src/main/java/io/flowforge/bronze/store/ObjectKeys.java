package io.flowforge.bronze.store;

import static java.util.Objects.requireNonNull;

/** Checks object keys so that no key escapes the store's root or maps to two different files. */
final class ObjectKeys {

    private ObjectKeys() {
    }

    static String check(String key) {
        requireNonNull(key, "key is null");
        if (key.isEmpty() || key.startsWith("/") || key.endsWith("/") || key.contains("//")
                || key.indexOf('\\') >= 0 || key.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("object key '" + key
                    + "' is invalid: use slash-separated names relative to the store root, e.g. bronze/customers/batch_001.parquet");
        }
        for (String segment : key.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("object key '" + key + "' must not contain '.' or '..' segments");
            }
        }
        return key;
    }

    static String checkPrefix(String prefix) {
        requireNonNull(prefix, "prefix is null");
        if (prefix.startsWith("/") || prefix.contains("..")) {
            throw new IllegalArgumentException("prefix '" + prefix + "' must be relative to the store root and must not contain '..'");
        }
        return prefix;
    }
}

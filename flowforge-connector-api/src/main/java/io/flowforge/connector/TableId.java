package io.flowforge.connector;

import static java.util.Objects.requireNonNull;

/**
 * A table or view: an optional schema and a name, both as the database spells them (no quotes).
 */
@PublicEvolving
public record TableId(String schema, String name) implements Comparable<TableId> {

    public TableId {
        requireNonNull(name, "name is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("table name is empty");
        }
        if (schema != null && schema.isEmpty()) {
            schema = null;
        }
    }

    public static TableId of(String schema, String name) {
        return new TableId(schema, name);
    }

    /**
     * Parses {@code name} or {@code schema.name}. A name that itself contains a dot must be built
     * with {@link #of(String, String)} instead.
     */
    public static TableId parse(String qualified) {
        requireNonNull(qualified, "table name is null");
        int dot = qualified.indexOf('.');
        if (dot < 0) {
            return new TableId(null, qualified);
        }
        if (qualified.indexOf('.', dot + 1) >= 0) {
            throw new IllegalArgumentException("table name '" + qualified
                    + "' has more than one dot: give it as schema.table, or build it with TableId.of(schema, name)");
        }
        return new TableId(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    /** {@code schema.name}, or {@code name} without a schema: for messages, paths and audit columns. */
    public String qualifiedName() {
        return schema == null ? name : schema + "." + name;
    }

    @Override
    public int compareTo(TableId o) {
        int c = String.valueOf(schema).compareTo(String.valueOf(o.schema));
        return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}

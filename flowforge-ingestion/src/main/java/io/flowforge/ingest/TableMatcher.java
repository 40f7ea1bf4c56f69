package io.flowforge.ingest;

import io.flowforge.connector.TableId;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Matches table ids against the names and patterns of a multi-table job: {@code schema.table}
 * or {@code table} (any schema); {@code *} and {@code %} match any run of characters, {@code ?}
 * one; everything else literally ({@code _} too, so {@code order_%} means what it says). Matching
 * ignores case, as SQL Server's default collations and unquoted names elsewhere do.
 */
final class TableMatcher {

    private final Pattern schema;
    private final Pattern name;

    private TableMatcher(Pattern schema, Pattern name) {
        this.schema = schema;
        this.name = name;
    }

    static boolean isPattern(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('%') >= 0 || text.indexOf('?') >= 0;
    }

    static TableMatcher of(String pattern) {
        int dot = lastUnquotedDot(pattern);
        String schemaPart = dot < 0 ? null : pattern.substring(0, dot);
        String namePart = dot < 0 ? pattern : pattern.substring(dot + 1);
        return new TableMatcher(schemaPart == null ? null : regex(schemaPart), regex(namePart));
    }

    boolean matches(TableId id) {
        boolean schemaOk = schema == null || (id.schema() != null && schema.matcher(id.schema()).matches());
        return schemaOk && name.matcher(id.name()).matches();
    }

    private static int lastUnquotedDot(String s) {
        // A table name may itself hold dots only when its schema is given: split at the first dot.
        return s.indexOf('.');
    }

    private static Pattern regex(String glob) {
        StringBuilder r = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*', '%' -> r.append(".*");
                case '?' -> r.append('.');
                default -> r.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(r.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    @Override
    public String toString() {
        return (schema == null ? "" : schema.pattern() + ".") + name.pattern().toLowerCase(Locale.ROOT);
    }
}

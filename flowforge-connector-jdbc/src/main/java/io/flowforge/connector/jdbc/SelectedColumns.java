package io.flowforge.connector.jdbc;

import io.flowforge.connector.Internal;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.UnsupportedTypePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The columns a read will return, each with its mapping, after the caller's
 * {@link UnsupportedTypePolicy} has been applied to the columns the type mapping cannot represent.
 * Built before any row is read, so {@code FAIL} fails before the first row.
 */
@Internal
public record SelectedColumns(List<JdbcColumn> columns, List<ColumnMapping> mappings) {

    private static final Logger LOG = LoggerFactory.getLogger(SelectedColumns.class);

    public SelectedColumns {
        columns = List.copyOf(columns);
        mappings = List.copyOf(mappings);
        if (columns.size() != mappings.size()) {
            throw new IllegalArgumentException("columns and mappings differ in number");
        }
    }

    /**
     * Maps every column and applies the policy.
     *
     * @param source the table's qualified name (or {@code query}) for messages
     * @throws ConnectorException with one message naming every unsupported column under
     *     {@code FAIL} (or, under {@code AS_STRING}, every one without an exact text form), or when
     *     {@code SKIP} leaves no column at all
     */
    public static SelectedColumns resolve(
            String source, List<JdbcColumn> columns, JdbcTypeMapping typeMapping, ReadOptions options) {
        List<JdbcColumn> kept = new ArrayList<>();
        List<ColumnMapping> mappings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> noText = new ArrayList<>();
        if (!options.columns().isEmpty()) {
            List<String> names = columns.stream().map(JdbcColumn::name).toList();
            List<String> missing = options.columns().stream().filter(n -> !names.contains(n)).toList();
            if (!missing.isEmpty()) {
                throw new ConnectorException("'" + source + "' has no column " + String.join(", ", missing)
                        + " of the " + options.columns().size() + " asked for (ReadOptions.withColumns); its columns are: "
                        + String.join(", ", names) + ".");
            }
            columns = columns.stream().filter(c -> options.columns().contains(c.name())).toList();
        }
        for (JdbcColumn c : columns) {
            Optional<ColumnMapping> m = typeMapping.map(c, options);
            if (m.isPresent()) {
                kept.add(c);
                mappings.add(m.get());
                continue;
            }
            switch (options.unsupportedTypePolicy()) {
                case FAIL -> problems.add("Column '" + source + "." + c.name() + "' has type " + c.typeName()
                        + ", which has no exact Arrow type: " + typeMapping.unsupportedReason(c) + ".");
                case SKIP -> skipped.add(c.name() + " (" + c.typeName() + ")");
                case AS_STRING -> {
                    Optional<ColumnMapping> text = typeMapping.asStringIfExact(c);
                    if (text.isPresent()) {
                        kept.add(c);
                        mappings.add(text.get());
                    } else {
                        noText.add("Column '" + source + "." + c.name() + "' has type " + c.typeName()
                                + ", which has no text form AS_STRING could read: " + typeMapping.unsupportedReason(c) + ".");
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            String them = problems.size() == 1 ? "it" : "them";
            throw new ConnectorException(String.join(" ", problems) + " Read " + them
                    + " with UnsupportedTypePolicy.AS_STRING or SKIP, or convert " + them + " in a query.");
        }
        if (!noText.isEmpty()) {
            throw new ConnectorException(String.join(" ", noText));
        }
        if (!skipped.isEmpty()) {
            LOG.warn("Reading {} without its unsupported columns (UnsupportedTypePolicy.SKIP): {}",
                    source, String.join(", ", skipped));
        }
        if (kept.isEmpty()) {
            throw new ConnectorException("'" + source + "' has no column left to read after skipping "
                    + String.join(", ", skipped) + "; read them with UnsupportedTypePolicy.AS_STRING instead.");
        }
        return new SelectedColumns(kept, mappings);
    }

    /** The select list, each item from its mapping's select expression. */
    public String selectList(JdbcDialect dialect) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            items.add(mappings.get(i).selectItem(dialect.quoteIdentifier(columns.get(i).name())));
        }
        return String.join(", ", items);
    }

    /** Result set positions when the select list is exactly these columns, in order. */
    public int[] positionsInSelectList() {
        int[] p = new int[columns.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = i + 1;
        }
        return p;
    }

    /** Result set positions when the result holds every original column (a query's own select list). */
    public int[] positionsByOrdinal() {
        return columns.stream().mapToInt(JdbcColumn::ordinal).toArray();
    }
}

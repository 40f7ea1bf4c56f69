package io.flowforge.connector.jdbc;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.PublicEvolving;
import io.flowforge.connector.Watermark;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A database's type table as data: each row names some of its types, the JDBC code its driver
 * reports for them in a query's result, the watermark they give as a delta column (or none), and
 * how such a column becomes its Arrow mapping ({@link StandardColumnMappings}, or null where a
 * column of the type does not fit). The catalog (the JDBC code of a catalog row), the type mapping
 * and the dialect's delta-column rule all read the one table, so a type is named once.
 * Names are matched without regard to case.
 */
@PublicEvolving
public final class TypeTable {

    /**
     * One row: its type names, JDBC code, watermark (null: no delta column) and mapping (a null
     * result: the column does not fit; a null mapping: a type the driver reports but the table does
     * not support).
     */
    public record Row(List<String> names, int jdbcType, Watermark.Type watermark, Function<JdbcColumn, ColumnMapping> mapping) {
        public Row {
            names = List.copyOf(names);
        }
    }

    /** A row of types the table knows the JDBC code of but does not support. */
    public static Row unsupported(int jdbcType, String... names) {
        return new Row(List.of(names), jdbcType, null, null);
    }

    /** A row whose types cannot be a delta column. */
    public static Row row(int jdbcType, Function<JdbcColumn, ColumnMapping> mapping, String... names) {
        return new Row(List.of(names), jdbcType, null, mapping);
    }

    /** A row whose types can be a delta column, giving {@code watermark}s. */
    public static Row row(int jdbcType, Watermark.Type watermark, Function<JdbcColumn, ColumnMapping> mapping, String... names) {
        return new Row(List.of(names), jdbcType, requireNonNull(watermark, "watermark is null"), mapping);
    }

    private final Function<JdbcColumn, String> key;
    private final Map<String, Row> rows = new HashMap<>();
    private final Set<String> supported = new java.util.LinkedHashSet<>();

    /**
     * @param key the name a column is looked up by (its type name, or MySQL's first word of it:
     *        {@code BIGINT UNSIGNED} is a {@code BIGINT})
     */
    public TypeTable(Function<JdbcColumn, String> key, Row... rows) {
        this.key = requireNonNull(key, "key is null");
        for (Row r : rows) {
            for (String name : r.names()) {
                if (this.rows.put(name.toLowerCase(Locale.ROOT), r) != null) {
                    throw new IllegalArgumentException("type " + name + " is in two rows of the type table");
                }
                if (r.mapping() != null) {
                    supported.add(name);
                }
            }
        }
    }

    /** Every type name of a supported row, as the rows spell it (the names the README's table lists). */
    public Set<String> supportedNames() {
        return Set.copyOf(supported);
    }

    private Optional<Row> row(JdbcColumn c) {
        return Optional.ofNullable(rows.get(key.apply(c).toLowerCase(Locale.ROOT)));
    }

    /**
     * The column's mapping by its row; for a name the table does not know, text when the driver
     * reports text ({@link StandardColumnMappings#textByJdbcType}); empty when it does not fit.
     */
    public Optional<ColumnMapping> map(JdbcColumn c) {
        Optional<Row> r = row(c);
        if (r.isEmpty()) {
            return Optional.ofNullable(StandardColumnMappings.textByJdbcType(c));
        }
        return Optional.ofNullable(r.get().mapping() == null ? null : r.get().mapping().apply(c));
    }

    /** The JDBC code the driver reports for a type name, {@link Types#OTHER} for a name the table does not know. */
    public int jdbcType(String typeName) {
        Row r = rows.get(typeName.toLowerCase(Locale.ROOT));
        return r == null ? Types.OTHER : r.jdbcType();
    }

    /** The watermark the column gives as a delta column, or empty if its type cannot be one. */
    public Optional<Watermark.Type> watermarkType(JdbcColumn c) {
        return row(c).map(Row::watermark);
    }
}

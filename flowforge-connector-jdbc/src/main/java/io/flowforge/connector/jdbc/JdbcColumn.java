package io.flowforge.connector.jdbc;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.PublicEvolving;

/**
 * A column as the JDBC driver or the catalog describes it: name, 1-based position, JDBC type code,
 * the database's own type name (matched first by type mappings), precision, scale, nullability,
 * and the collation of a text column where the catalog gives it ({@code null} otherwise), which a
 * dialect may need to compare a string watermark in the column's own code page.
 */
@PublicEvolving
public record JdbcColumn(
        String name, int ordinal, int jdbcType, String typeName, int precision, int scale, boolean nullable,
        String collation) {

    public JdbcColumn {
        requireNonNull(name, "name is null");
        requireNonNull(typeName, "typeName is null");
    }

    /** A column without a known collation. */
    public JdbcColumn(String name, int ordinal, int jdbcType, String typeName, int precision, int scale, boolean nullable) {
        this(name, ordinal, jdbcType, typeName, precision, scale, nullable, null);
    }
}

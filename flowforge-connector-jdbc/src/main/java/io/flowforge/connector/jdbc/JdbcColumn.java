package io.flowforge.connector.jdbc;

import static java.util.Objects.requireNonNull;

/**
 * A column as the JDBC driver or the catalog describes it: name, 1-based position, JDBC type code,
 * the database's own type name (matched first by type mappings), precision, scale, nullability.
 */
public record JdbcColumn(
        String name, int ordinal, int jdbcType, String typeName, int precision, int scale, boolean nullable) {

    public JdbcColumn {
        requireNonNull(name, "name is null");
        requireNonNull(typeName, "typeName is null");
    }
}

package io.flowforge.connector.jdbc;

import io.flowforge.connector.PublicEvolving;
import io.flowforge.connector.ReadOptions;
import java.util.Optional;

/**
 * A database's type mapping: a pure function from a column's metadata to its Arrow mapping.
 * Empty means "not supported"; the read then applies the caller's
 * {@link io.flowforge.connector.UnsupportedTypePolicy}. Implementations match the database's type
 * name first, then the JDBC type code, and must not need a connection.
 */
@PublicEvolving
public interface JdbcTypeMapping {

    Optional<ColumnMapping> map(JdbcColumn column, ReadOptions options);

    /**
     * The mapping for the columns of a caller's own query, whose select list cannot be rewritten:
     * types this mapping reads through a server-side conversion (a select expression such as
     * {@code m::numeric} or {@code ST_AsText(g)}) must be unsupported there. By default this
     * mapping. {@link JdbcConnector#queryTypeMapping()} asks for it; it is the one way to map query results.
     */
    default JdbcTypeMapping forQueries() {
        return this;
    }

    /**
     * The mapping used when the caller opts into reading an unsupported column as text
     * ({@code AS_STRING}); the default reads the driver's string form.
     */
    default ColumnMapping asString(JdbcColumn column) {
        return StandardColumnMappings.utf8(column);
    }

    /**
     * The {@code AS_STRING} mapping of an unsupported column, or empty when there is no exact text
     * form to read here: for a type whose text only the server can make (MySQL's spatial values,
     * whose driver string is their internal bytes) in a query, whose select list cannot be
     * rewritten. The read then fails naming the column and {@link #unsupportedReason}. By default
     * {@link #asString}.
     */
    default Optional<ColumnMapping> asStringIfExact(JdbcColumn column) {
        return Optional.of(asString(column));
    }

    /**
     * The reason for a type no row of a database's type table names, in the one wording every
     * connector uses: {@code no exact Arrow type for MySQL type GEOMETRY (JDBC type 1111); read it
     * with AS_STRING or SKIP, or convert it in a query}.
     */
    static String noExactType(String product, JdbcColumn column) {
        return "no exact Arrow type for " + product + " type " + column.typeName() + " (JDBC type " + column.jdbcType()
                + "); read it with AS_STRING or SKIP, or convert it in a query";
    }

    /**
     * The reason for a decimal wider than decimal128 ({@link StandardColumnMappings#decimalFits}), in
     * the one wording every connector uses, with the database's own cast, e.g.
     * {@code decimalBeyond("numeric(40,2)", "col::numeric(38,s)")}.
     */
    static String decimalBeyond(String type, String cast) {
        return type + " is beyond decimal128's 38 digits; cast it in a query (" + cast + ") or read it with AS_STRING (exact text)";
    }

    /** Why a column is not supported, for the error message. */
    default String unsupportedReason(JdbcColumn column) {
        return "no exact Arrow type for " + column.typeName() + " (JDBC type " + column.jdbcType() + ")";
    }
}

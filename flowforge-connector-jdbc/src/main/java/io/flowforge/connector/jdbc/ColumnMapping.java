package io.flowforge.connector.jdbc;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.PublicEvolving;
import java.util.function.UnaryOperator;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The Arrow field a source column becomes, the reader that fills it, and the SQL expression that
 * selects it (usually the quoted column itself; a conversion such as {@code [g].STAsBinary()} for
 * types read through the server). The field and reader are checked for agreement here, when the
 * mapping is built, not when the first row arrives.
 *
 * <p>A database with a faster bulk path than JDBC (PostgreSQL's binary {@code COPY}) attaches that
 * path's decoder to the same mapping ({@link #withBulkDecoder}), so one type table says both how
 * JDBC reads a column and whether, and how, the bulk path does; a mapping without one is read
 * through JDBC.
 */
@PublicEvolving
public record ColumnMapping(Field field, ColumnReader reader, UnaryOperator<String> selectExpression, Object bulkDecoder) {

    /** A mapping that selects the column through {@code selectExpression}, with no bulk decoder. */
    public ColumnMapping(Field field, ColumnReader reader, UnaryOperator<String> selectExpression) {
        this(field, reader, selectExpression, null);
    }

    public ColumnMapping {
        requireNonNull(field, "field is null");
        requireNonNull(reader, "reader is null");
        requireNonNull(selectExpression, "selectExpression is null");
        if (field.getType().getTypeID() != reader.arrowTypeId()) {
            throw new IllegalArgumentException("column mapping for '" + field.getName() + "' pairs field type "
                    + field.getType() + " with a reader of " + reader.arrowTypeId());
        }
    }

    /** A mapping that selects the column as it is. */
    public ColumnMapping(Field field, ColumnReader reader) {
        this(field, reader, UnaryOperator.identity());
    }

    /** This mapping with a database's own decoder for its bulk read path (see the class comment). */
    public ColumnMapping withBulkDecoder(Object decoder) {
        return new ColumnMapping(field, reader, selectExpression, requireNonNull(decoder, "decoder is null"));
    }

    /** The bulk path's decoder, if this mapping has one of that type. */
    public <T> java.util.Optional<T> bulkDecoder(Class<T> type) {
        return type.isInstance(bulkDecoder) ? java.util.Optional.of(type.cast(bulkDecoder)) : java.util.Optional.empty();
    }

    /** The select-list item for this column, given its quoted name. */
    public String selectItem(String quotedName) {
        String expr = selectExpression.apply(quotedName);
        return expr.equals(quotedName) ? quotedName : expr + " AS " + quotedName;
    }
}

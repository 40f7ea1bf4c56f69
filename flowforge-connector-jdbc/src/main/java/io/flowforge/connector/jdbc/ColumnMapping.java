package io.flowforge.connector.jdbc;

import static java.util.Objects.requireNonNull;

import java.util.function.UnaryOperator;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The Arrow field a source column becomes, the reader that fills it, and the SQL expression that
 * selects it (usually the quoted column itself; a conversion such as {@code [g].STAsBinary()} for
 * types read through the server). The field and reader are checked for agreement here, when the
 * mapping is built, not when the first row arrives.
 */
public record ColumnMapping(Field field, ColumnReader reader, UnaryOperator<String> selectExpression) {

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

    /** The select-list item for this column, given its quoted name. */
    public String selectItem(String quotedName) {
        String expr = selectExpression.apply(quotedName);
        return expr.equals(quotedName) ? quotedName : expr + " AS " + quotedName;
    }
}

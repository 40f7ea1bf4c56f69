package io.flowforge.connector;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * One source column: its type as the database names it, precision, scale and nullability, and the
 * Arrow field it maps to. {@code arrowField} is empty when the type is not supported; then
 * {@code unsupportedReason} says why and what the caller can opt into.
 */
@PublicEvolving
public record ColumnInfo(
        String name,
        int ordinal,
        String sourceTypeName,
        int jdbcType,
        int precision,
        int scale,
        boolean nullable,
        Optional<Field> arrowField,
        Optional<String> unsupportedReason) {

    public ColumnInfo {
        requireNonNull(name, "name is null");
        requireNonNull(sourceTypeName, "sourceTypeName is null");
        arrowField = arrowField == null ? Optional.empty() : arrowField;
        unsupportedReason = unsupportedReason == null ? Optional.empty() : unsupportedReason;
    }

    public boolean isSupported() {
        return arrowField.isPresent();
    }
}

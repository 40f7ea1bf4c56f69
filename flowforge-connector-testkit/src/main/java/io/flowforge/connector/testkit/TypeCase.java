package io.flowforge.connector.testkit;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * One row of a connector's type table as the contract suite checks it: the column type to create,
 * the Arrow type it must map to, SQL literals to insert (its minimum and maximum at least) and the
 * values the read must return for them, rendered by {@link ArrowValues#render}.
 */
public record TypeCase(String sqlType, ArrowType arrowType, List<String> literals, List<String> expected) {

    public TypeCase {
        requireNonNull(sqlType, "sqlType is null");
        requireNonNull(arrowType, "arrowType is null");
        literals = List.copyOf(literals);
        expected = List.copyOf(expected);
        if (literals.size() != expected.size()) {
            throw new IllegalArgumentException(sqlType + ": " + literals.size() + " literals but " + expected.size()
                    + " expected values");
        }
    }

    /** A case with a minimum and a maximum literal and the values they read back as. */
    public static TypeCase of(String sqlType, ArrowType arrowType, String minLiteral, String min, String maxLiteral, String max) {
        return new TypeCase(sqlType, arrowType, List.of(minLiteral, maxLiteral), List.of(min, max));
    }
}

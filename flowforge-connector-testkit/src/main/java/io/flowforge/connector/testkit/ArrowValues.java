package io.flowforge.connector.testkit;

import io.flowforge.connector.arrow.ArrowValueText;
import org.apache.arrow.vector.FieldVector;

/**
 * One Arrow value as the contract suite compares it across databases: {@link ArrowValueText}'s
 * canonical text (the same the command line shows), {@code null} for NULL.
 */
public final class ArrowValues {

    private ArrowValues() {}

    /** The value at {@code index}, or {@code null} for NULL. */
    public static String render(FieldVector v, int index) {
        return ArrowValueText.text(v, index);
    }
}

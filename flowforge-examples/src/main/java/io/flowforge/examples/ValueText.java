package io.flowforge.examples;

import io.flowforge.connector.arrow.ArrowValueText;
import java.util.Map;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Every value as the command line shows it: {@link ArrowValueText}'s canonical text (one form per
 * column, timestamps and times at the column's declared precision), with NULL as {@code NULL} and
 * a string that could be read as something else (the text {@code NULL}, an empty or blank-edged
 * string, one with a tab, newline or quote at its start) written as a JSON string literal, quotes
 * included.
 */
final class ValueText {

    static final String NULL = "NULL";

    /** Fractional-second digits by column name, where the database declares them (timestamp(3), datetime2(7)). */
    private final Map<String, Integer> declaredDigits;

    ValueText(Map<String, Integer> declaredDigits) {
        this.declaredDigits = Map.copyOf(declaredDigits);
    }

    /** The canonical text of row {@code row} of {@code v}. */
    String text(FieldVector v, int row) {
        if (v.isNull(row)) {
            return NULL;
        }
        if (v.getField().getType() instanceof ArrowType.Utf8 || v.getField().getType() instanceof ArrowType.LargeUtf8) {
            return string(v.getObject(row).toString());
        }
        return ArrowValueText.text(v, row, declaredDigits.getOrDefault(v.getName(), -1));
    }

    /** A JSON value: null, true/false, a number for integers and finite floats, else the canonical text (strings as they are). */
    Object json(FieldVector v, int row) {
        if (v.isNull(row)) {
            return null;
        }
        if (v instanceof BitVector b) {
            return b.get(row) != 0;
        }
        if (v.getField().getType() instanceof ArrowType.Int) {
            return v.getObject(row);
        }
        if (v instanceof FloatingPointVector f) {
            double d = f.getValueAsDouble(row);
            return Double.isFinite(d) ? v.getObject(row) : String.valueOf(d);
        }
        if (v.getField().getType() instanceof ArrowType.Utf8 || v.getField().getType() instanceof ArrowType.LargeUtf8) {
            return v.getObject(row).toString();
        }
        return text(v, row);
    }

    static String string(String s) {
        boolean plain = !s.isEmpty() && !s.equals(NULL) && s.charAt(0) != '"' && !Character.isWhitespace(s.charAt(0))
                && !Character.isWhitespace(s.charAt(s.length() - 1)) && s.chars().noneMatch(Character::isISOControl);
        if (plain) {
            return s;
        }
        try {
            return FlowForgeCli.JSON_ONE_LINE.writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.flowforge.connector.jdbc;

import io.flowforge.connector.Internal;
import io.flowforge.connector.arrow.ArrowUuid;
import io.flowforge.connector.ConnectorException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import org.apache.arrow.vector.types.pojo.ArrowType.ArrowTypeID;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The failure of one value that a driver or a conversion could not read (a driver's SQLException,
 * a DateTimeException, an IllegalArgumentException...), named as every read failure must be: the
 * source (table or {@code query}), the column and its source type, the row, and the value's text
 * where the driver can still give it; the driver's own words follow, redacted.
 */
@Internal
public final class ColumnReadFailure {

    // A value's text is for recognising it, not a copy of a large object.
    private static final int MAX_TEXT = 200;

    private ColumnReadFailure() {}

    /**
     * The exception for {@code cause}, thrown while reading {@code field} in {@code row} (1-based
     * in the read) of {@code source}; {@code valueText} is {@code null} when it cannot be read.
     */
    public static ConnectorException of(String source, Field field, long row, String valueText, Throwable cause,
            UnaryOperator<String> redactor) {
        String type = field.getMetadata().getOrDefault(StandardColumnMappings.SOURCE_TYPE_KEY,
                field.getType().toString());
        String what = valueText == null
                ? "column '" + field.getName() + "' (" + type + ") in row " + row
                : "value " + valueText + " of column '" + field.getName() + "' (" + type + ") in row " + row;
        String reason = cause instanceof SQLException ? String.valueOf(cause.getMessage())
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return new ConnectorException(redactor.apply("Cannot read '" + source + "': " + what + " could not be read: "
                + reason + (reason.endsWith(".") ? "" : ".")), JdbcFailures.redacted(cause, redactor));
    }

    /**
     * The current row's value of a result set column as text, for a message: binary as hex, long
     * text cut (a UUID, read from its text, as text); {@code null} if the driver cannot give it either.
     */
    public static String valueText(ResultSet rs, int column, Field field) {
        try {
            ArrowTypeID id = field.getType().getTypeID();
            boolean uuid = ArrowUuid.isUuid(field);
            if (id == ArrowTypeID.Binary || (id == ArrowTypeID.FixedSizeBinary && !uuid)) {
                byte[] b = rs.getBytes(column);
                if (b == null) {
                    return null;
                }
                String hex = "0x" + HexFormat.of().formatHex(b, 0, Math.min(b.length, MAX_TEXT / 2));
                return b.length > MAX_TEXT / 2 ? hex + "..." : hex;
            }
            String s = rs.getString(column);
            return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "...";
        } catch (SQLException | RuntimeException unreadable) {
            return null;
        }
    }
}

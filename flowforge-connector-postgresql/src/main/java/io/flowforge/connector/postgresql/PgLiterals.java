package io.flowforge.connector.postgresql;

import io.flowforge.connector.Watermark;
import io.flowforge.connector.jdbc.JdbcColumn;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Comparison values as typed SQL literals, for the reads that cannot take bind parameters
 * ({@code COPY (SELECT ...) TO STDOUT}). Nothing of a watermark's text reaches the SQL as it came:
 * each value is parsed into its Java type and written again from that, in a form whose characters
 * are fixed by construction, then cast to the compared column's type (the same cast
 * {@link PostgreSqlDialect#watermarkParameter} puts around a bind parameter, so the comparison is
 * the column's own either way):
 * <ul>
 *   <li>integers and decimals: their canonical digits ({@link BigInteger#toString()},
 *   {@link BigDecimal#toPlainString()}), quoted, so a negative value needs no unary minus;</li>
 *   <li>dates and timestamps: ISO text written from the parsed value, rounded half up to
 *   microseconds as pgjdbc rounds a bound parameter; a wall-clock
 *   timestamp is never taken through an instant, so a value in a DST gap of the JVM's zone stays
 *   the value it is; a timestamp with a time zone is written as its instant in UTC;</li>
 *   <li>text: its UTF-8 bytes as hex digits, decoded by the server
 *   ({@code convert_from(decode('..', 'hex'), 'UTF8')}), so no quote or backslash of the value is
 *   ever inside the statement, whatever {@code standard_conforming_strings} says.</li>
 * </ul>
 * A value that has no such form (years before 1 or after 9999, whose ISO text PostgreSQL reads
 * differently; a type without a cast here) gives empty, and the read goes through JDBC.
 */
final class PgLiterals {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);

    private PgLiterals() {}

    /** The value as a literal of {@code column}'s type, or empty when it has none. */
    static Optional<String> literal(Watermark value, JdbcColumn column) {
        Optional<String> type = castType(column);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        Object v = value.toJavaValue();
        Optional<String> text = switch (value.type()) {
            case INTEGER -> Optional.of(quoted(v instanceof BigInteger b ? b.toString() : Long.toString((Long) v)));
            case DECIMAL -> Optional.of(quoted(((BigDecimal) v).toPlainString()));
            case DATE -> ordinaryYear(((LocalDate) v).getYear()) ? Optional.of(quoted(DATE.format((LocalDate) v)))
                    : Optional.empty();
            case TIMESTAMP -> timestamp((LocalDateTime) v, "");
            case TIMESTAMP_TZ -> ordinaryYear(((OffsetDateTime) v).getYear())
                    ? timestamp(((OffsetDateTime) v).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime(), "+00")
                    : Optional.empty();
            case STRING -> Optional.of("convert_from(decode('" + HexFormat.of().formatHex(((String) v)
                    .getBytes(StandardCharsets.UTF_8)) + "', 'hex'), 'UTF8')");
            case ROWVERSION -> Optional.empty();
        };
        return text.map(t -> "CAST(" + t + " AS " + type.get() + ")");
    }

    private static Optional<String> timestamp(LocalDateTime t, String zone) {
        if (!ordinaryYear(t.getYear())) {
            return Optional.empty(); // checked before rounding too: LocalDateTime.MAX cannot be rounded up
        }
        LocalDateTime rounded = micros(t);
        return ordinaryYear(rounded.getYear()) ? Optional.of(quoted(TIMESTAMP.format(rounded) + zone)) : Optional.empty();
    }

    /** Rounded half up to microseconds, as pgjdbc rounds a bound {@code LocalDateTime} or {@code OffsetDateTime}. */
    private static LocalDateTime micros(LocalDateTime t) {
        return t.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    }

    /** Years PostgreSQL reads in ISO text as the same year (no BC, no five-digit years). */
    private static boolean ordinaryYear(int year) {
        return year >= 1 && year <= 9999;
    }

    /**
     * A literal's text between single quotes. The text is built above from digits, signs, '.',
     * '-', ':', ' ' and '+' only; the check keeps it so.
     */
    private static String quoted(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (!(ch >= '0' && ch <= '9') && "-+.: ".indexOf(ch) < 0) {
                throw new IllegalStateException("not a literal's text: " + text);
            }
        }
        return "'" + text + "'";
    }

    /** The cast of {@link PostgreSqlDialect#watermarkParameter}: a fixed type name per column type. */
    private static Optional<String> castType(JdbcColumn c) {
        return Optional.ofNullable(switch (c.typeName().toLowerCase(Locale.ROOT)) {
            case "date" -> "date";
            case "timestamp" -> "timestamp";
            case "timestamptz" -> "timestamptz";
            case "bpchar" -> "bpchar";
            case "varchar" -> "varchar";
            case "text" -> "text";
            case "numeric" -> "numeric";
            case "int2", "smallserial" -> "int2";
            case "int4", "serial" -> "int4";
            case "int8", "bigserial" -> "int8";
            default -> null;
        });
    }
}

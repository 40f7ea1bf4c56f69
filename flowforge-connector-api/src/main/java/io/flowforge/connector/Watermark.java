package io.flowforge.connector;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;

/**
 * A value of an incremental delta column, kept at the column's full precision as a canonical,
 * human-readable string (ISO-8601 with up to nine fractional digits for time, plain decimal for
 * numbers, sixteen hex digits for SQL Server rowversion). Bound as a parameter; only where a read
 * cannot take parameters (PostgreSQL's {@code COPY} of a key range) is it written into the SQL,
 * and then re-rendered from its parsed value as a typed literal, never as the text it came with.
 */
@PublicEvolving
public record Watermark(Type type, String value) {

    /** The kinds of delta column a watermark can come from. */
    public enum Type { INTEGER, DECIMAL, DATE, TIMESTAMP, TIMESTAMP_TZ, ROWVERSION, STRING }

    public Watermark {
        requireNonNull(type, "type is null");
        requireNonNull(value, "value is null");
        try {
            toJavaValue(type, value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + value + "' is not a valid " + type + " watermark: " + e.getMessage(), e);
        }
    }

    public static Watermark ofLong(long v) {
        return new Watermark(Type.INTEGER, Long.toString(v));
    }

    public static Watermark ofInteger(BigInteger v) {
        return new Watermark(Type.INTEGER, v.toString());
    }

    public static Watermark ofDecimal(BigDecimal v) {
        return new Watermark(Type.DECIMAL, v.toPlainString());
    }

    public static Watermark ofDate(LocalDate v) {
        return new Watermark(Type.DATE, v.toString());
    }

    public static Watermark ofTimestamp(LocalDateTime v) {
        return new Watermark(Type.TIMESTAMP, v.toString());
    }

    public static Watermark ofTimestampTz(OffsetDateTime v) {
        return new Watermark(Type.TIMESTAMP_TZ, v.toString());
    }

    public static Watermark ofRowversion(byte[] eightBytes) {
        if (eightBytes.length != 8) {
            throw new IllegalArgumentException("a rowversion has 8 bytes, got " + eightBytes.length);
        }
        return new Watermark(Type.ROWVERSION, HexFormat.of().formatHex(eightBytes));
    }

    public static Watermark ofString(String v) {
        return new Watermark(Type.STRING, v);
    }

    /**
     * The value as the Java object a JDBC driver binds: Long or BigInteger, BigDecimal, LocalDate,
     * LocalDateTime, OffsetDateTime, byte[8] or String.
     */
    public Object toJavaValue() {
        return toJavaValue(type, value);
    }

    private static Object toJavaValue(Type type, String value) {
        try {
            return switch (type) {
                case INTEGER -> {
                    BigInteger b = new BigInteger(value);
                    yield b.bitLength() < 64 ? (Object) b.longValueExact() : b;
                }
                case DECIMAL -> new BigDecimal(value);
                case DATE -> LocalDate.parse(value);
                case TIMESTAMP -> LocalDateTime.parse(value);
                case TIMESTAMP_TZ -> OffsetDateTime.parse(value);
                case ROWVERSION -> {
                    byte[] b = HexFormat.of().parseHex(value);
                    if (b.length != 8) {
                        throw new IllegalArgumentException("a rowversion has 16 hex digits");
                    }
                    yield b;
                }
                case STRING -> value;
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return type + ":" + value;
    }
}

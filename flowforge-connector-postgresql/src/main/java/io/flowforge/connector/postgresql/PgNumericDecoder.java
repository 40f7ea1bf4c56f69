package io.flowforge.connector.postgresql;

import io.flowforge.connector.jdbc.ValueOutOfRangeException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.SQLException;
import org.apache.arrow.vector.DecimalVector;

/**
 * PostgreSQL's numeric: int16 digit count, weight (base-10000 exponent of the first digit),
 * sign, display scale, then the base-10000 digits. Up to 18 decimal digits the unscaled value
 * is computed as a long; anything else (and every value that fails) goes through BigDecimal
 * with the JDBC path's exact rules and messages: never rounded.
 */
final class PgNumericDecoder implements CopyFieldDecoder {

    private static final int NUMERIC_NEG = 0x4000;
    private static final int NUMERIC_NAN = 0xC000;
    private static final int NUMERIC_PINF = 0xD000;
    private static final int NUMERIC_NINF = 0xF000;
    private static final int MAX_LONG_DIGITS = 18;
    private static final long[] POW10 = new long[MAX_LONG_DIGITS + 1];
    private static final long NO_LONG = Long.MIN_VALUE;
    private static final long LAST_SAFE_GROUP_PREFIX = (Long.MAX_VALUE - 9_999) / 10_000;

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private final DecimalVector vector;
    private final int precision;
    private final int scale;

    PgNumericDecoder(DecimalVector vector) {
        this.vector = vector;
        this.precision = vector.getPrecision();
        this.scale = vector.getScale();
    }

    @Override
    public void setNull(int row) {
        vector.setNull(row);
    }

    @Override
    public void decode(byte[] b, int off, int len, int row) throws SQLException {
        int ndigits = PgCopyDecoders.int16At(b, off);
        int weight = PgCopyDecoders.int16At(b, off + 2);
        int sign = PgCopyDecoders.int16At(b, off + 4) & 0xFFFF;
        if (sign == NUMERIC_NAN || sign == NUMERIC_PINF || sign == NUMERIC_NINF) {
            String text = sign == NUMERIC_NAN ? "NaN" : sign == NUMERIC_PINF ? "Infinity" : "-Infinity";
            throw PostgreSqlReaders.notANumber(vector.getName(), text);
        }
        if (precision <= MAX_LONG_DIGITS) {
            long unscaled = unscaledLong(b, off + 8, ndigits, weight);
            if (unscaled != NO_LONG) {
                vector.setSafe(row, sign == NUMERIC_NEG ? -unscaled : unscaled);
                return;
            }
        }
        int dscale = PgCopyDecoders.int16At(b, off + 6) & 0xFFFF;
        exact(toBigDecimal(b, off + 8, ndigits, weight, sign == NUMERIC_NEG, dscale), row);
    }

    /** The magnitude at the field's scale, or NO_LONG when it needs the exact path. */
    private long unscaledLong(byte[] b, int digitsOffset, int ndigits, int weight) {
        if (ndigits == 0) {
            return 0;
        }
        if (ndigits > 5) {
            return NO_LONG;
        }
        long v = 0;
        for (int i = 0; i < ndigits; i++) {
            if (v > LAST_SAFE_GROUP_PREFIX) {
                return NO_LONG; // five groups can pass a long
            }
            v = v * 10_000 + PgCopyDecoders.int16At(b, digitsOffset + 2 * i);
        }
        int exponent = 4 * (weight - ndigits + 1) + scale;
        if (exponent >= 0) {
            if (exponent > MAX_LONG_DIGITS || v > Long.MAX_VALUE / POW10[exponent]) {
                return NO_LONG;
            }
            v *= POW10[exponent];
        } else {
            if (-exponent > MAX_LONG_DIGITS || v % POW10[-exponent] != 0) {
                return NO_LONG;
            }
            v /= POW10[-exponent];
        }
        return v < POW10[precision] ? v : NO_LONG;
    }

    private static BigDecimal toBigDecimal(byte[] b, int digitsOffset, int ndigits, int weight, boolean negative,
            int dscale) {
        StringBuilder digits = new StringBuilder(4 * ndigits + 1);
        for (int i = 0; i < ndigits; i++) {
            String d = Integer.toString(PgCopyDecoders.int16At(b, digitsOffset + 2 * i));
            digits.append("0000", d.length(), 4).append(d);
        }
        BigInteger unscaled = ndigits == 0 ? BigInteger.ZERO : new BigInteger(digits.toString());
        BigDecimal x = new BigDecimal(negative ? unscaled.negate() : unscaled, -4 * (weight - ndigits + 1));
        // The digits past the display scale are zeros: the text pgjdbc parses has exactly dscale decimals.
        return x.setScale(dscale, RoundingMode.UNNECESSARY);
    }

    // The JDBC path's decimal rule (StandardColumnReaders.decimal), message for message.
    private void exact(BigDecimal x, int row) throws ValueOutOfRangeException {
        BigDecimal scaled;
        try {
            scaled = x.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new ValueOutOfRangeException(vector.getName(), x.toPlainString(),
                    "has more than " + scale + " fractional digits");
        }
        int digits = scaled.precision();
        if (digits > precision) {
            throw new ValueOutOfRangeException(vector.getName(), x.toPlainString(),
                    "does not fit decimal(" + precision + "," + scale + ")");
        }
        if (digits <= MAX_LONG_DIGITS) {
            vector.setSafe(row, scaled.unscaledValue().longValue());
        } else {
            vector.setSafe(row, scaled);
        }
    }
}

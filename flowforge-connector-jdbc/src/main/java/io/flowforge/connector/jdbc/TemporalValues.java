package io.flowforge.connector.jdbc;

import java.nio.ByteBuffer;
import java.util.UUID;
import org.apache.arrow.vector.types.TimeUnit;

/** Conversions of seconds and nanoseconds to Arrow epoch values, with range checks. */
final class TemporalValues {

    private TemporalValues() {}

    static long toEpoch(long epochSecond, int nano, TimeUnit unit, String column, Object original)
            throws ValueOutOfRangeException {
        try {
            return switch (unit) {
                case SECOND -> epochSecond;
                case MILLISECOND -> Math.addExact(Math.multiplyExact(epochSecond, 1_000L), nano / 1_000_000);
                case MICROSECOND -> Math.addExact(Math.multiplyExact(epochSecond, 1_000_000L), nano / 1_000);
                // Before 1970 the second alone can overflow although the instant fits (1677-09-21T00:12:43.145224192):
                // borrow one second so the product stays in range.
                case NANOSECOND -> epochSecond < 0
                        ? Math.addExact(Math.multiplyExact(epochSecond + 1, 1_000_000_000L), nano - 1_000_000_000L)
                        : Math.addExact(Math.multiplyExact(epochSecond, 1_000_000_000L), nano);
            };
        } catch (ArithmeticException e) {
            throw ValueOutOfRangeException.outsideTimestamp(column, original, unit);
        }
    }

    static byte[] uuidBytes(UUID u) {
        return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    }
}

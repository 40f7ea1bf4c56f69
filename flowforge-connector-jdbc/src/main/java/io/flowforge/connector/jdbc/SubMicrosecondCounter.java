package io.flowforge.connector.jdbc;

import io.flowforge.connector.arrow.LossyConversion;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the time and timestamp values whose digits below the microsecond a microsecond vector
 * drops, so that the truncation is reported instead of silent. Only a truncated value touches the
 * counter (an atomic, read by the consumer's thread when a prefetching reader forwards it).
 */
final class SubMicrosecondCounter {

    private final AtomicLong truncated = new AtomicLong();

    /** Counts {@code nanoOfSecond} if it has non-zero digits below the microsecond. */
    void observe(long nanoOfSecond) {
        if (nanoOfSecond % 1_000L != 0) {
            truncated.incrementAndGet();
        }
    }

    /** {@code reader}, reporting this counter's count. */
    ColumnReader.CountingBound counting(ColumnReader.Bound reader) {
        return new ColumnReader.CountingBound() {
            @Override
            public void read(ResultSet rs, int row) throws SQLException {
                reader.read(rs, row);
            }

            @Override
            public LossyConversion conversion() {
                return LossyConversion.SUB_MICROSECOND_TRUNCATED;
            }

            @Override
            public long count() {
                return truncated.get();
            }
        };
    }
}

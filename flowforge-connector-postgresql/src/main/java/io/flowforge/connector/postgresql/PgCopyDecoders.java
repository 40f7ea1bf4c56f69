package io.flowforge.connector.postgresql;

import io.flowforge.connector.jdbc.IntervalText;
import io.flowforge.connector.jdbc.ColumnMapping;
import io.flowforge.connector.jdbc.ValueOutOfRangeException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.TimeUnit;

/**
 * The binary {@code COPY} decoder of each PostgreSQL type the read path supports. {@link PostgreSqlTypeMapping}
 * attaches each to the column mapping whose Arrow field it fills, so both paths fill the same
 * vectors with the same values and fail on the same values with the same messages, and which
 * columns COPY can read is said once, in the type table.
 */
final class PgCopyDecoders {

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    // PostgreSQL counts dates and timestamps from 2000-01-01.
    private static final int EPOCH_DAYS_2000 = 10_957;
    private static final long EPOCH_MICROS_2000 = 946_684_800_000_000L;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private PgCopyDecoders() {}

    /** Creates a column's decoder over its vector. */
    @FunctionalInterface
    interface Binder {
        CopyFieldDecoder bind(FieldVector vector);
    }

    // Each supported type's decoder. PostgreSqlTypeMapping attaches them to the column mappings
    // whose Arrow field they fill (ColumnMapping.withBulkDecoder): the one type table.
    static final Binder BOOL = v -> bool((BitVector) v, false);
    static final Binder BIT = v -> bool((BitVector) v, true);
    static final Binder INT2 = v -> int16((SmallIntVector) v);
    static final Binder INT4 = v -> int32((IntVector) v);
    static final Binder INT8 = v -> int64((BigIntVector) v);
    static final Binder FLOAT4 = v -> float32((Float4Vector) v);
    static final Binder FLOAT8 = v -> float64((Float8Vector) v);
    static final Binder NUMERIC = v -> new PgNumericDecoder((DecimalVector) v);
    static final Binder DATE = v -> date((DateDayVector) v);
    static final Binder TIME = v -> time((TimeMicroVector) v);
    static final Binder TIMESTAMP = v -> timestamp((TimeStampVector) v, false);
    static final Binder TIMESTAMPTZ = v -> timestamp((TimeStampVector) v, true);
    static final Binder INTERVAL = v -> interval((VarCharVector) v);
    // Text arrives in the client encoding, which pgjdbc sets to UTF-8: the bytes go in as they are.
    static final Binder TEXT = v -> new StagedVarWidth((VarCharVector) v, 0);
    static final Binder JSONB = v -> jsonb((VarCharVector) v);
    static final Binder BYTEA = v -> new StagedVarWidth((VarBinaryVector) v, 0);
    static final Binder UUID = v -> uuid((FixedSizeBinaryVector) v);

    /**
     * The decoder the column's mapping carries, or empty when the COPY path has none for it (the
     * read then goes through JDBC): a type without a decoder, an AS_STRING mapping, a query's mapping.
     */
    static Optional<Binder> forColumn(ColumnMapping mapping) {
        return mapping.bulkDecoder(Binder.class);
    }

    static int int32At(byte[] b, int off) {
        return (int) INT.get(b, off);
    }

    static short int16At(byte[] b, int off) {
        return (short) SHORT.get(b, off);
    }

    static long int64At(byte[] b, int off) {
        return (long) LONG.get(b, off);
    }

    /** A fixed-width vector's decoder: NULL clears the validity bit (growing the vector if needed). */
    private abstract static class Fixed implements CopyFieldDecoder {
        private final BaseFixedWidthVector vector;

        Fixed(BaseFixedWidthVector vector) {
            this.vector = vector;
        }

        @Override
        public void setNull(int row) {
            vector.setNull(row);
        }
    }

    private static CopyFieldDecoder bool(BitVector v, boolean bitString) {
        return new Fixed(v) {
            @Override
            public void decode(byte[] b, int off, int len, int row) {
                // bit(1) is a bit string: an int32 bit count, then the bits from the high end.
                v.setSafe(row, bitString ? (b[off + 4] & 0x80) >>> 7 : b[off] != 0 ? 1 : 0);
            }
        };
    }

    private static CopyFieldDecoder int16(SmallIntVector v) {
        return new Fixed(v) {
            @Override
            public void decode(byte[] b, int off, int len, int row) {
                v.setSafe(row, int16At(b, off));
            }
        };
    }

    private static CopyFieldDecoder int32(IntVector v) {
        return new Fixed(v) {
            @Override
            public void decode(byte[] b, int off, int len, int row) {
                v.setSafe(row, int32At(b, off));
            }
        };
    }

    private static CopyFieldDecoder int64(BigIntVector v) {
        return new Fixed(v) {
            @Override
            public void decode(byte[] b, int off, int len, int row) {
                v.setSafe(row, int64At(b, off));
            }
        };
    }

    private static CopyFieldDecoder float32(Float4Vector v) {
        return new Fixed(v) {
            @Override
            public void decode(byte[] b, int off, int len, int row) {
                v.setSafe(row, Float.intBitsToFloat(int32At(b, off)));
            }
        };
    }

    private static CopyFieldDecoder float64(Float8Vector v) {
        return new Fixed(v) {
            @Override
            public void decode(byte[] b, int off, int len, int row) {
                v.setSafe(row, Double.longBitsToDouble(int64At(b, off)));
            }
        };
    }

    /** Days since 2000-01-01; PostgreSQL sends infinity as the int32 extremes. */
    private static CopyFieldDecoder date(DateDayVector v) {
        return new Fixed(v) {
            @Override
            public void decode(byte[] b, int off, int len, int row) throws SQLException {
                int days = int32At(b, off);
                if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
                    throw PostgreSqlReaders.infinity(v.getName(), days == Integer.MAX_VALUE, "date");
                }
                v.setSafe(row, days + EPOCH_DAYS_2000);
            }
        };
    }

    /** Microseconds since midnight; {@code 24:00:00} is a whole day of them. */
    private static CopyFieldDecoder time(TimeMicroVector v) {
        return new Fixed(v) {
            @Override
            public void decode(byte[] b, int off, int len, int row) throws SQLException {
                long micros = int64At(b, off);
                if (micros >= MICROS_PER_DAY) {
                    throw PostgreSqlReaders.endOfDay(v.getName());
                }
                v.setSafe(row, micros);
            }
        };
    }

    /** Microseconds since 2000-01-01 (UTC for timestamptz); infinity is the int64 extremes. */
    private static CopyFieldDecoder timestamp(TimeStampVector v, boolean withZone) {
        return new Fixed(v) {
            @Override
            public void decode(byte[] b, int off, int len, int row) throws SQLException {
                long micros = int64At(b, off);
                if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
                    throw PostgreSqlReaders.infinity(v.getName(), micros == Long.MAX_VALUE,
                            withZone ? "timestamptz" : "timestamp");
                }
                long epoch = micros + EPOCH_MICROS_2000;
                if (epoch < micros) {
                    // Overflowed past 294247-01-10: named as the JDBC path names the value.
                    LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L) + 946_684_800L,
                            (int) Math.floorMod(micros, 1_000_000L) * 1_000, ZoneOffset.UTC);
                    throw ValueOutOfRangeException.outsideTimestamp(v.getName(), withZone ? t.atOffset(ZoneOffset.UTC) : t, TimeUnit.MICROSECOND);
                }
                v.setSafe(row, epoch);
            }
        };
    }

    /** int64 microseconds, int32 days, int32 months: the parts the JDBC path's ISO text is made of. */
    private static CopyFieldDecoder interval(VarCharVector v) {
        return new StagedVarWidth(v, 0) {
            @Override
            public void decode(byte[] b, int off, int len, int row) {
                byte[] text = IntervalText.iso(int32At(b, off + 12), int32At(b, off + 8), int64At(b, off))
                        .getBytes(StandardCharsets.UTF_8);
                put(text, 0, text.length);
            }
        };
    }

    /** jsonb's binary form is a version byte (1) and the same text as its output function. */
    private static CopyFieldDecoder jsonb(VarCharVector v) {
        return new StagedVarWidth(v, 1) {
            @Override
            public void decode(byte[] b, int off, int len, int row) throws SQLException {
                if (len < 1 || b[off] != 1) {
                    throw new SQLException("jsonb binary format version " + (len < 1 ? "(none)" : b[off])
                            + " is not supported; read with flowforge.readMethod=jdbc");
                }
                super.decode(b, off, len, row);
            }
        };
    }

    /** 16 bytes in network order, which is RFC 4122's. */
    private static CopyFieldDecoder uuid(FixedSizeBinaryVector v) {
        return new Fixed(v) {
            @Override
            public void decode(byte[] b, int off, int len, int row) {
                v.setSafe(row, Arrays.copyOfRange(b, off, off + 16));
            }
        };
    }
}

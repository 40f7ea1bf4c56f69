package io.flowforge.connector.jdbc;

import io.flowforge.connector.PublicEvolving;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
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
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType.ArrowTypeID;

/**
 * One small reader per Arrow type, each reading with the JDBC getter that keeps the value exact
 * (for example {@code getObject(LocalDateTime.class)}, which does not pass through the JVM's time
 * zone). Values that the target type cannot hold fail with {@link ValueOutOfRangeException}.
 */
@PublicEvolving
public final class StandardColumnReaders {

    // Every integer of at most 18 decimal digits fits a long.
    private static final int MAX_LONG_DIGITS = 18;

    private StandardColumnReaders() {}

    public static ColumnReader bool() {
        return ColumnReader.of(ArrowTypeID.Bool, (v, c) -> {
            BitVector bv = (BitVector) v;
            return (rs, row) -> {
                boolean x = rs.getBoolean(c);
                if (rs.wasNull()) bv.setNull(row); else bv.setSafe(row, x ? 1 : 0);
            };
        });
    }

    /** 16-bit integers; also SQL Server's unsigned tinyint, read with getInt so 255 stays 255. */
    public static ColumnReader int16() {
        return ColumnReader.of(ArrowTypeID.Int, (v, c) -> {
            SmallIntVector sv = (SmallIntVector) v;
            return (rs, row) -> {
                int x = rs.getInt(c);
                if (rs.wasNull()) sv.setNull(row); else sv.setSafe(row, (short) x);
            };
        });
    }

    public static ColumnReader int32() {
        return ColumnReader.of(ArrowTypeID.Int, (v, c) -> {
            IntVector iv = (IntVector) v;
            return (rs, row) -> {
                int x = rs.getInt(c);
                if (rs.wasNull()) iv.setNull(row); else iv.setSafe(row, x);
            };
        });
    }

    public static ColumnReader int64() {
        return ColumnReader.of(ArrowTypeID.Int, (v, c) -> {
            BigIntVector bv = (BigIntVector) v;
            return (rs, row) -> {
                long x = rs.getLong(c);
                if (rs.wasNull()) bv.setNull(row); else bv.setSafe(row, x);
            };
        });
    }

    public static ColumnReader float32() {
        return ColumnReader.of(ArrowTypeID.FloatingPoint, (v, c) -> {
            Float4Vector fv = (Float4Vector) v;
            return (rs, row) -> {
                float x = rs.getFloat(c);
                if (rs.wasNull()) fv.setNull(row); else fv.setSafe(row, x);
            };
        });
    }

    public static ColumnReader float64() {
        return ColumnReader.of(ArrowTypeID.FloatingPoint, (v, c) -> {
            Float8Vector fv = (Float8Vector) v;
            return (rs, row) -> {
                double x = rs.getDouble(c);
                if (rs.wasNull()) fv.setNull(row); else fv.setSafe(row, x);
            };
        });
    }

    /**
     * Decimals at the field's scale. A value with more fractional digits than the scale, or more
     * integer digits than precision minus scale, fails: it is never rounded.
     */
    public static ColumnReader decimal() {
        return ColumnReader.of(ArrowTypeID.Decimal, (v, c) -> {
            DecimalVector dv = (DecimalVector) v;
            int scale = dv.getScale();
            int precision = dv.getPrecision();
            return (rs, row) -> {
                BigDecimal x = rs.getBigDecimal(c);
                if (x == null) {
                    dv.setNull(row);
                    return;
                }
                BigDecimal scaled;
                try {
                    scaled = x.setScale(scale, RoundingMode.UNNECESSARY);
                } catch (ArithmeticException e) {
                    throw new ValueOutOfRangeException(dv.getName(), x.toPlainString(),
                            "has more than " + scale + " fractional digits");
                }
                int digits = scaled.precision();
                if (digits > precision) {
                    throw new ValueOutOfRangeException(dv.getName(), x.toPlainString(),
                            "does not fit decimal(" + precision + "," + scale + ")");
                }
                if (digits <= MAX_LONG_DIGITS) {
                    // Up to 18 digits the unscaled value is a long: written as a sign-extended
                    // 128-bit value without DecimalUtility's byte-array round trip. Moving the point
                    // to scale 0 reads the long the BigDecimal already holds; unscaledValue() would
                    // build a BigInteger per value (~4% of a generic read's CPU in a JFR profile).
                    dv.setSafe(row, scaled.movePointRight(scale).longValueExact());
                } else {
                    dv.setSafe(row, scaled);
                }
            };
        });
    }

    /**
     * How a temporal reader takes one value from the driver; {@code null} for NULL. The standard
     * readers use the driver's {@code getObject(column, type)} ({@link #driver}); a connector passes
     * its own to refuse a value the driver would change (PostgreSQL's {@code infinity} arrives as
     * {@code LocalDate.MAX}) or to read around a driver's conversion (MariaDB Connector/J passes
     * datetimes through the JVM's time zone), and the vector work stays here. {@code name} is the
     * column's, for the error that refuses a value.
     */
    @FunctionalInterface
    public interface ValueGetter<T> {
        T get(ResultSet rs, int column, String name) throws SQLException;

        /** The driver's {@code getObject(column, type)}. */
        static <T> ValueGetter<T> driver(Class<T> type) {
            return (rs, column, name) -> rs.getObject(column, type);
        }
    }

    /** Dates into a day vector, as the driver's LocalDate. */
    public static ColumnReader dateDay() {
        return dateDay(ValueGetter.driver(LocalDate.class));
    }

    /** Dates into a day vector, each taken by {@code get}. */
    public static ColumnReader dateDay(ValueGetter<LocalDate> get) {
        return ColumnReader.of(ArrowTypeID.Date, (v, c) -> {
            DateDayVector dv = (DateDayVector) v;
            return (rs, row) -> {
                LocalDate x = get.get(rs, c, dv.getName());
                if (x == null) dv.setNull(row); else dv.setSafe(row, Math.toIntExact(x.toEpochDay()));
            };
        });
    }

    /**
     * Times of day into a microsecond or nanosecond vector. Into microseconds, digits below the
     * microsecond are dropped and each value that had any is counted ({@link ColumnReader.CountingBound}).
     */
    public static ColumnReader time() {
        return time(ValueGetter.driver(LocalTime.class));
    }

    /** {@link #time()}, each value taken by {@code get}. */
    public static ColumnReader time(ValueGetter<LocalTime> get) {
        return ColumnReader.of(ArrowTypeID.Time, (v, c) -> {
            if (v instanceof TimeNanoVector tn) {
                return (rs, row) -> {
                    LocalTime x = get.get(rs, c, tn.getName());
                    if (x == null) tn.setNull(row); else tn.setSafe(row, x.toNanoOfDay());
                };
            }
            TimeMicroVector tm = (TimeMicroVector) v;
            SubMicrosecondCounter truncated = new SubMicrosecondCounter();
            return truncated.counting((rs, row) -> {
                LocalTime x = get.get(rs, c, tm.getName());
                if (x == null) {
                    tm.setNull(row);
                } else {
                    truncated.observe(x.getNano());
                    tm.setSafe(row, x.toNanoOfDay() / 1_000L);
                }
            });
        });
    }

    /**
     * Wall-clock timestamps (no zone), stored as if UTC, in the vector's unit (a field with a time
     * zone takes them as UTC wall clock). Into microseconds, values with digits below the
     * microsecond are counted as they are truncated.
     */
    public static ColumnReader timestamp() {
        return timestamp(ValueGetter.driver(LocalDateTime.class));
    }

    /** {@link #timestamp()}, each value taken by {@code get}. */
    public static ColumnReader timestamp(ValueGetter<LocalDateTime> get) {
        return epoch(get, x -> x.toEpochSecond(ZoneOffset.UTC), LocalDateTime::getNano);
    }

    /**
     * A timestamp vector of any unit filled from values with an epoch second and a nanosecond; into
     * microseconds, values with digits below the microsecond are counted as they are truncated.
     */
    private static <T> ColumnReader epoch(ValueGetter<T> get, ToLongFunction<T> epochSecond, ToIntFunction<T> nano) {
        return ColumnReader.of(ArrowTypeID.Timestamp, (v, c) -> {
            TimeStampVector tv = (TimeStampVector) v;
            TimeUnit unit = ((org.apache.arrow.vector.types.pojo.ArrowType.Timestamp) v.getField().getType()).getUnit();
            SubMicrosecondCounter truncated = new SubMicrosecondCounter();
            ColumnReader.Bound read = (rs, row) -> {
                T x = get.get(rs, c, tv.getName());
                if (x == null) {
                    tv.setNull(row);
                } else {
                    int n = nano.applyAsInt(x);
                    truncated.observe(n);
                    tv.setSafe(row, TemporalValues.toEpoch(epochSecond.applyAsLong(x), n, unit, tv.getName(), x));
                }
            };
            return unit == TimeUnit.MICROSECOND ? truncated.counting(read) : read;
        });
    }

    /**
     * Instants (timestamp with time zone), converted to UTC, in the vector's unit; into
     * microseconds, values with digits below the microsecond are counted as they are truncated.
     * A value the driver cannot decode at all (a {@link DateTimeException} from its getter, which
     * would otherwise escape as no connector error) fails naming the column.
     */
    public static ColumnReader timestampTz() {
        return timestampTz(null, null);
    }

    /**
     * {@link #timestampTz()} for a driver that decodes some instants wrongly: a value before
     * {@code notBefore} fails with {@code problem} (naming the column and value) instead of being
     * read; {@code problem} is added to the error of a value the driver cannot decode.
     */
    public static ColumnReader timestampTz(Instant notBefore, String problem) {
        return timestampTz((rs, c, name) -> {
            OffsetDateTime x;
            try {
                x = rs.getObject(c, OffsetDateTime.class);
            } catch (DateTimeException e) {
                throw new ValueOutOfRangeException(name, "(undecodable)",
                        "could not be decoded by the driver (" + e.getMessage() + ")" + (problem == null ? "" : "; " + problem));
            }
            if (x != null && notBefore != null && x.toInstant().isBefore(notBefore)) {
                throw new ValueOutOfRangeException(name, x.toString(), problem);
            }
            return x;
        });
    }

    /** {@link #timestampTz()}, each value taken by {@code get}. */
    public static ColumnReader timestampTz(ValueGetter<OffsetDateTime> get) {
        return epoch(get, OffsetDateTime::toEpochSecond, OffsetDateTime::getNano);
    }

    /**
     * A date, time or timestamp reader for drivers whose {@link ResultSet#getBytes} of such a value
     * is its text as it came over the wire (pgjdbc): {@code parse} turns the forms it knows straight
     * into the vector's value (epoch days for a date vector; microseconds, or the vector's unit, for
     * a time or timestamp vector) and answers {@code notParsed} for any other text, which
     * {@code fallback} then reads through the driver's own getter (as it does NULL). A performance
     * path only: both must give the same value, so {@code parse} must refuse what it is not sure of.
     */
    public static ColumnReader fromWireText(ColumnReader fallback, ToLongFunction<byte[]> parse, long notParsed) {
        return ColumnReader.of(fallback.arrowTypeId(), (v, c) -> {
            ColumnReader.Bound slow = fallback.bind(v, c);
            LongSetter set = v instanceof DateDayVector d ? (row, x) -> d.setSafe(row, Math.toIntExact(x))
                    : v instanceof TimeStampVector t ? t::setSafe
                    : v instanceof TimeMicroVector t ? t::setSafe : ((TimeNanoVector) v)::setSafe;
            return (rs, row) -> {
                byte[] raw = rs.getBytes(c);
                long x = raw == null ? notParsed : parse.applyAsLong(raw);
                if (x != notParsed) {
                    set.set(row, x);
                } else {
                    slow.read(rs, row);
                }
            };
        });
    }

    private interface LongSetter {
        void set(int row, long value);
    }

    /**
     * Strings as UTF-8. Bound one vector at a time it sets each value directly; bound for whole
     * batches ({@link ColumnReader#bindForBatches}) it stages a batch on the heap and copies it in bulk.
     */
    public static ColumnReader utf8() {
        return utf8(false);
    }

    /**
     * Strings whose UTF-8 text is what the driver's {@link ResultSet#getBytes} returns: pgjdbc's
     * text types (it returns the wire bytes, and the connection's client encoding is always UTF8
     * unless {@code allowEncodingChanges} is set). Saves decoding each value to a String and
     * encoding it back. Bound one vector at a time it reads through getString like {@link #utf8()}.
     */
    public static ColumnReader utf8FromDriverBytes() {
        return utf8(true);
    }

    private static ColumnReader utf8(boolean driverBytes) {
        return new ColumnReader() {
            @Override
            public ArrowTypeID arrowTypeId() {
                return ArrowTypeID.Utf8;
            }

            @Override
            public Bound bind(FieldVector v, int c) {
                VarCharVector sv = (VarCharVector) v;
                return (rs, row) -> {
                    String x = rs.getString(c);
                    if (x == null) sv.setNull(row); else sv.setSafe(row, x.getBytes(StandardCharsets.UTF_8));
                };
            }

            @Override
            public Bound bindForBatches(FieldVector v, int c) {
                return new StagedUtf8Reader((VarCharVector) v, c, driverBytes);
            }
        };
    }

    public static ColumnReader binary() {
        return ColumnReader.of(ArrowTypeID.Binary, (v, c) -> {
            VarBinaryVector bv = (VarBinaryVector) v;
            return (rs, row) -> {
                byte[] x = rs.getBytes(c);
                if (x == null) bv.setNull(row); else bv.setSafe(row, x);
            };
        });
    }

    /** Fixed-width binary; a value of another length fails. */
    public static ColumnReader fixedBinary() {
        return ColumnReader.of(ArrowTypeID.FixedSizeBinary, (v, c) -> {
            FixedSizeBinaryVector fv = (FixedSizeBinaryVector) v;
            int width = fv.getByteWidth();
            return (rs, row) -> {
                byte[] x = rs.getBytes(c);
                if (x == null) {
                    fv.setNull(row);
                } else if (x.length != width) {
                    throw new ValueOutOfRangeException(fv.getName(), x.length + " bytes", "is not " + width + " bytes long");
                } else {
                    fv.setSafe(row, x);
                }
            };
        });
    }

    /**
     * UUIDs into 16 bytes in RFC 4122 (big-endian) order, read from the driver's canonical string
     * (never from its raw bytes, which SQL Server keeps in a mixed-endian order).
     */
    public static ColumnReader uuid() {
        return ColumnReader.of(ArrowTypeID.FixedSizeBinary, (v, c) -> {
            FixedSizeBinaryVector fv = (FixedSizeBinaryVector) v;
            return (rs, row) -> {
                Object x = rs.getObject(c);
                if (x == null) {
                    fv.setNull(row);
                    return;
                }
                UUID u = x instanceof UUID uu ? uu : UUID.fromString(x.toString());
                fv.setSafe(row, TemporalValues.uuidBytes(u));
            };
        });
    }
}

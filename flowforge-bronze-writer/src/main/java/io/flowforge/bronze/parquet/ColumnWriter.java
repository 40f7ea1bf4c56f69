package io.flowforge.bronze.parquet;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Writes one column's value of a row to Parquet's record consumer. Each Arrow type has its own
 * subclass that reads the vector's buffers directly, so no value is boxed; a writer is rebound to
 * the vector of every batch.
 */
abstract class ColumnWriter {
    final String name;
    final int index;
    final boolean required;
    RecordConsumer consumer;
    private FieldVector vector;
    private boolean mayHaveNulls;

    ColumnWriter(String name, int index, boolean required) {
        this.name = name;
        this.index = index;
        this.required = required;
    }

    /**
     * Parquet hands out a new record consumer after every row-group flush, which can happen in
     * the middle of a batch; writing to the old one would silently lose rows.
     */
    void setConsumer(RecordConsumer consumer) {
        this.consumer = consumer;
    }

    void bind(FieldVector vector) {
        this.vector = vector;
        this.mayHaveNulls = vector != null && vector.getNullCount() > 0;
        if (vector != null) {
            bindBuffers(vector);
        }
    }

    /** Takes the vector's buffers for this batch. */
    abstract void bindBuffers(FieldVector vector);

    /** Adds the non-null value at {@code row}; called between startField and endField. */
    abstract void addValue(int row);

    final void write(int row) {
        if (mayHaveNulls && vector.isNull(row)) {
            if (required) {
                throw new IllegalStateException("column '" + name + "' is declared NOT NULL (non-nullable Arrow field)"
                        + " but row " + row + " of the batch is null");
            }
            return;
        }
        consumer.startField(name, index);
        addValue(row);
        consumer.endField(name, index);
    }

    /** Booleans, stored one bit per value in Arrow. */
    static final class Bool extends ColumnWriter {
        private ArrowBuf data;

        Bool(String name, int index, boolean required) {
            super(name, index, required);
        }

        @Override
        void bindBuffers(FieldVector v) {
            data = v.getDataBuffer();
        }

        @Override
        void addValue(int row) {
            consumer.addBoolean(((data.getByte(row >>> 3) >>> (row & 7)) & 1) != 0);
        }
    }

    /** Any fixed-width integer of 1, 2 or 4 bytes written as INT32, optionally unsigned and scaled. */
    static final class Int32 extends ColumnWriter {
        private final int width;
        private final boolean unsigned;
        private final int multiplier;
        private ArrowBuf data;

        Int32(String name, int index, boolean required, int width, boolean unsigned, int multiplier) {
            super(name, index, required);
            this.width = width;
            this.unsigned = unsigned;
            this.multiplier = multiplier;
        }

        @Override
        void bindBuffers(FieldVector v) {
            data = v.getDataBuffer();
        }

        @Override
        void addValue(int row) {
            long offset = (long) row * width;
            int value;
            switch (width) {
                case 1:
                    value = unsigned ? data.getByte(offset) & 0xFF : data.getByte(offset);
                    break;
                case 2:
                    value = unsigned ? data.getShort(offset) & 0xFFFF : data.getShort(offset);
                    break;
                default:
                    value = data.getInt(offset);
                    break;
            }
            consumer.addInteger(multiplier == 1 ? value : Math.multiplyExact(value, multiplier));
        }
    }

    /** 8-byte integers (BIGINT, timestamps, times in micro/nanoseconds), optionally scaled. */
    static final class Int64 extends ColumnWriter {
        private final long multiplier;
        private ArrowBuf data;

        Int64(String name, int index, boolean required, long multiplier) {
            super(name, index, required);
            this.multiplier = multiplier;
        }

        @Override
        void bindBuffers(FieldVector v) {
            data = v.getDataBuffer();
        }

        @Override
        void addValue(int row) {
            long value = data.getLong((long) row * 8);
            consumer.addLong(multiplier == 1 ? value : Math.multiplyExact(value, multiplier));
        }
    }

    /** Arrow DATE in milliseconds, written as days. */
    static final class DateFromMillis extends ColumnWriter {
        private ArrowBuf data;

        DateFromMillis(String name, int index, boolean required) {
            super(name, index, required);
        }

        @Override
        void bindBuffers(FieldVector v) {
            data = v.getDataBuffer();
        }

        @Override
        void addValue(int row) {
            consumer.addInteger(Math.toIntExact(Math.floorDiv(data.getLong((long) row * 8), 86_400_000L)));
        }
    }

    static final class Float32 extends ColumnWriter {
        private ArrowBuf data;

        Float32(String name, int index, boolean required) {
            super(name, index, required);
        }

        @Override
        void bindBuffers(FieldVector v) {
            data = v.getDataBuffer();
        }

        @Override
        void addValue(int row) {
            consumer.addFloat(data.getFloat((long) row * 4));
        }
    }

    static final class Float64 extends ColumnWriter {
        private ArrowBuf data;

        Float64(String name, int index, boolean required) {
            super(name, index, required);
        }

        @Override
        void bindBuffers(FieldVector v) {
            data = v.getDataBuffer();
        }

        @Override
        void addValue(int row) {
            consumer.addDouble(data.getDouble((long) row * 8));
        }
    }

    /**
     * Strings and binaries with 4- or 8-byte offsets. Values are copied into a reused array:
     * Parquet copies reused binaries it keeps (dictionaries), and Arrow reuses its buffers per batch.
     */
    static final class VariableWidth extends ColumnWriter {
        private final boolean largeOffsets;
        private ArrowBuf offsets;
        private ArrowBuf data;
        private byte[] scratch = new byte[256];

        VariableWidth(String name, int index, boolean required, boolean largeOffsets) {
            super(name, index, required);
            this.largeOffsets = largeOffsets;
        }

        @Override
        void bindBuffers(FieldVector v) {
            offsets = v.getOffsetBuffer();
            data = v.getDataBuffer();
        }

        @Override
        void addValue(int row) {
            long start;
            long end;
            if (largeOffsets) {
                start = offsets.getLong((long) row * 8);
                end = offsets.getLong((long) (row + 1) * 8);
            } else {
                start = offsets.getInt((long) row * 4);
                end = offsets.getInt((long) (row + 1) * 4);
            }
            int length = Math.toIntExact(end - start);
            if (length > scratch.length) {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            data.getBytes(start, scratch, 0, length);
            consumer.addBinary(Binary.fromReusedByteArray(scratch, 0, length));
        }
    }

    /** FixedSizeBinary (also UUID) as FIXED_LEN_BYTE_ARRAY of the same width. */
    static final class FixedWidthBinary extends ColumnWriter {
        private final int width;
        private final byte[] scratch;
        private ArrowBuf data;

        FixedWidthBinary(String name, int index, boolean required, int width) {
            super(name, index, required);
            this.width = width;
            this.scratch = new byte[width];
        }

        @Override
        void bindBuffers(FieldVector v) {
            data = v.getDataBuffer();
        }

        @Override
        void addValue(int row) {
            data.getBytes((long) row * width, scratch, 0, width);
            consumer.addBinary(Binary.fromReusedByteArray(scratch, 0, width));
        }
    }

    /**
     * Decimals (Arrow: 16 or 32 bytes, little-endian two's complement) as INT32, INT64 or a
     * big-endian FIXED_LEN_BYTE_ARRAY of the smallest width that holds the precision.
     */
    static final class Decimal extends ColumnWriter {
        private final int arrowWidth;
        private final int parquetWidth;
        private final byte[] littleEndian;
        private final byte[] bigEndian;
        private ArrowBuf data;

        /** {@code parquetWidth} 4 means INT32, 8 means INT64, anything else FIXED_LEN_BYTE_ARRAY. */
        Decimal(String name, int index, boolean required, int arrowWidth, int parquetWidth) {
            super(name, index, required);
            this.arrowWidth = arrowWidth;
            this.parquetWidth = parquetWidth;
            this.littleEndian = new byte[arrowWidth];
            this.bigEndian = new byte[parquetWidth];
        }

        @Override
        void bindBuffers(FieldVector v) {
            data = v.getDataBuffer();
        }

        @Override
        void addValue(int row) {
            long offset = (long) row * arrowWidth;
            if (parquetWidth == 4) {
                consumer.addInteger((int) data.getLong(offset));
            } else if (parquetWidth == 8) {
                consumer.addLong(data.getLong(offset));
            } else {
                data.getBytes(offset, littleEndian, 0, arrowWidth);
                for (int i = 0; i < parquetWidth; i++) {
                    bigEndian[i] = littleEndian[parquetWidth - 1 - i];
                }
                consumer.addBinary(Binary.fromReusedByteArray(bigEndian, 0, parquetWidth));
            }
        }
    }

    /** The same value on every row (the audit columns), encoded once. */
    static final class Constant extends ColumnWriter {
        private final Binary binary;
        private final long longValue;

        private Constant(String name, int index, Binary binary, long longValue) {
            super(name, index, true);
            this.binary = binary;
            this.longValue = longValue;
        }

        static Constant ofString(String name, int index, String value) {
            return new Constant(name, index, Binary.fromString(value), 0);
        }

        static Constant ofLong(String name, int index, long value) {
            return new Constant(name, index, null, value);
        }

        @Override
        void bindBuffers(FieldVector v) {
        }

        @Override
        void addValue(int row) {
            if (binary != null) {
                consumer.addBinary(binary);
            } else {
                consumer.addLong(longValue);
            }
        }
    }
}

package io.flowforge.bronze.parquet;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.io.api.Binary;

/**
 * Writes one column's values of a batch straight into parquet-java's column writer, a range of
 * rows at a time. Each Arrow type has its own subclass that reads the vector's buffers directly,
 * so no value is boxed; a writer is rebound to the vector of every batch and to the column writer
 * of every row group.
 */
abstract class ColumnWriter {
    final String name;
    final int index;
    final boolean required;
    /** The definition level of a present value: 0 for a REQUIRED column, 1 for an OPTIONAL one. */
    final int defined;
    org.apache.parquet.column.ColumnWriter out;
    private FieldVector vector;
    private boolean mayHaveNulls;

    ColumnWriter(String name, int index, boolean required) {
        this.name = name;
        this.index = index;
        this.required = required;
        this.defined = required ? 0 : 1;
    }

    /** The column writer of the current row group (a new one after every row-group flush). */
    void setOutput(org.apache.parquet.column.ColumnWriter out) {
        this.out = out;
    }

    void bind(FieldVector vector) {
        this.vector = vector;
        this.mayHaveNulls = vector.getNullCount() > 0;
        bindBuffers(vector);
    }

    /** Takes the vector's buffers for this batch. */
    abstract void bindBuffers(FieldVector vector);

    /** Writes the non-null value at {@code row} with definition level {@link #defined}. */
    abstract void addValue(int row);

    /** Writes rows {@code from} (inclusive) to {@code to} (exclusive) of the bound batch. */
    final void write(int from, int to) {
        if (!mayHaveNulls) {
            for (int row = from; row < to; row++) {
                addValue(row);
            }
            return;
        }
        for (int row = from; row < to; row++) {
            if (vector.isNull(row)) {
                if (required) {
                    throw new IllegalStateException("column '" + name + "' is declared NOT NULL (non-nullable Arrow field)"
                            + " but row " + row + " of the batch is null");
                }
                out.writeNull(0, 0);
            } else {
                addValue(row);
            }
        }
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
            out.write(((data.getByte(row >>> 3) >>> (row & 7)) & 1) != 0, 0, defined);
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
            out.write(multiplier == 1 ? value : Math.multiplyExact(value, multiplier), 0, defined);
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
            out.write(multiplier == 1 ? value : Math.multiplyExact(value, multiplier), 0, defined);
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
            out.write(Math.toIntExact(Math.floorDiv(data.getLong((long) row * 8), 86_400_000L)), 0, defined);
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
            out.write(data.getFloat((long) row * 4), 0, defined);
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
            out.write(data.getDouble((long) row * 8), 0, defined);
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
            out.write(Binary.fromReusedByteArray(scratch, 0, length), 0, defined);
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
            out.write(Binary.fromReusedByteArray(scratch, 0, width), 0, defined);
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
                out.write((int) data.getLong(offset), 0, defined);
            } else if (parquetWidth == 8) {
                out.write(data.getLong(offset), 0, defined);
            } else {
                data.getBytes(offset, littleEndian, 0, arrowWidth);
                for (int i = 0; i < parquetWidth; i++) {
                    bigEndian[i] = littleEndian[parquetWidth - 1 - i];
                }
                out.write(Binary.fromReusedByteArray(bigEndian, 0, parquetWidth), 0, defined);
            }
        }
    }
}

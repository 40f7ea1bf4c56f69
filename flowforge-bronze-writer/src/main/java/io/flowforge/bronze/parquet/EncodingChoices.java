package io.flowforge.bronze.parquet;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter;
import org.apache.parquet.column.values.factory.DefaultValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.column.values.fallback.FallbackValuesWriter;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * The value encoders of one file's columns, for parquet-java's V1 pages: parquet-java's own choice
 * (PLAIN_DICTIONARY tried first, PLAIN when the dictionary does not pay off on the column chunk's
 * first page or outgrows the dictionary page size), with two differences:
 * <ul>
 *   <li>BINARY columns use {@link BinaryDictionaryWriter}, the same encoding with a cheaper
 *       dictionary;</li>
 *   <li>a column whose dictionary was given up on the first page of a row group (its values hardly
 *       repeat: ids, e-mail addresses, timestamps) is written PLAIN from the next row group on,
 *       without trying the dictionary again. parquet-java tries it in every row group, hashing a
 *       page of values and then re-encoding them as PLAIN each time.</li>
 * </ul>
 * The remembered choice lives as long as this object: one file.
 */
final class EncodingChoices implements ValuesWriterFactory {
    private final DefaultValuesWriterFactory defaults = new DefaultValuesWriterFactory();
    private final Set<String> plainColumns = new HashSet<>();
    private ParquetProperties props;

    @Override
    public void initialize(ParquetProperties properties) {
        this.props = properties;
        defaults.initialize(properties);
    }

    /** True if the column goes PLAIN without trying a dictionary (it fell back on a first page before). */
    boolean plain(String column) {
        return plainColumns.contains(column);
    }

    @Override
    public ValuesWriter newValuesWriter(ColumnDescriptor descriptor) {
        PrimitiveTypeName type = descriptor.getPrimitiveType().getPrimitiveTypeName();
        if (props.getWriterVersion() != ParquetProperties.WriterVersion.PARQUET_1_0 || !props.isDictionaryEnabled(descriptor)
                || (type != PrimitiveTypeName.BINARY && type != PrimitiveTypeName.INT32 && type != PrimitiveTypeName.INT64)) {
            return defaults.newValuesWriter(descriptor);
        }
        String column = String.join(".", Arrays.asList(descriptor.getPath()));
        ByteBufferAllocator allocator = props.getAllocator();
        // The same PLAIN writer parquet-java's V1 factory falls back to.
        ValuesWriter plain = new PlainValuesWriter(props.getInitialSlabSize(), props.getPageSizeThreshold(), allocator);
        if (plainColumns.contains(column)) {
            return plain;
        }
        Runnable remember = () -> plainColumns.add(column);
        int maxDictionaryBytes = props.getDictionaryPageSizeThreshold();
        DictionaryValuesWriter dictionary = switch (type) {
            case BINARY -> new BinaryDictionaryWriter(maxDictionaryBytes, allocator, remember);
            case INT32 -> new Int32Dictionary(maxDictionaryBytes, allocator, remember);
            default -> new Int64Dictionary(maxDictionaryBytes, allocator, remember);
        };
        return FallbackValuesWriter.of(dictionary, plain);
    }

    /** parquet-java's INT32 dictionary writer, telling when it falls back on its first page. */
    private static final class Int32Dictionary extends DictionaryValuesWriter.PlainIntegerDictionaryValuesWriter {
        private final Runnable onFirstPageFallback;
        /** Pages written (the column writer resets the values writer after each). */
        private int pages;

        Int32Dictionary(int maxDictionaryBytes, ByteBufferAllocator allocator, Runnable onFirstPageFallback) {
            super(maxDictionaryBytes, Encoding.PLAIN_DICTIONARY, Encoding.PLAIN_DICTIONARY, allocator);
            this.onFirstPageFallback = onFirstPageFallback;
        }

        @Override
        public void fallBackAllValuesTo(ValuesWriter writer) {
            super.fallBackAllValuesTo(writer);
            if (pages == 0) {
                onFirstPageFallback.run();
            }
        }

        @Override
        public void reset() {
            super.reset();
            pages++;
        }
    }

    /** parquet-java's INT64 dictionary writer, telling when it falls back on its first page. */
    private static final class Int64Dictionary extends DictionaryValuesWriter.PlainLongDictionaryValuesWriter {
        private final Runnable onFirstPageFallback;
        /** Pages written (the column writer resets the values writer after each). */
        private int pages;

        Int64Dictionary(int maxDictionaryBytes, ByteBufferAllocator allocator, Runnable onFirstPageFallback) {
            super(maxDictionaryBytes, Encoding.PLAIN_DICTIONARY, Encoding.PLAIN_DICTIONARY, allocator);
            this.onFirstPageFallback = onFirstPageFallback;
        }

        @Override
        public void fallBackAllValuesTo(ValuesWriter writer) {
            super.fallBackAllValuesTo(writer);
            if (pages == 0) {
                onFirstPageFallback.run();
            }
        }

        @Override
        public void reset() {
            super.reset();
            pages++;
        }
    }
}

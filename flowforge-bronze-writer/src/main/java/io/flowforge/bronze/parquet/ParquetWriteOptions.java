package io.flowforge.bronze.parquet;

import static java.util.Objects.requireNonNull;

import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * How Parquet files are encoded: the compression codec (Snappy by default), the row-group size at
 * which buffered rows are flushed (this bounds the writer's heap), the page size and dictionary use.
 *
 * <p>The default row group is 32 MiB of compressed pages. parquet-java's page store keeps a whole row
 * group on the heap until it is written, so the row-group size is the writer's largest live object.
 * With 64 MiB (the default before) a 20M-row run at {@code -Xmx256m} kept ~120 MB live after each
 * young collection, against ~89 MB with 32 MiB: a smaller young generation, collected 330 times
 * instead of 249 (benchmark README, "Issue 16, sixth: the row group"). A larger row group is one
 * {@link #withRowGroupBytes} away for a writer with heap to spare.
 */
public record ParquetWriteOptions(CompressionCodecName codec, long rowGroupBytes, int pageBytes, boolean dictionary) {
    public static final long DEFAULT_ROW_GROUP_BYTES = 32L * 1024 * 1024;
    public static final int DEFAULT_PAGE_BYTES = 1024 * 1024;

    public ParquetWriteOptions {
        requireNonNull(codec, "codec is null");
        StandaloneCodecFactory.checkSupported(codec);
        if (rowGroupBytes < 64 * 1024) {
            throw new IllegalArgumentException("rowGroupBytes must be at least 64 KiB, was " + rowGroupBytes);
        }
        if (pageBytes < 1024 || pageBytes > rowGroupBytes) {
            throw new IllegalArgumentException("pageBytes must be between 1 KiB and rowGroupBytes, was " + pageBytes);
        }
    }

    /** Snappy, 32 MiB row groups, 1 MiB pages, dictionary encoding on. */
    public static ParquetWriteOptions defaults() {
        return new ParquetWriteOptions(CompressionCodecName.SNAPPY, DEFAULT_ROW_GROUP_BYTES, DEFAULT_PAGE_BYTES, true);
    }

    public ParquetWriteOptions withCodec(CompressionCodecName c) {
        return new ParquetWriteOptions(c, rowGroupBytes, pageBytes, dictionary);
    }

    public ParquetWriteOptions withRowGroupBytes(long bytes) {
        return new ParquetWriteOptions(codec, bytes, Math.min(pageBytes, (int) Math.min(bytes, Integer.MAX_VALUE)), dictionary);
    }

    public ParquetWriteOptions withPageBytes(int bytes) {
        return new ParquetWriteOptions(codec, rowGroupBytes, bytes, dictionary);
    }

    public ParquetWriteOptions withDictionary(boolean enabled) {
        return new ParquetWriteOptions(codec, rowGroupBytes, pageBytes, enabled);
    }
}

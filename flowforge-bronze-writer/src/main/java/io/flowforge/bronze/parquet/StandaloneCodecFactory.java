package io.flowforge.bronze.parquet;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Parquet page compression without Hadoop at run time: parquet-java's default codec factory loads
 * Hadoop codec classes, so this one calls snappy-java, zstd-jni and {@code java.util.zip} directly.
 */
public final class StandaloneCodecFactory implements CompressionCodecFactory {
    /** The codecs this factory can write. */
    public static final Set<CompressionCodecName> SUPPORTED = EnumSet.of(
            CompressionCodecName.UNCOMPRESSED, CompressionCodecName.SNAPPY,
            CompressionCodecName.ZSTD, CompressionCodecName.GZIP);

    private static final int ZSTD_LEVEL = 3;

    /** Fails with a message listing the supported codecs. */
    public static CompressionCodecName checkSupported(CompressionCodecName codec) {
        if (!SUPPORTED.contains(codec)) {
            throw new IllegalArgumentException("compression codec " + codec
                    + " is not supported; choose one of " + SUPPORTED);
        }
        return codec;
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        checkSupported(codec);
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                return BytesInput.from(StandaloneCodecFactory.compress(codec, bytes.toByteArray()));
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {
            }
        };
    }

    static byte[] compress(CompressionCodecName codec, byte[] input) throws IOException {
        switch (codec) {
            case UNCOMPRESSED:
                return input;
            case SNAPPY: {
                byte[] out = new byte[Snappy.maxCompressedLength(input.length)];
                int n = Snappy.rawCompress(input, 0, input.length, out, 0);
                return n == out.length ? out : java.util.Arrays.copyOf(out, n);
            }
            case ZSTD:
                return Zstd.compress(input, ZSTD_LEVEL);
            case GZIP: {
                ByteArrayOutputStream out = new ByteArrayOutputStream(input.length / 2 + 64);
                try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                    gzip.write(input);
                }
                return out.toByteArray();
            }
            default:
                throw new IllegalArgumentException("compression codec " + codec + " is not supported");
        }
    }

    static byte[] decompress(CompressionCodecName codec, byte[] input, int uncompressedSize) throws IOException {
        switch (codec) {
            case UNCOMPRESSED:
                return input;
            case SNAPPY: {
                byte[] out = new byte[uncompressedSize];
                Snappy.uncompress(input, 0, input.length, out, 0);
                return out;
            }
            case ZSTD:
                return Zstd.decompress(input, uncompressedSize);
            case GZIP:
                try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(input))) {
                    return gzip.readNBytes(uncompressedSize);
                }
            default:
                throw new IllegalArgumentException("compression codec " + codec + " is not supported");
        }
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        checkSupported(codec);
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                return BytesInput.from(StandaloneCodecFactory.decompress(codec, bytes.toByteArray(), uncompressedSize));
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                    throws IOException {
                byte[] in = new byte[compressedSize];
                input.get(in);
                output.put(StandaloneCodecFactory.decompress(codec, in, uncompressedSize));
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public void release() {
    }
}

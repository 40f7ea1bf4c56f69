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

    /**
     * A compressor for one file's pages, which are compressed one at a time on the writer's thread.
     * The page is gathered into, and Snappy-compressed into, arrays reused from page to page (two
     * fresh arrays per page were 6% of the bytes the benchmark's JVM allocated): the result is only
     * valid until the next call, which is how parquet-java's page store uses it (it copies a data
     * page's bytes into its row-group buffer and a dictionary page's with {@code BytesInput.copy}
     * before compressing another page).
     */
    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        checkSupported(codec);
        return new BytesInputCompressor() {
            private final ReusableOutput input = new ReusableOutput();
            private byte[] output = new byte[0];

            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                if (codec == CompressionCodecName.UNCOMPRESSED) {
                    return bytes;
                }
                input.reset();
                bytes.writeAllTo(input);
                if (codec != CompressionCodecName.SNAPPY) {
                    return BytesInput.from(StandaloneCodecFactory.compress(codec, input.toByteArray()));
                }
                int max = Snappy.maxCompressedLength(input.size());
                if (output.length < max) {
                    output = new byte[Math.max(max, output.length + output.length / 2)];
                }
                int n = Snappy.rawCompress(input.buffer(), 0, input.size(), output, 0);
                return BytesInput.from(output, 0, n);
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {
                output = new byte[0];
                input.release();
            }
        };
    }

    /** A ByteArrayOutputStream whose array is reused and readable in place. */
    static final class ReusableOutput extends ByteArrayOutputStream {
        byte[] buffer() {
            return buf;
        }

        void release() {
            buf = new byte[32];
            count = 0;
        }
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

package io.flowforge.bronze.parquet;

import java.util.Arrays;

/**
 * Parquet's RLE / bit-packed hybrid encoding, written in bulk: definition levels straight from a
 * validity bitmap and dictionary ids from an int array. A run of at least 8 equal values becomes
 * one RLE run (a page with no nulls is a single run), anything else bit-packed groups of 8 values
 * (at most 63 groups per run, so every header is one byte, as parquet-java writes them).
 */
final class RleHybrid {
    private RleHybrid() {
    }

    /** A growable byte array written little-endian. */
    static final class Bytes {
        byte[] a = new byte[4096];
        int len;

        void reset() {
            len = 0;
        }

        void ensure(int more) {
            if (len + more > a.length) {
                a = Arrays.copyOf(a, Math.max(len + more, a.length * 2));
            }
        }

        void put(int b) {
            ensure(1);
            a[len++] = (byte) b;
        }

        void putIntLE(int v) {
            ensure(4);
            a[len] = (byte) v;
            a[len + 1] = (byte) (v >>> 8);
            a[len + 2] = (byte) (v >>> 16);
            a[len + 3] = (byte) (v >>> 24);
            len += 4;
        }

        void setIntLE(int at, int v) {
            a[at] = (byte) v;
            a[at + 1] = (byte) (v >>> 8);
            a[at + 2] = (byte) (v >>> 16);
            a[at + 3] = (byte) (v >>> 24);
        }

        void putVarInt(int v) {
            ensure(5);
            while ((v & ~0x7F) != 0) {
                a[len++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            a[len++] = (byte) v;
        }

        void put(byte[] src, int off, int n) {
            ensure(n);
            System.arraycopy(src, off, a, len, n);
            len += n;
        }
    }

    /** The bits needed for values 0..max (0 for max 0), as parquet-java's {@code BytesUtils.getWidthFromMaxInt}. */
    static int widthOf(int max) {
        return 32 - Integer.numberOfLeadingZeros(max);
    }

    private static void rleRun(Bytes out, int count, int value, int width) {
        out.putVarInt(count << 1);
        for (int b = 0, bytes = (width + 7) / 8; b < bytes; b++) {
            out.put(value >>> (8 * b));
        }
    }

    /** Encodes {@code count} ids of {@code width} bits. */
    static void encodeInts(int[] v, int count, int width, Bytes out) {
        if (width == 0) {
            if (count > 0) {
                rleRun(out, count, 0, 0);
            }
            return;
        }
        int i = 0;
        while (i < count) {
            int run = runOf(v, i, count);
            if (run >= 8) {
                rleRun(out, run, v[i], width);
                i += run;
                continue;
            }
            int header = out.len;
            out.put(0);
            int groups = 0;
            while (i < count && groups < 63) {
                if (groups > 0 && runOf(v, i, count) >= 8) {
                    break;
                }
                out.ensure(width);
                long acc = 0;
                int bits = 0;
                for (int k = 0; k < 8; k++) {
                    int x = i + k < count ? v[i + k] : 0;
                    acc |= (x & 0xFFFFFFFFL) << bits;
                    bits += width;
                    while (bits >= 8) {
                        out.a[out.len++] = (byte) acc;
                        acc >>>= 8;
                        bits -= 8;
                    }
                }
                i += 8;
                groups++;
            }
            out.a[header] = (byte) ((groups << 1) | 1);
        }
    }

    private static int runOf(int[] v, int i, int count) {
        int x = v[i];
        int j = i + 1;
        while (j < count && v[j] == x && j - i < 8) {
            j++;
        }
        if (j - i < 8) {
            return j - i;
        }
        while (j < count && v[j] == x) {
            j++;
        }
        return j - i;
    }

    /** The 64 bits from bit {@code i} on (the array holds one word beyond the last used one). */
    static long bitsAt(long[] w, int i) {
        int wi = i >>> 6;
        int sh = i & 63;
        long lo = w[wi] >>> sh;
        if (sh != 0) {
            lo |= w[wi + 1] << (64 - sh);
        }
        return lo;
    }

    private static int bitRunOf(long[] w, int i, int count) {
        boolean one = (w[i >>> 6] >>> (i & 63) & 1) != 0;
        int j = i;
        while (j < count) {
            long x = bitsAt(w, j);
            if (one) {
                x = ~x;
            }
            int same = Long.numberOfTrailingZeros(x);
            j += same;
            if (same < 64) {
                break;
            }
        }
        return Math.min(j, count) - i;
    }

    /**
     * Encodes bits 0..count-1 of a bitmap (bit width 1: definition levels of an optional flat
     * column, 1 = value present). Bits at and beyond {@code count} must be zero.
     */
    static void encodeBits(long[] w, int count, int nulls, Bytes out) {
        if (count == 0) {
            return;
        }
        if (nulls == 0 || nulls == count) {
            rleRun(out, count, nulls == 0 ? 1 : 0, 1);
            return;
        }
        int i = 0;
        while (i < count) {
            int run = bitRunOf(w, i, count);
            if (run >= 16 || i + run == count && run >= 8) {
                rleRun(out, run, (int) (w[i >>> 6] >>> (i & 63) & 1), 1);
                i += run;
                continue;
            }
            int header = out.len;
            out.put(0);
            int groups = 0;
            while (i < count && groups < 63) {
                if (groups > 0) {
                    long x = bitsAt(w, i);
                    // 16 equal bits ahead: end the packed run and let an RLE run take them.
                    if ((x & 0xFFFF) == 0 && i + 16 <= count || (x & 0xFFFF) == 0xFFFF) {
                        break;
                    }
                }
                long b = bitsAt(w, i) & 0xFF;
                if (count - i < 8) {
                    b &= (1L << (count - i)) - 1;
                }
                out.put((int) b);
                i += 8;
                groups++;
            }
            out.a[header] = (byte) ((groups << 1) | 1);
        }
    }
}

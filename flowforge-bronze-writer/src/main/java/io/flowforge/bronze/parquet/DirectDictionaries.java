package io.flowforge.bronze.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The dictionaries of {@link DirectPages}: ids in first-seen order (as parquet-java gives them),
 * open-addressing tables of ids, and the dictionary's PLAIN size counted as parquet-java counts it
 * (4 or 8 bytes per number, 4 + length per byte string), which decides the fall-back to PLAIN.
 */
final class DirectDictionaries {
    private DirectDictionaries() {
    }

    private static final VarHandle LONGS_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /**
     * The same bytes at both places, 8 at a time. For the short strings of names and cities this is
     * cheaper than {@code Arrays.equals} on ranges (its checks and the call into the vectorised
     * mismatch were 15% of the encoder's samples end to end).
     */
    static boolean same(byte[] a, int ai, byte[] b, int bi, int length) {
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            if ((long) LONGS_BE.get(a, ai + i) != (long) LONGS_BE.get(b, bi + i)) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (a[ai + i] != b[bi + i]) {
                return false;
            }
        }
        return true;
    }

    /** {@code Arrays.compareUnsigned} on ranges, 8 bytes at a time (big-endian words compare as the bytes do). */
    static int compareUnsigned(byte[] a, int ai, int alength, byte[] b, int bi, int blength) {
        int length = Math.min(alength, blength);
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            long x = (long) LONGS_BE.get(a, ai + i);
            long y = (long) LONGS_BE.get(b, bi + i);
            if (x != y) {
                return Long.compareUnsigned(x, y);
            }
        }
        for (; i < length; i++) {
            int x = a[ai + i] & 0xFF;
            int y = b[bi + i] & 0xFF;
            if (x != y) {
                return x - y;
            }
        }
        return alength - blength;
    }

    /** 4- or 8-byte values (ints, longs, and floats/doubles by their raw bits). */
    static final class Numbers {
        private final int valueBytes;
        long[] keys = new long[256];
        int size;
        long byteSize;
        private int[] slots = new int[512];

        Numbers(int valueBytes) {
            this.valueBytes = valueBytes;
        }

        int idOf(long key) {
            int mask = slots.length - 1;
            int slot = mix(key) & mask;
            for (int s; (s = slots[slot]) != 0; slot = (slot + 1) & mask) {
                if (keys[s - 1] == key) {
                    return s - 1;
                }
            }
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
            }
            int id = size++;
            keys[id] = key;
            byteSize += valueBytes;
            slots[slot] = id + 1;
            if (size * 2 > slots.length) {
                rehash(slots.length * 2);
            }
            return id;
        }

        private void rehash(int capacity) {
            int[] table = new int[capacity];
            int mask = capacity - 1;
            for (int id = 0; id < size; id++) {
                int slot = mix(keys[id]) & mask;
                while (table[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = id + 1;
            }
            slots = table;
        }

        /**
         * MurmurHash3's 64-bit finaliser: every input bit reaches the low bits the table uses (doubles
         * such as 1.0 or 2.5 have all-zero low bits, which a plain multiply leaves clustered).
         */
        static int mix(long key) {
            long h = key;
            h ^= h >>> 33;
            h *= 0xFF51AFD7ED558CCDL;
            h ^= h >>> 33;
            h *= 0xC4CEB9FE1A85EC53L;
            h ^= h >>> 33;
            return (int) h;
        }

        void clear() {
            size = 0;
            byteSize = 0;
            Arrays.fill(slots, 0);
        }

        /** Entries 0..count-1 as a PLAIN dictionary page body. */
        void plain(int count, RleHybrid.Bytes out) {
            for (int id = 0; id < count; id++) {
                if (valueBytes == 4) {
                    out.putIntLE((int) keys[id]);
                } else {
                    out.putIntLE((int) keys[id]);
                    out.putIntLE((int) (keys[id] >>> 32));
                }
            }
        }
    }

    /** Byte strings, kept in one array (the same layout as {@link BinaryDictionaryWriter}'s). */
    static final class ByteStrings {
        byte[] bytes = new byte[4096];
        int used;
        int[] starts = new int[256];
        int[] lengths = new int[256];
        private int[] hashes = new int[256];
        int size;
        long byteSize;
        private int[] slots = new int[512];

        int idOf(byte[] array, int offset, int length) {
            int hash = BinaryDictionaryWriter.hash(array, offset, length);
            int mask = slots.length - 1;
            int slot = hash & mask;
            for (int s; (s = slots[slot]) != 0; slot = (slot + 1) & mask) {
                int id = s - 1;
                if (hashes[id] == hash && lengths[id] == length && same(bytes, starts[id], array, offset, length)) {
                    return id;
                }
            }
            if (used + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(used + length, bytes.length * 2));
            }
            System.arraycopy(array, offset, bytes, used, length);
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                lengths = Arrays.copyOf(lengths, size * 2);
                hashes = Arrays.copyOf(hashes, size * 2);
            }
            int id = size++;
            starts[id] = used;
            lengths[id] = length;
            hashes[id] = hash;
            used += length;
            byteSize += 4L + length;
            slots[slot] = id + 1;
            if (size * 2 > slots.length) {
                rehash(slots.length * 2);
            }
            return id;
        }

        private void rehash(int capacity) {
            int[] table = new int[capacity];
            int mask = capacity - 1;
            for (int id = 0; id < size; id++) {
                int slot = hashes[id] & mask;
                while (table[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = id + 1;
            }
            slots = table;
        }

        void clear() {
            size = 0;
            used = 0;
            byteSize = 0;
            Arrays.fill(slots, 0);
        }

        void plain(int count, RleHybrid.Bytes out) {
            for (int id = 0; id < count; id++) {
                out.putIntLE(lengths[id]);
                out.put(bytes, starts[id], lengths[id]);
            }
        }
    }
}

package io.flowforge.bronze.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter;
import org.apache.parquet.column.values.dictionary.IntList;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.io.api.Binary;

/**
 * parquet-java's PLAIN_DICTIONARY encoder for BINARY columns with a cheaper dictionary: the
 * distinct values are kept in one byte array with their offsets, lengths and hashes, and looked
 * up in an open-addressing table of ids. parquet-java's own writer keeps a copied {@link Binary}
 * per value in a linked hash map and hashes and compares every value byte by byte through virtual
 * calls; in the benchmark's profile that map was 10% of the client's CPU. Everything else (ids
 * written as RLE/bit-packed runs by {@link DictionaryValuesWriter#getBytes()}, the dictionary page
 * holding only the entries pages used, the fall-back to PLAIN when the dictionary outgrows its
 * limit or does not pay off on the first page) is parquet-java's, so the bytes are the same as
 * {@code PlainBinaryDictionaryValuesWriter}'s: ids are given in first-seen order either way.
 */
final class BinaryDictionaryWriter extends DictionaryValuesWriter {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final Runnable onFirstPageFallback;
    /** Pages written (the column writer resets the values writer after each). */
    private int pages;
    private byte[] bytes = new byte[4096];
    private int used;
    private int[] starts = new int[256];
    private int[] lengths = new int[256];
    private int[] hashes = new int[256];
    private int size;
    /** Entry id + 1 per slot, 0 when empty; its length is a power of two at least twice {@link #size}. */
    private int[] slots = new int[512];

    /**
     * @param onFirstPageFallback told when the writer falls back before any dictionary-encoded page
     *     was written (the column's values did not repeat enough on its first page)
     */
    BinaryDictionaryWriter(int maxDictionaryByteSize, ByteBufferAllocator allocator, Runnable onFirstPageFallback) {
        super(maxDictionaryByteSize, Encoding.PLAIN_DICTIONARY, Encoding.PLAIN_DICTIONARY, allocator);
        this.onFirstPageFallback = onFirstPageFallback;
    }

    @Override
    public void writeBytes(Binary v) {
        ByteBuffer b = v.toByteBuffer();
        byte[] array;
        int offset;
        int length = b.remaining();
        if (b.hasArray()) {
            array = b.array();
            offset = b.arrayOffset() + b.position();
        } else {
            array = v.getBytes();
            offset = 0;
        }
        encodedValues.add(idOf(array, offset, length));
    }

    /** The id of the value, added to the dictionary if new. */
    int idOf(byte[] array, int offset, int length) {
        int hash = hash(array, offset, length);
        int mask = slots.length - 1;
        int slot = hash & mask;
        for (int s; (s = slots[slot]) != 0; slot = (slot + 1) & mask) {
            int id = s - 1;
            if (hashes[id] == hash && lengths[id] == length
                    && Arrays.equals(bytes, starts[id], starts[id] + length, array, offset, offset + length)) {
                return id;
            }
        }
        int id = add(array, offset, length, hash);
        slots[slot] = id + 1;
        if (size * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        return id;
    }

    private int add(byte[] array, int offset, int length, int hash) {
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
        // As parquet-java counts it: the 4-byte length prefix of PLAIN plus the bytes.
        dictionaryByteSize += 4L + length;
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

    /** A 64-bit multiply-xor hash over 8 bytes at a time, folded to 32 bits with the high bits mixed into the low ones. */
    static int hash(byte[] a, int offset, int length) {
        long h = length * GOLDEN;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            h = (h ^ (long) LONGS.get(a, offset + i)) * GOLDEN;
            h ^= h >>> 32;
        }
        if (i < length) {
            long tail = 0;
            for (int shift = 0; i < length; i++, shift += 8) {
                tail |= (a[offset + i] & 0xFFL) << shift;
            }
            h = (h ^ tail) * GOLDEN;
            h ^= h >>> 32;
        }
        h *= GOLDEN;
        return (int) (h ^ (h >>> 29) ^ (h >>> 45));
    }

    @Override
    public DictionaryPage toDictPageAndClose() {
        if (lastUsedDictionarySize > 0) {
            // Only the entries the written pages use (a page that fell back added entries no page refers to).
            PlainValuesWriter dictionary = new PlainValuesWriter(lastUsedDictionaryByteSize, maxDictionaryByteSize, allocator);
            for (int id = 0; id < lastUsedDictionarySize; id++) {
                dictionary.writeBytes(Binary.fromConstantByteArray(bytes, starts[id], lengths[id]));
            }
            return dictPage(dictionary);
        }
        return null;
    }

    @Override
    public int getDictionarySize() {
        return size;
    }

    @Override
    protected void clearDictionaryContent() {
        size = 0;
        used = 0;
        Arrays.fill(slots, 0);
    }

    @Override
    public void fallBackAllValuesTo(ValuesWriter writer) {
        super.fallBackAllValuesTo(writer);
        if (pages == 0) {
            onFirstPageFallback.run();
        }
    }

    /** Called by the column writer after each page it wrote with this writer's values. */
    @Override
    public void reset() {
        super.reset();
        pages++;
    }

    @Override
    public void fallBackDictionaryEncodedData(ValuesWriter writer) {
        IntList.IntIterator ids = encodedValues.iterator();
        while (ids.hasNext()) {
            int id = ids.next();
            writer.writeBytes(Binary.fromConstantByteArray(bytes, starts[id], lengths[id]));
        }
    }
}

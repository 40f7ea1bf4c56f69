package io.flowforge.bronze.parquet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.bytes.ByteBufferAllocator;

/**
 * The page store's memory for one row group at a time. parquet-java's page store keeps a row
 * group's compressed pages until the row group is written, and releases them all together when it
 * is closed. Allocated one by one, those pages (up to the row-group size,
 * {@value ParquetWriteOptions#DEFAULT_ROW_GROUP_BYTES} bytes by default) outlive several young
 * collections, are copied, promoted, and die in the old generation: the old generation swings by
 * tens of MiB, the young generation is left about half the size it would be, and G1 runs
 * concurrent cycles to take the dead pages back. Here they are cut from slabs that are
 * kept and reused for the next row group ({@link #reset()} after the page store is closed), so
 * they are allocated once and never die while the file is written.
 *
 * <p>Slabs grow from {@value #FIRST_SLAB_BYTES} bytes (a small table takes little) to
 * {@value #SLAB_BYTES} bytes, each 64 bytes short of a power of two so that one too large for the
 * young generation fills whole G1 regions. A buffer larger than the largest slab is its own, not
 * kept. One writer thread uses an arena; it is not thread-safe.
 */
final class PageArena implements ByteBufferAllocator {

    static final int FIRST_SLAB_BYTES = (64 << 10) - 64;
    static final int SLAB_BYTES = (4 << 20) - 64;

    private final List<ByteBuffer> slabs = new ArrayList<>();
    private int slab;
    private int offset;
    private int outstanding;

    @Override
    public ByteBuffer allocate(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        outstanding++;
        if (size > SLAB_BYTES) {
            return ByteBuffer.allocate(size);
        }
        while (true) {
            if (slab == slabs.size()) {
                slabs.add(ByteBuffer.allocate(Math.max(size, nextSlabBytes())));
                offset = 0;
            }
            if (offset + size <= slabs.get(slab).capacity()) {
                break;
            }
            slab++;
            offset = 0;
        }
        ByteBuffer b = slabs.get(slab).duplicate();
        b.limit(offset + size).position(offset);
        offset += size;
        return b.slice();
    }

    private int nextSlabBytes() {
        int n = slabs.size();
        return n >= 6 ? SLAB_BYTES : ((FIRST_SLAB_BYTES + 64) << n) - 64;
    }

    @Override
    public void release(ByteBuffer b) {
        outstanding--;
    }

    @Override
    public boolean isDirect() {
        return false;
    }

    /**
     * Makes every slab free for the next row group. Every buffer handed out must have been
     * released: one still held would be overwritten.
     *
     * @throws IllegalStateException if some are not
     */
    void reset() {
        if (outstanding != 0) {
            throw new IllegalStateException(outstanding + " page buffers are still held; the arena cannot be reused");
        }
        slab = 0;
        offset = 0;
    }

    /** Bytes the arena keeps. */
    long retainedBytes() {
        long bytes = 0;
        for (ByteBuffer s : slabs) {
            bytes += s.capacity();
        }
        return bytes;
    }
}

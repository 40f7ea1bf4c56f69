package io.flowforge.bronze.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.ConcatenatingByteBufferCollector;
import org.junit.jupiter.api.Test;

/**
 * {@link PageArena} as parquet-java's page store uses it: a collector per column chunk allocates one
 * buffer per page, the store releases them all when it is closed, and the arena is reset for the
 * next row group. What a row group collected must come out unchanged, whatever the other chunks
 * and the row groups before it did.
 */
class PageArenaTest {

    @Test
    void buffersOfOneRowGroupAreExactlySizedAndNeverOverlap() {
        PageArena arena = new PageArena();
        int slab = PageArena.SLAB_BYTES;
        int[] sizes = {0, 1, 100, slab - 5, 7, slab, 3 << 20, slab + 1, 1, 5};
        List<ByteBuffer> held = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            ByteBuffer b = arena.allocate(sizes[i]);
            assertThat(b.position()).isZero();
            assertThat(b.limit()).isEqualTo(sizes[i]);
            assertThat(b.capacity()).isEqualTo(sizes[i]);
            byte[] fill = new byte[sizes[i]];
            Arrays.fill(fill, (byte) (i + 1));
            b.put(fill).flip();
            held.add(b);
        }
        for (int i = 0; i < sizes.length; i++) {
            byte[] read = new byte[sizes[i]];
            held.get(i).duplicate().get(read);
            for (byte x : read) {
                if (x != (byte) (i + 1)) {
                    throw new AssertionError("buffer " + i + " of " + sizes[i] + " bytes was overwritten");
                }
            }
            arena.release(held.get(i));
        }
        arena.reset();
    }

    @Test
    void rowGroupsOfPagesComeOutAsCollectedWhileTheSlabsAreReused() throws Exception {
        PageArena arena = new PageArena();
        Random random = new Random(42);
        long retainedAfterFirst = -1;
        for (int rowGroup = 0; rowGroup < 6; rowGroup++) {
            List<ConcatenatingByteBufferCollector> chunks = new ArrayList<>();
            List<ByteArrayOutputStream> expected = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                chunks.add(new ConcatenatingByteBufferCollector(arena));
                expected.add(new ByteArrayOutputStream());
            }
            // Pages of the four chunks interleaved, as the encoder hands them over, ~12 MiB in all.
            for (int page = 0; page < 48; page++) {
                int c = random.nextInt(4);
                byte[] bytes = new byte[random.nextInt(512 * 1024)];
                random.nextBytes(bytes);
                chunks.get(c).collect(BytesInput.from(bytes));
                expected.get(c).write(bytes);
            }
            for (int c = 0; c < 4; c++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                chunks.get(c).writeAllTo(out);
                assertThat(out.toByteArray()).as("row group %d, chunk %d", rowGroup, c).isEqualTo(expected.get(c).toByteArray());
                chunks.get(c).close();
            }
            arena.reset();
            if (rowGroup == 0) {
                retainedAfterFirst = arena.retainedBytes();
            }
        }
        // Row groups of the same size need no more slabs than the first one took, give or take the
        // slab a different order of page sizes may leave part-used.
        assertThat(arena.retainedBytes()).isLessThanOrEqualTo(retainedAfterFirst + PageArena.SLAB_BYTES);
    }

    @Test
    void aSmallTableTakesOneSmallSlab() {
        PageArena arena = new PageArena();
        for (int page = 0; page < 10; page++) {
            arena.release(arena.allocate(2_000));
        }
        arena.reset();
        assertThat(arena.retainedBytes()).isEqualTo(PageArena.FIRST_SLAB_BYTES);
        // A page larger than the next slab gets a slab of its own size.
        arena.release(arena.allocate(PageArena.FIRST_SLAB_BYTES));
        arena.release(arena.allocate(1_000_000));
        arena.reset();
        assertThat(arena.retainedBytes()).isEqualTo(PageArena.FIRST_SLAB_BYTES + 1_000_000L);
    }

    @Test
    void aBufferStillHeldMakesTheResetFailRatherThanHandItOutAgain() {
        PageArena arena = new PageArena();
        ByteBuffer a = arena.allocate(10);
        arena.allocate(20);
        arena.release(a);
        assertThatThrownBy(arena::reset).isInstanceOf(IllegalStateException.class).hasMessageContaining("1 page buffers");
        assertThatThrownBy(() -> arena.allocate(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}

package io.flowforge.bronze.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time byte comparisons of {@link DirectDictionaries} against {@link Arrays}' own. */
class DirectDictionariesTest {
    @Test
    void compareAndEqualityMatchArraysOnRandomRanges() {
        Random r = new Random(5);
        byte[] a = new byte[64];
        byte[] b = new byte[64];
        for (int round = 0; round < 200_000; round++) {
            int alength = r.nextInt(20);
            int blength = r.nextInt(4) == 0 ? alength : r.nextInt(20);
            int ai = r.nextInt(64 - alength + 1);
            int bi = r.nextInt(64 - blength + 1);
            // Few distinct byte values (including the sign bit), so equal prefixes are common.
            for (int i = 0; i < 64; i++) {
                a[i] = (byte) (r.nextInt(3) * 0x7F);
                b[i] = r.nextInt(8) == 0 ? (byte) (r.nextInt(3) * 0x7F) : a[i];
            }
            int expected = Integer.signum(Arrays.compareUnsigned(a, ai, ai + alength, b, bi, bi + blength));
            assertThat(Integer.signum(DirectDictionaries.compareUnsigned(a, ai, alength, b, bi, blength)))
                    .as("round %d", round).isEqualTo(expected);
            if (alength == blength) {
                assertThat(DirectDictionaries.same(a, ai, b, bi, alength))
                        .isEqualTo(Arrays.equals(a, ai, ai + alength, b, bi, bi + blength));
            }
        }
    }

    @Test
    void numericDictionaryGivesIdsInFirstSeenOrderAndCountsBytesAsParquetJava() {
        DirectDictionaries.Numbers d = new DirectDictionaries.Numbers(8);
        long[] keys = {Double.doubleToRawLongBits(1.0), Double.doubleToRawLongBits(2.0), 0, Long.MAX_VALUE,
                Double.doubleToRawLongBits(-0.0)};
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < keys.length; i++) {
                assertThat(d.idOf(keys[i])).isEqualTo(i);
            }
        }
        // Enough keys with all-zero low bits to grow the table several times.
        for (int i = 0; i < 10_000; i++) {
            assertThat(d.idOf(Double.doubleToRawLongBits(i + 3.0))).isEqualTo(keys.length + i);
        }
        assertThat(d.size).isEqualTo(keys.length + 10_000);
        assertThat(d.byteSize).isEqualTo(8L * d.size);
    }
}

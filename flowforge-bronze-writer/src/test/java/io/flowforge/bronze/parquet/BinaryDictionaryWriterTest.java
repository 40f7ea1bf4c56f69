package io.flowforge.bronze.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter;
import org.apache.parquet.column.values.fallback.FallbackValuesWriter;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

/**
 * {@link BinaryDictionaryWriter} against parquet-java's {@code PlainBinaryDictionaryValuesWriter}:
 * fed the same values page by page (through parquet-java's fall-back wrapper, as the column writer
 * uses them), both must produce the same page bytes, encodings and dictionary page, including when
 * the dictionary is given up on the first page or on a later one.
 */
class BinaryDictionaryWriterTest {
    private static final HeapByteBufferAllocator HEAP = new HeapByteBufferAllocator();

    /** Values with repeats: empty, one byte, lengths around the 8-byte hash word, unicode, long. */
    static List<byte[]> values(int count, int distinct) {
        List<byte[]> out = new ArrayList<>();
        String[] fixed = {"", "a", "b", "ab", "abcdefg", "abcdefgh", "abcdefghi", "Zürich", "東京", "Ünïcödé ✓",
                "x".repeat(300)};
        for (int i = 0; i < count; i++) {
            int k = (int) ((i * 2654435761L) % distinct);
            String s = k < fixed.length ? fixed[k] : "value-" + k + (k % 3 == 0 ? "-with-a-longer-tail-" + k : "");
            out.add(s.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    record Page(byte[] bytes, Encoding encoding) {}

    record Chunk(List<Page> pages, byte[] dictionary, int dictionarySize) {}

    /** Writes pages of {@code pageValues} values, through a reused array as ColumnWriter passes them. */
    static Chunk encode(ValuesWriter w, List<byte[]> values, int pageValues) throws Exception {
        List<Page> pages = new ArrayList<>();
        byte[] scratch = new byte[512];
        for (int i = 0; i < values.size(); i++) {
            byte[] v = values.get(i);
            System.arraycopy(v, 0, scratch, 3, v.length);
            w.writeBytes(Binary.fromReusedByteArray(scratch, 3, v.length));
            if ((i + 1) % pageValues == 0 || i == values.size() - 1) {
                pages.add(new Page(w.getBytes().toByteArray(), w.getEncoding()));
                w.reset();
            }
        }
        DictionaryPage dict = w.toDictPageAndClose();
        return new Chunk(pages, dict == null ? null : dict.getBytes().toByteArray(), dict == null ? 0 : dict.getDictionarySize());
    }

    static ValuesWriter ours(int maxDictionaryBytes, Runnable onFirstPageFallback) {
        return FallbackValuesWriter.of(new BinaryDictionaryWriter(maxDictionaryBytes, HEAP, onFirstPageFallback),
                new PlainValuesWriter(64, 1024 * 1024, HEAP));
    }

    static ValuesWriter parquetJava(int maxDictionaryBytes) {
        return FallbackValuesWriter.of(new PlainBinaryDictionaryValuesWriter(maxDictionaryBytes, Encoding.PLAIN_DICTIONARY,
                Encoding.PLAIN_DICTIONARY, HEAP), new PlainValuesWriter(64, 1024 * 1024, HEAP));
    }

    static void assertSame(Chunk ours, Chunk theirs) {
        assertThat(ours.pages()).hasSameSizeAs(theirs.pages());
        for (int p = 0; p < ours.pages().size(); p++) {
            assertThat(ours.pages().get(p).encoding()).as("page %d encoding", p).isEqualTo(theirs.pages().get(p).encoding());
            assertThat(ours.pages().get(p).bytes()).as("page %d bytes", p).isEqualTo(theirs.pages().get(p).bytes());
        }
        assertThat(ours.dictionarySize()).isEqualTo(theirs.dictionarySize());
        assertThat(ours.dictionary()).isEqualTo(theirs.dictionary());
    }

    @Test
    void dictionaryPagesAreByteForByteParquetJavas() throws Exception {
        List<byte[]> values = values(50_000, 700);
        AtomicInteger fallbacks = new AtomicInteger();
        Chunk ours = encode(ours(1024 * 1024, fallbacks::incrementAndGet), values, 20_000);
        Chunk theirs = encode(parquetJava(1024 * 1024), values, 20_000);
        assertSame(ours, theirs);
        assertThat(ours.pages()).extracting(Page::encoding).containsOnly(Encoding.PLAIN_DICTIONARY);
        assertThat(ours.dictionarySize()).isEqualTo(700);
        assertThat(fallbacks).hasValue(0);
    }

    @Test
    void manyDistinctValuesGrowTheTableAndStillMatch() throws Exception {
        // 20,000 distinct values: the table is rehashed many times; the dictionary stays under 4 MiB.
        List<byte[]> values = values(120_000, 20_000);
        Chunk ours = encode(ours(4 * 1024 * 1024, () -> { }), values, 30_000);
        Chunk theirs = encode(parquetJava(4 * 1024 * 1024), values, 30_000);
        assertSame(ours, theirs);
        assertThat(ours.dictionarySize()).isEqualTo(20_000);
    }

    @Test
    void firstPageFallbackIsTheSameAndIsReported() throws Exception {
        // Every value distinct: the dictionary does not pay off on the first page, both go PLAIN.
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            values.add(("customer" + i + "@example.com").getBytes(StandardCharsets.UTF_8));
        }
        AtomicInteger fallbacks = new AtomicInteger();
        Chunk ours = encode(ours(1024 * 1024, fallbacks::incrementAndGet), values, 10_000);
        Chunk theirs = encode(parquetJava(1024 * 1024), values, 10_000);
        assertSame(ours, theirs);
        assertThat(ours.pages()).extracting(Page::encoding).containsOnly(Encoding.PLAIN);
        assertThat(ours.dictionary()).isNull();
        assertThat(fallbacks).hasValue(1);
    }

    @Test
    void laterPageFallbackKeepsTheUsedDictionaryAndIsNotReported() throws Exception {
        // 1,000 distinct values on the first page, then new values until the 64 KiB dictionary is full.
        List<byte[]> values = new ArrayList<>(values(10_000, 1_000));
        for (int i = 0; i < 20_000; i++) {
            values.add(("late-" + i).getBytes(StandardCharsets.UTF_8));
        }
        AtomicInteger fallbacks = new AtomicInteger();
        Chunk ours = encode(ours(64 * 1024, fallbacks::incrementAndGet), values, 10_000);
        Chunk theirs = encode(parquetJava(64 * 1024), values, 10_000);
        assertSame(ours, theirs);
        assertThat(ours.pages()).extracting(Page::encoding).contains(Encoding.PLAIN_DICTIONARY, Encoding.PLAIN);
        assertThat(ours.dictionarySize()).isEqualTo(1_000);
        assertThat(fallbacks).hasValue(0);
    }

    @Test
    void equalValuesGetOneIdAndDifferentOnesDoNot() {
        BinaryDictionaryWriter w = new BinaryDictionaryWriter(1024 * 1024, HEAP, () -> { });
        byte[] a = "abcdefgh1".getBytes(StandardCharsets.UTF_8);
        byte[] b = "abcdefgh2".getBytes(StandardCharsets.UTF_8);
        byte[] prefix = "abcdefgh".getBytes(StandardCharsets.UTF_8);
        byte[] padded = "xxabcdefgh1yy".getBytes(StandardCharsets.UTF_8);
        assertThat(w.idOf(a, 0, a.length)).isZero();
        assertThat(w.idOf(b, 0, b.length)).isEqualTo(1);
        assertThat(w.idOf(prefix, 0, prefix.length)).isEqualTo(2);
        assertThat(w.idOf(padded, 2, a.length)).isZero();
        assertThat(w.idOf(new byte[0], 0, 0)).isEqualTo(3);
        assertThat(w.idOf(padded, 5, 0)).isEqualTo(3);
        assertThat(w.getDictionarySize()).isEqualTo(4);
    }
}

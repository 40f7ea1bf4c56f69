package io.flowforge.bronze.parquet;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.SizeStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.statistics.geospatial.GeospatialStatistics;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType;

/**
 * One flat column's V1 pages built straight from the Arrow buffers, handed to parquet-java's page
 * store (which compresses them and keeps the footer, statistics, column and offset indexes in its
 * own format). Replaces, for the common types, the value-by-value path through parquet-java's
 * {@code ColumnWriter} ({@link ColumnWriter}), which stays for every other type:
 * <ul>
 *   <li>definition levels are RLE/bit-packed in bulk from the validity bitmap (a page without nulls
 *       is one RLE run);</li>
 *   <li>PLAIN values are the non-null values compacted from the Arrow data buffer (Arrow's
 *       little-endian layout is Parquet's PLAIN), BYTE_ARRAY from offsets + data;</li>
 *   <li>min/max/null count (and NaN count) are computed in loops on primitives; byte strings are
 *       compared only when they are written PLAIN or met for the first time on the page;</li>
 *   <li>the dictionary decisions are parquet-java's and {@link EncodingChoices}': the dictionary is
 *       tried first in every column chunk, given up (PLAIN for the rest of the chunk) when it
 *       outgrows the dictionary page size, or on the chunk's first page when
 *       {@code ids + dictionary >= PLAIN size}; a column given up on a first page is PLAIN, without
 *       trying again, for the rest of the file.</li>
 * </ul>
 * Pages end at the page row limit or once their buffered bytes reach the page size, checked
 * after each slice of rows, so page boundaries can differ from parquet-java's; values, encodings,
 * statistics and the file's layout do not.
 */
abstract class DirectPages {
    /** Set to {@code false} to write every column through parquet-java's column writers (the path before). */
    static final String PROPERTY = "flowforge.parquet.directPages";

    static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    final String name;
    final boolean required;
    final ColumnDescriptor descriptor;
    final PrimitiveType type;
    private final int pageRowLimit;
    private final int pageBytes;
    final int maxDictionaryBytes;
    private final boolean statisticsEnabled;
    private final boolean sizeStatisticsEnabled;
    private final boolean dictionaryEnabled;
    /** The dictionary was given up on a chunk's first page: PLAIN for the rest of the file. */
    private boolean plainRemembered;

    // The current column chunk (row group).
    private PageWriter pages;
    boolean dictionaryMode;
    private int pagesInChunk;
    private int dictionaryPagesInChunk;
    private int lastUsedDictionarySize;
    /** Increases with every page of the file; marks which dictionary entries a page's statistics have seen. */
    int pageSeq = 1;

    // The current page.
    int pageRows;
    int pageNulls;
    private long[] validity;
    final RleHybrid.Bytes plain = new RleHybrid.Bytes();
    int[] ids = new int[1024];
    int idCount;
    /** PLAIN size of the page's values, counted even while dictionary-encoded (the first-page test). */
    long rawPlainSize;
    long unencodedBinaryBytes;

    // The bound batch.
    private ArrowBuf validityBuffer;
    private boolean batchHasNulls;
    private byte[] validityBytes = new byte[1024];
    byte[] scratch = new byte[8192];

    private final RleHybrid.Bytes page = new RleHybrid.Bytes();

    DirectPages(String name, boolean required, ColumnDescriptor descriptor, ParquetProperties props) {
        this.name = name;
        this.required = required;
        this.descriptor = descriptor;
        this.type = descriptor.getPrimitiveType();
        this.pageRowLimit = Math.max(1, props.getPageRowCountLimit());
        this.pageBytes = props.getPageSizeThreshold();
        this.maxDictionaryBytes = props.getDictionaryPageSizeThreshold();
        this.statisticsEnabled = props.getStatisticsEnabled(descriptor);
        this.sizeStatisticsEnabled = props.getSizeStatisticsEnabled(descriptor);
        this.dictionaryEnabled = props.isDictionaryEnabled(descriptor) && supportsDictionary();
        this.validity = new long[pageRowLimit / 64 + 2];
    }

    /**
     * The direct writer for a source column, or null when the type is left to parquet-java's column
     * writer (or the {@value #PROPERTY} property is {@code false}).
     */
    static DirectPages of(Field field, ColumnDescriptor descriptor, ParquetProperties props) {
        if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
            return null;
        }
        String name = field.getName();
        boolean required = !field.isNullable();
        ArrowType t = field.getType();
        switch (t.getTypeID()) {
            case Bool:
                return new Bools(name, required, descriptor, props);
            case Int: {
                ArrowType.Int i = (ArrowType.Int) t;
                switch (i.getBitWidth()) {
                    case 8:
                        return numbers(name, required, descriptor, props, i.getIsSigned() ? Kind.I8 : Kind.U8, 1);
                    case 16:
                        return numbers(name, required, descriptor, props, i.getIsSigned() ? Kind.I16 : Kind.U16, 1);
                    case 32:
                        // Unsigned 32/64-bit columns have an unsigned comparator for their statistics.
                        return i.getIsSigned() ? numbers(name, required, descriptor, props, Kind.I32, 1) : null;
                    default:
                        return i.getIsSigned() ? numbers(name, required, descriptor, props, Kind.I64, 1) : null;
                }
            }
            case FloatingPoint:
                switch (((ArrowType.FloatingPoint) t).getPrecision()) {
                    case SINGLE:
                        return numbers(name, required, descriptor, props, Kind.F32, 1);
                    case DOUBLE:
                        return numbers(name, required, descriptor, props, Kind.F64, 1);
                    default:
                        return null;
                }
            case Utf8:
            case Binary:
                return new ByteStrings(name, required, descriptor, props, false);
            case LargeUtf8:
            case LargeBinary:
                return new ByteStrings(name, required, descriptor, props, true);
            case Decimal: {
                ArrowType.Decimal d = (ArrowType.Decimal) t;
                int arrowWidth = d.getBitWidth() / 8;
                if (d.getPrecision() <= 9) {
                    return new Numbers(name, required, descriptor, props, Kind.DEC32, 1, arrowWidth);
                }
                if (d.getPrecision() <= 18) {
                    return new Numbers(name, required, descriptor, props, Kind.DEC64, 1, arrowWidth);
                }
                return null;
            }
            case Date:
                return ((ArrowType.Date) t).getUnit() == org.apache.arrow.vector.types.DateUnit.MILLISECOND
                        ? numbers(name, required, descriptor, props, Kind.DATE_MILLIS, 1)
                        : numbers(name, required, descriptor, props, Kind.I32, 1);
            case Time:
                switch (((ArrowType.Time) t).getUnit()) {
                    case SECOND:
                        return numbers(name, required, descriptor, props, Kind.I32, 1000);
                    case MILLISECOND:
                        return numbers(name, required, descriptor, props, Kind.I32, 1);
                    default:
                        return numbers(name, required, descriptor, props, Kind.I64, 1);
                }
            case Timestamp:
                return numbers(name, required, descriptor, props, Kind.I64,
                        ((ArrowType.Timestamp) t).getUnit() == org.apache.arrow.vector.types.TimeUnit.SECOND ? 1000 : 1);
            default:
                return null;
        }
    }

    private static DirectPages numbers(String name, boolean required, ColumnDescriptor descriptor, ParquetProperties props,
            Kind kind, long multiplier) {
        return new Numbers(name, required, descriptor, props, kind, multiplier, kind.arrowWidth);
    }

    abstract boolean supportsDictionary();

    /** Takes the vector's data buffers for this batch. */
    abstract void bindBuffers(FieldVector vector);

    /**
     * Appends rows {@code from .. from + n} of the bound batch to the page; {@code valid} holds
     * their validity bits from bit {@code shift} on, or is null when every row is valid.
     */
    abstract void appendValues(int from, int n, byte[] valid, int shift);

    /** How many of rows {@code from .. from + n} fit in {@code bytes} of values (at least one); fixed widths: all. */
    int rowsWithin(int from, int n, long bytes) {
        return n;
    }

    /** The page's statistics (min, max; the null count is added by the caller). */
    abstract Statistics<?> pageStatistics();

    /** Clears the page's values and statistics. */
    abstract void resetValues();

    /** The current page's values (ids) rewritten as PLAIN values, then the dictionary is given up. */
    abstract void idsToPlain();

    /** Entries 0..count-1 of the dictionary as a PLAIN page body. */
    abstract void dictionaryPlain(int count, RleHybrid.Bytes out);

    abstract int dictionarySize();

    abstract long dictionaryBytes();

    abstract void clearDictionary();

    /** PLAIN bytes of the page's values (booleans: bit-packed). */
    void plainValues(RleHybrid.Bytes out) {
        out.put(plain.a, 0, plain.len);
    }

    void bind(FieldVector vector) {
        validityBuffer = vector.getValidityBuffer();
        batchHasNulls = vector.getNullCount() > 0;
        bindBuffers(vector);
    }

    /** Starts a column chunk written to {@code pageWriter}. */
    void startChunk(PageWriter pageWriter) {
        this.pages = pageWriter;
        dictionaryMode = dictionaryEnabled && !plainRemembered;
        pagesInChunk = 0;
        dictionaryPagesInChunk = 0;
        lastUsedDictionarySize = 0;
        clearDictionary();
        resetPage();
    }

    /** Bytes this column holds for the row group: pages handed over plus the page being built. */
    long bufferedBytes() {
        return pages.getMemSize() + pageBufferedBytes() + (dictionaryMode ? dictionaryBytes() : 0);
    }

    private long pageBufferedBytes() {
        // As parquet-java counts a dictionary-encoded page: 4 bytes per id.
        return (dictionaryMode ? 4L * idCount : plain.len) + (pageRows >>> 3);
    }

    /** Writes rows {@code from} (inclusive) to {@code to} (exclusive) of the bound batch. */
    void write(int from, int to) throws IOException {
        while (from < to) {
            int n = Math.min(to - from, pageRowLimit - pageRows);
            // Large values: no more than a page's bytes per step (at least one row), so a page and the
            // slice's copy stay near the page size however long the strings are.
            n = rowsWithin(from, n, Math.max(0, pageBytes - (dictionaryMode ? 0 : plain.len)));
            append(from, n);
            from += n;
            if (pageRows >= pageRowLimit || pageBufferedBytes() >= pageBytes) {
                writePage();
            }
        }
    }

    private void append(int from, int n) {
        if (!batchHasNulls) {
            setValid(pageRows, n);
            appendValues(from, n, null, 0);
            pageRows += n;
            return;
        }
        int first = from >>> 3;
        int bytes = ((from + n - 1) >>> 3) - first + 1;
        if (validityBytes.length < bytes + 16) {
            validityBytes = new byte[bytes + 16];
        }
        validityBuffer.getBytes(first, validityBytes, 0, bytes);
        // The words below read up to 9 bytes past the slice's last one: those must be zero.
        Arrays.fill(validityBytes, bytes, bytes + 16, (byte) 0);
        int shift = from & 7;
        int valid = 0;
        long[] w = validity;
        byte[] vb = validityBytes;
        // 64 rows at a time: their validity bits become the page's definition-level bits as they are.
        for (int i = 0; i < n; i += 64) {
            int b = i + shift;
            int at = b >>> 3;
            long word = (long) LONGS.get(vb, at) >>> shift;
            if (shift != 0) {
                word |= (vb[at + 8] & 0xFFL) << (64 - shift);
            }
            if (n - i < 64) {
                word &= (1L << (n - i)) - 1;
            }
            valid += Long.bitCount(word);
            int p = pageRows + i;
            int bit = p & 63;
            w[p >>> 6] |= word << bit;
            if (bit != 0) {
                w[(p >>> 6) + 1] |= word >>> (64 - bit);
            }
        }
        int nulls = n - valid;
        if (nulls > 0 && required) {
            int row = from;
            while (((validityBytes[(row - from + shift) >>> 3] >>> ((row - from + shift) & 7)) & 1) != 0) {
                row++;
            }
            throw new IllegalStateException("column '" + name + "' is declared NOT NULL (non-nullable Arrow field)"
                    + " but row " + row + " of the batch is null");
        }
        appendValues(from, n, nulls == 0 ? null : validityBytes, shift);
        pageRows += n;
        pageNulls += nulls;
    }

    private void setValid(int from, int n) {
        long[] w = validity;
        int to = from + n;
        int i = from;
        while (i < to && (i & 63) != 0) {
            w[i >>> 6] |= 1L << i;
            i++;
        }
        while (i + 64 <= to) {
            w[i >>> 6] = -1L;
            i += 64;
        }
        while (i < to) {
            w[i >>> 6] |= 1L << i;
            i++;
        }
    }

    /** Ids grown to hold {@code more} more. */
    final void ensureIds(int more) {
        if (idCount + more > ids.length) {
            ids = Arrays.copyOf(ids, Math.max(idCount + more, ids.length * 2));
        }
    }

    /** Called after values were added in dictionary mode: gives the dictionary up when it outgrew its page. */
    final void checkDictionarySize() {
        if (dictionaryBytes() > maxDictionaryBytes) {
            fallBack();
        }
    }

    private void fallBack() {
        idsToPlain();
        idCount = 0;
        dictionaryMode = false;
        if (dictionaryPagesInChunk == 0) {
            plainRemembered = true;
        }
    }

    private void writePage() throws IOException {
        if (pageRows == 0) {
            return;
        }
        page.reset();
        if (!required) {
            int at = page.len;
            page.putIntLE(0);
            RleHybrid.encodeBits(validity, pageRows, pageNulls, page);
            page.setIntLE(at, page.len - at - 4);
        }
        int levelsEnd = page.len;
        if (dictionaryMode) {
            int width = RleHybrid.widthOf(Math.max(0, dictionarySize() - 1));
            page.put(width);
            RleHybrid.encodeInts(ids, idCount, width, page);
            if (pagesInChunk == 0 && page.len - levelsEnd + dictionaryBytes() >= rawPlainSize) {
                // parquet-java's first-page test: ids + dictionary must be smaller than PLAIN.
                page.len = levelsEnd;
                fallBack();
            }
        }
        Encoding valuesEncoding;
        if (dictionaryMode) {
            valuesEncoding = Encoding.PLAIN_DICTIONARY;
            lastUsedDictionarySize = dictionarySize();
            dictionaryPagesInChunk++;
        } else {
            plainValues(page);
            valuesEncoding = Encoding.PLAIN;
        }
        Statistics<?> stats = statisticsEnabled ? pageStatistics() : Statistics.noopStats(type);
        if (statisticsEnabled) {
            stats.incrementNumNulls(pageNulls);
        }
        SizeStatistics sizes = sizeStatisticsEnabled
                ? new SizeStatistics(type, unencodedBinaryBytes, new ArrayList<>(), new ArrayList<>())
                : SizeStatistics.noopBuilder(type, 0, descriptor.getMaxDefinitionLevel()).build();
        // What parquet-java's column writer hands over for a column that is not a geometry.
        GeospatialStatistics geospatial = statisticsEnabled
                ? GeospatialStatistics.newBuilder(type).build() : GeospatialStatistics.noopBuilder().build();
        pages.writePage(BytesInput.from(page.a, 0, page.len), pageRows, pageRows, stats, sizes, geospatial,
                Encoding.BIT_PACKED, required ? Encoding.BIT_PACKED : Encoding.RLE, valuesEncoding);
        pagesInChunk++;
        pageSeq++;
        resetPage();
    }

    private void resetPage() {
        Arrays.fill(validity, 0, Math.min(validity.length, (pageRows >>> 6) + 2), 0L);
        pageRows = 0;
        pageNulls = 0;
        plain.reset();
        idCount = 0;
        rawPlainSize = 0;
        unencodedBinaryBytes = 0;
        resetValues();
    }

    /** Writes the last page and the dictionary page of the row group's chunk. */
    void finishChunk() throws IOException {
        writePage();
        if (dictionaryPagesInChunk > 0 && lastUsedDictionarySize > 0) {
            page.reset();
            dictionaryPlain(lastUsedDictionarySize, page);
            pages.writeDictionaryPage(new DictionaryPage(BytesInput.from(page.a, 0, page.len), lastUsedDictionarySize,
                    Encoding.PLAIN_DICTIONARY));
        }
        clearDictionary();
        pages = null;
    }

    /** The Arrow value layouts the numeric writer reads, and their Parquet physical type. */
    enum Kind {
        I8(1), U8(1), I16(2), U16(2), I32(4), DATE_MILLIS(8), I64(8), F32(4), F64(8), DEC32(16), DEC64(16);

        final int arrowWidth;

        Kind(int arrowWidth) {
            this.arrowWidth = arrowWidth;
        }
    }

    /** INT32, INT64, FLOAT and DOUBLE columns (floats by their raw bits, which is what PLAIN and the dictionary hold). */
    static final class Numbers extends DirectPages {
        private final Kind kind;
        private final long multiplier;
        private final int arrowWidth;
        /** 4 or 8: the Parquet value's width. */
        private final int valueBytes;
        private final boolean floating;
        private final DirectDictionaries.Numbers dictionary;
        private ArrowBuf data;
        private long[] raw = new long[4096];
        private boolean has;
        private long min;
        private long max;
        private double minD;
        private double maxD;
        private long nans;

        Numbers(String name, boolean required, ColumnDescriptor descriptor, ParquetProperties props, Kind kind,
                long multiplier, int arrowWidth) {
            super(name, required, descriptor, props);
            this.kind = kind;
            this.multiplier = multiplier;
            this.arrowWidth = arrowWidth;
            PrimitiveType.PrimitiveTypeName physical = descriptor.getPrimitiveType().getPrimitiveTypeName();
            this.valueBytes = physical == PrimitiveType.PrimitiveTypeName.INT64
                    || physical == PrimitiveType.PrimitiveTypeName.DOUBLE ? 8 : 4;
            this.floating = kind == Kind.F32 || kind == Kind.F64;
            this.dictionary = new DirectDictionaries.Numbers(valueBytes);
        }

        @Override
        boolean supportsDictionary() {
            return true;
        }

        @Override
        void bindBuffers(FieldVector v) {
            data = v.getDataBuffer();
        }

        /** True when the Arrow value is already the Parquet PLAIN value (same width, no conversion). */
        private boolean sameLayout() {
            return multiplier == 1 && (kind == Kind.I32 || kind == Kind.I64 || kind == Kind.F32 || kind == Kind.F64);
        }

        @Override
        void appendValues(int from, int n, byte[] valid, int shift) {
            if (valid == null && !dictionaryMode && sameLayout()) {
                // PLAIN of a slice without nulls is the Arrow data buffer itself: one copy, then statistics.
                RleHybrid.Bytes p = plain;
                int bytes = n * valueBytes;
                p.ensure(bytes);
                data.getBytes((long) from * valueBytes, p.a, p.len, bytes);
                statisticsOfPlain(p.a, p.len, n);
                p.len += bytes;
                rawPlainSize += bytes;
                return;
            }
            if (raw.length < n) {
                raw = new long[Math.max(n, raw.length * 2)];
            }
            int bytes = n * arrowWidth;
            if (scratch.length < bytes) {
                scratch = new byte[Math.max(bytes, scratch.length * 2)];
            }
            data.getBytes((long) from * arrowWidth, scratch, 0, bytes);
            long[] r = raw;
            byte[] s = scratch;
            int m = 0;
            if (valid == null) {
                m = n;
                load(s, r, n);
            } else {
                load(s, r, n);
                for (int i = 0; i < n; i++) {
                    int b = i + shift;
                    if ((valid[b >>> 3] >>> (b & 7) & 1) != 0) {
                        r[m++] = r[i];
                    }
                }
            }
            convert(r, m);
            statistics(r, m);
            rawPlainSize += (long) m * valueBytes;
            if (dictionaryMode) {
                ensureIds(m);
                int[] out = ids;
                int c = idCount;
                for (int k = 0; k < m; k++) {
                    out[c++] = dictionary.idOf(r[k]);
                }
                idCount = c;
                checkDictionarySize();
            } else {
                writePlain(r, m);
            }
        }

        private void load(byte[] s, long[] r, int n) {
            switch (kind) {
                case I8:
                    for (int i = 0; i < n; i++) {
                        r[i] = s[i];
                    }
                    break;
                case U8:
                    for (int i = 0; i < n; i++) {
                        r[i] = s[i] & 0xFF;
                    }
                    break;
                case I16:
                    for (int i = 0; i < n; i++) {
                        r[i] = (short) SHORTS.get(s, i * 2);
                    }
                    break;
                case U16:
                    for (int i = 0; i < n; i++) {
                        r[i] = (short) SHORTS.get(s, i * 2) & 0xFFFF;
                    }
                    break;
                case I32:
                case F32:
                    for (int i = 0; i < n; i++) {
                        r[i] = (int) INTS.get(s, i * 4);
                    }
                    break;
                case DEC32:
                case DEC64:
                    for (int i = 0; i < n; i++) {
                        r[i] = (long) LONGS.get(s, i * arrowWidth);
                    }
                    break;
                default:
                    for (int i = 0; i < n; i++) {
                        r[i] = (long) LONGS.get(s, i * 8);
                    }
                    break;
            }
        }

        /** Conversions that can fail, applied to present values only (as the value-by-value path does). */
        private void convert(long[] r, int m) {
            switch (kind) {
                case I32:
                    if (multiplier != 1) {
                        for (int k = 0; k < m; k++) {
                            r[k] = Math.multiplyExact((int) r[k], (int) multiplier);
                        }
                    }
                    break;
                case I64:
                    if (multiplier != 1) {
                        for (int k = 0; k < m; k++) {
                            r[k] = Math.multiplyExact(r[k], multiplier);
                        }
                    }
                    break;
                case DATE_MILLIS:
                    for (int k = 0; k < m; k++) {
                        r[k] = Math.toIntExact(Math.floorDiv(r[k], 86_400_000L));
                    }
                    break;
                case DEC32:
                    for (int k = 0; k < m; k++) {
                        r[k] = (int) r[k];
                    }
                    break;
                default:
                    break;
            }
        }

        private void statistics(long[] r, int m) {
            if (m == 0) {
                return;
            }
            if (!floating) {
                long lo = has ? min : r[0];
                long hi = has ? max : r[0];
                for (int k = 0; k < m; k++) {
                    long v = r[k];
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                min = lo;
                max = hi;
                has = true;
                return;
            }
            for (int k = 0; k < m; k++) {
                double v = kind == Kind.F32 ? Float.intBitsToFloat((int) r[k]) : Double.longBitsToDouble(r[k]);
                if (v != v) {
                    nans++;
                } else if (!has) {
                    minD = v;
                    maxD = v;
                    has = true;
                } else if (v < minD) {
                    minD = v;
                } else if (v > maxD) {
                    maxD = v;
                }
            }
        }

        /** The statistics of {@code n} PLAIN values at {@code at}. */
        private void statisticsOfPlain(byte[] a, int at, int n) {
            if (n == 0) {
                return;
            }
            if (kind == Kind.I32) {
                int lo = has ? (int) min : (int) INTS.get(a, at);
                int hi = has ? (int) max : lo;
                for (int end = at + 4 * n; at < end; at += 4) {
                    int v = (int) INTS.get(a, at);
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                min = lo;
                max = hi;
                has = true;
            } else if (kind == Kind.I64) {
                long lo = has ? min : (long) LONGS.get(a, at);
                long hi = has ? max : lo;
                for (int end = at + 8 * n; at < end; at += 8) {
                    long v = (long) LONGS.get(a, at);
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                min = lo;
                max = hi;
                has = true;
            } else {
                if (raw.length < n) {
                    raw = new long[Math.max(n, raw.length * 2)];
                }
                for (int k = 0; k < n; k++) {
                    raw[k] = valueBytes == 4 ? (int) INTS.get(a, at + 4 * k) : (long) LONGS.get(a, at + 8 * k);
                }
                statistics(raw, n);
            }
        }

        private void writePlain(long[] r, int m) {
            RleHybrid.Bytes p = plain;
            p.ensure(m * valueBytes);
            byte[] a = p.a;
            int at = p.len;
            if (valueBytes == 4) {
                for (int k = 0; k < m; k++, at += 4) {
                    INTS.set(a, at, (int) r[k]);
                }
            } else {
                for (int k = 0; k < m; k++, at += 8) {
                    LONGS.set(a, at, r[k]);
                }
            }
            p.len = at;
        }

        @Override
        Statistics<?> pageStatistics() {
            Statistics<?> stats = Statistics.createStats(type);
            if (floating) {
                if (has) {
                    if (kind == Kind.F32) {
                        stats.updateStats((float) minD);
                        stats.updateStats((float) maxD);
                    } else {
                        stats.updateStats(minD);
                        stats.updateStats(maxD);
                    }
                }
                stats.incrementNanCount(nans);
            } else if (has) {
                if (valueBytes == 4) {
                    stats.updateStats((int) min);
                    stats.updateStats((int) max);
                } else {
                    stats.updateStats(min);
                    stats.updateStats(max);
                }
            }
            return stats;
        }

        @Override
        void resetValues() {
            has = false;
            nans = 0;
        }

        @Override
        void idsToPlain() {
            if (raw.length < idCount) {
                raw = new long[idCount];
            }
            for (int k = 0; k < idCount; k++) {
                raw[k] = dictionary.keys[ids[k]];
            }
            writePlain(raw, idCount);
        }

        @Override
        void dictionaryPlain(int count, RleHybrid.Bytes out) {
            dictionary.plain(count, out);
        }

        @Override
        int dictionarySize() {
            return dictionary.size;
        }

        @Override
        long dictionaryBytes() {
            return dictionary.byteSize;
        }

        @Override
        void clearDictionary() {
            dictionary.clear();
        }
    }

    /** BOOLEAN: PLAIN is one bit per present value, LSB first; no dictionary (as parquet-java's V1 writer). */
    static final class Bools extends DirectPages {
        private ArrowBuf data;
        private byte[] dataBytes = new byte[1024];
        private int count;
        private boolean seenTrue;
        private boolean seenFalse;

        Bools(String name, boolean required, ColumnDescriptor descriptor, ParquetProperties props) {
            super(name, required, descriptor, props);
        }

        @Override
        boolean supportsDictionary() {
            return false;
        }

        @Override
        void bindBuffers(FieldVector v) {
            data = v.getDataBuffer();
        }

        @Override
        void appendValues(int from, int n, byte[] valid, int shift) {
            int first = from >>> 3;
            int bytes = ((from + n - 1) >>> 3) - first + 1;
            if (dataBytes.length < bytes) {
                dataBytes = new byte[bytes * 2];
            }
            data.getBytes(first, dataBytes, 0, bytes);
            int dataShift = from & 7;
            RleHybrid.Bytes p = plain;
            p.ensure(n / 8 + 2);
            byte[] out = p.a;
            int c = count;
            boolean t = seenTrue;
            boolean f = seenFalse;
            for (int i = 0; i < n; i++) {
                if (valid != null) {
                    int b = i + shift;
                    if ((valid[b >>> 3] >>> (b & 7) & 1) == 0) {
                        continue;
                    }
                }
                int d = i + dataShift;
                boolean v = (dataBytes[d >>> 3] >>> (d & 7) & 1) != 0;
                if ((c & 7) == 0) {
                    out[c >>> 3] = 0;
                }
                if (v) {
                    out[c >>> 3] |= (byte) (1 << (c & 7));
                    t = true;
                } else {
                    f = true;
                }
                c++;
            }
            count = c;
            seenTrue = t;
            seenFalse = f;
            p.len = (c + 7) >>> 3;
        }

        @Override
        Statistics<?> pageStatistics() {
            Statistics<?> stats = Statistics.createStats(type);
            if (seenFalse) {
                stats.updateStats(false);
            }
            if (seenTrue) {
                stats.updateStats(true);
            }
            return stats;
        }

        @Override
        void resetValues() {
            count = 0;
            seenTrue = false;
            seenFalse = false;
        }

        @Override
        void idsToPlain() {
            throw new IllegalStateException("no dictionary for booleans");
        }

        @Override
        void dictionaryPlain(int count, RleHybrid.Bytes out) {
            throw new IllegalStateException("no dictionary for booleans");
        }

        @Override
        int dictionarySize() {
            return 0;
        }

        @Override
        long dictionaryBytes() {
            return 0;
        }

        @Override
        void clearDictionary() {
        }
    }

    /** BYTE_ARRAY (strings and binaries, 4- or 8-byte Arrow offsets). */
    static final class ByteStrings extends DirectPages {
        private final boolean largeOffsets;
        private final DirectDictionaries.ByteStrings dictionary = new DirectDictionaries.ByteStrings();
        private ArrowBuf offsets;
        private ArrowBuf data;
        private long[] offs = new long[4097];
        private byte[] offsetBytes = new byte[8 * 4097];
        /** The page each dictionary entry last updated the statistics on. */
        private int[] seenOnPage = new int[256];
        private boolean has;
        private byte[] min = new byte[64];
        private int minLen;
        private byte[] max = new byte[64];
        private int maxLen;

        ByteStrings(String name, boolean required, ColumnDescriptor descriptor, ParquetProperties props, boolean largeOffsets) {
            super(name, required, descriptor, props);
            this.largeOffsets = largeOffsets;
        }

        @Override
        boolean supportsDictionary() {
            return true;
        }

        @Override
        void bindBuffers(FieldVector v) {
            offsets = v.getOffsetBuffer();
            data = v.getDataBuffer();
        }

        private long offsetAt(int row) {
            return largeOffsets ? offsets.getLong((long) row * 8) : offsets.getInt((long) row * 4);
        }

        @Override
        int rowsWithin(int from, int n, long bytes) {
            long base = offsetAt(from);
            if (offsetAt(from + n) - base <= bytes) {
                return n;
            }
            // Offsets grow with the row: the most rows whose bytes fit, by bisection.
            int lo = 1;
            int hi = n;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (offsetAt(from + mid) - base <= bytes) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo;
        }

        @Override
        void appendValues(int from, int n, byte[] valid, int shift) {
            if (offs.length < n + 1) {
                offs = new long[n + 1];
            }
            int width = largeOffsets ? 8 : 4;
            int offsetLength = (n + 1) * width;
            if (offsetBytes.length < offsetLength) {
                offsetBytes = new byte[offsetLength];
            }
            offsets.getBytes((long) from * width, offsetBytes, 0, offsetLength);
            long[] o = offs;
            if (largeOffsets) {
                for (int i = 0; i <= n; i++) {
                    o[i] = (long) LONGS.get(offsetBytes, i * 8);
                }
            } else {
                for (int i = 0; i <= n; i++) {
                    o[i] = (int) INTS.get(offsetBytes, i * 4);
                }
            }
            long base = o[0];
            int total = Math.toIntExact(o[n] - base);
            if (scratch.length < total) {
                scratch = new byte[Math.max(total, scratch.length * 2)];
            }
            data.getBytes(base, scratch, 0, total);
            byte[] s = scratch;
            if (dictionaryMode) {
                ensureIds(n);
            } else {
                plain.ensure(total + 4 * n);
            }
            long rawSize = 0;
            long unencoded = 0;
            for (int i = 0; i < n; i++) {
                if (valid != null) {
                    int b = i + shift;
                    if ((valid[b >>> 3] >>> (b & 7) & 1) == 0) {
                        continue;
                    }
                }
                int start = (int) (o[i] - base);
                int length = (int) (o[i + 1] - o[i]);
                rawSize += 4 + length;
                unencoded += length;
                if (dictionaryMode) {
                    int id = dictionary.idOf(s, start, length);
                    if (id >= seenOnPage.length) {
                        seenOnPage = Arrays.copyOf(seenOnPage, Math.max(id + 1, seenOnPage.length * 2));
                    }
                    if (seenOnPage[id] != pageSeq) {
                        seenOnPage[id] = pageSeq;
                        minMax(s, start, length);
                    }
                    ids[idCount++] = id;
                } else {
                    // Room was made for the whole slice above.
                    RleHybrid.Bytes p = plain;
                    INTS.set(p.a, p.len, length);
                    System.arraycopy(s, start, p.a, p.len + 4, length);
                    p.len += 4 + length;
                    minMax(s, start, length);
                }
            }
            rawPlainSize += rawSize;
            unencodedBinaryBytes += unencoded;
            if (dictionaryMode) {
                checkDictionarySize();
            }
        }

        private void minMax(byte[] s, int start, int length) {
            if (!has) {
                min = copy(min, s, start, length);
                minLen = length;
                max = copy(max, s, start, length);
                maxLen = length;
                has = true;
            } else if (DirectDictionaries.compareUnsigned(s, start, length, max, 0, maxLen) > 0) {
                // Checked first: keys and timestamps-as-text mostly grow, so most values end here.
                max = copy(max, s, start, length);
                maxLen = length;
            } else if (DirectDictionaries.compareUnsigned(s, start, length, min, 0, minLen) < 0) {
                min = copy(min, s, start, length);
                minLen = length;
            }
        }

        private static byte[] copy(byte[] into, byte[] s, int start, int length) {
            byte[] a = into.length >= length ? into : new byte[Math.max(length, into.length * 2)];
            System.arraycopy(s, start, a, 0, length);
            return a;
        }

        @Override
        Statistics<?> pageStatistics() {
            Statistics<?> stats = Statistics.createStats(type);
            if (has) {
                stats.updateStats(Binary.fromConstantByteArray(Arrays.copyOf(min, minLen)));
                stats.updateStats(Binary.fromConstantByteArray(Arrays.copyOf(max, maxLen)));
            }
            return stats;
        }

        @Override
        void resetValues() {
            has = false;
        }

        @Override
        void idsToPlain() {
            for (int k = 0; k < idCount; k++) {
                int id = ids[k];
                plain.putIntLE(dictionary.lengths[id]);
                plain.put(dictionary.bytes, dictionary.starts[id], dictionary.lengths[id]);
            }
        }

        @Override
        void dictionaryPlain(int count, RleHybrid.Bytes out) {
            dictionary.plain(count, out);
        }

        @Override
        int dictionarySize() {
            return dictionary.size;
        }

        @Override
        long dictionaryBytes() {
            return dictionary.byteSize;
        }

        @Override
        void clearDictionary() {
            dictionary.clear();
        }
    }
}

package io.flowforge.bronze.parquet;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.timestampType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Constant columns (the audit columns): required STRING, or required TIMESTAMP(MICROS, UTC).
 *
 * <p>A constant column's chunk is written as pages directly, not value by value: a dictionary
 * page holding the one value, then data pages whose dictionary indexes are a single RLE run of
 * zeros at bit width 0, i.e. a few bytes per page whatever the row count. This is what
 * parquet-java's dictionary encoder produces for a column with one distinct value (V1 pages,
 * PLAIN_DICTIONARY, at most the page row limit per page), without hashing and comparing the
 * value once per row.
 */
final class ConstantMapping {

    private ConstantMapping() {
    }

    static PrimitiveType type(ConstantColumn c) {
        if (c.text() != null) {
            return Types.required(PrimitiveTypeName.BINARY).as(stringType()).named(c.name());
        }
        return Types.required(PrimitiveTypeName.INT64)
                .as(timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(c.name());
    }

    /** Writes one constant column's chunk for a row group. */
    static final class ChunkWriter {
        private final PrimitiveType type;
        private final byte[] plainValue;
        private final Binary binary;
        private final long longValue;
        private final int pageRows;

        ChunkWriter(ConstantColumn c, int pageRows) {
            this.type = type(c);
            this.pageRows = pageRows;
            if (c.text() != null) {
                byte[] utf8 = c.text().getBytes(StandardCharsets.UTF_8);
                this.binary = Binary.fromConstantByteArray(utf8);
                this.longValue = 0;
                this.plainValue = ByteBuffer.allocate(4 + utf8.length).order(ByteOrder.LITTLE_ENDIAN)
                        .putInt(utf8.length).put(utf8).array();
            } else {
                this.binary = null;
                this.longValue = c.epochMicros();
                this.plainValue = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(longValue).array();
            }
        }

        /** Writes the dictionary page and data pages for a row group of {@code rows} rows. */
        void write(PageWriter pages, long rows) throws IOException {
            if (rows == 0) {
                return;
            }
            pages.writeDictionaryPage(new DictionaryPage(BytesInput.from(plainValue), 1, Encoding.PLAIN_DICTIONARY));
            for (long done = 0; done < rows; ) {
                int n = (int) Math.min(pageRows, rows - done);
                // Bit width 0, then one RLE run header (count << 1; low bit 0 = RLE); each value takes 0 bytes.
                BytesInput indexes = BytesInput.concat(BytesInput.from(new byte[] {0}),
                        BytesInput.fromUnsignedVarInt(n << 1));
                pages.writePage(indexes, n, n, statistics(), Encoding.BIT_PACKED, Encoding.BIT_PACKED,
                        Encoding.PLAIN_DICTIONARY);
                done += n;
            }
        }

        private Statistics<?> statistics() {
            Statistics<?> stats = Statistics.createStats(type);
            if (binary != null) {
                stats.updateStats(binary);
            } else {
                stats.updateStats(longValue);
            }
            return stats;
        }
    }
}

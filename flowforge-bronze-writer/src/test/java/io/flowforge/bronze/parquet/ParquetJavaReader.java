package io.flowforge.bronze.parquet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;

/**
 * Reads a flat Parquet file with parquet-java's own page decoders and column readers (the ones
 * Spark and parquet-mr readers use), without Hadoop: parquet-java's {@code ParquetFileReader} needs
 * Hadoop's MapReduce classes, which bronze leaves out. Page headers are parsed with parquet-format's
 * Thrift code, pages decompressed with {@link StandaloneCodecFactory}.
 */
final class ParquetJavaReader {
    private ParquetJavaReader() {
    }

    static ParquetMetadata footer(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long size = f.length();
            byte[] tail = new byte[8];
            f.seek(size - 8);
            f.readFully(tail);
            int length = ByteBuffer.wrap(tail).order(ByteOrder.LITTLE_ENDIAN).getInt();
            byte[] footer = new byte[length];
            f.seek(size - 8 - length);
            f.readFully(footer);
            return new ParquetMetadataConverter().readParquetMetadata(new ByteArrayInputStream(footer),
                    ParquetMetadataConverter.NO_FILTER);
        }
    }

    /** The data pages of a column, over all row groups. */
    static int dataPages(Path file, String column) throws IOException {
        int pages = 0;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            for (BlockMetaData block : footer(file).getBlocks()) {
                for (ColumnChunkMetaData chunk : block.getColumns()) {
                    if (!chunk.getPath().toDotString().equals(column)) {
                        continue;
                    }
                    byte[] bytes = new byte[Math.toIntExact(chunk.getTotalSize())];
                    f.seek(chunk.getStartingPos());
                    f.readFully(bytes);
                    ByteArrayInputStream in = new ByteArrayInputStream(bytes);
                    while (in.available() > 0) {
                        PageHeader h = Util.readPageHeader(in);
                        in.skipNBytes(h.getCompressed_page_size());
                        if (h.getType() == PageType.DATA_PAGE) {
                            pages++;
                        }
                    }
                }
            }
        }
        return pages;
    }

    /** Every column of every row, column by column: "null", the number, or the bytes in hex. */
    static List<List<String>> columns(Path file) throws IOException {
        ParquetMetadata footer = footer(file);
        MessageType schema = footer.getFileMetaData().getSchema();
        List<List<String>> out = new ArrayList<>();
        for (int c = 0; c < schema.getColumns().size(); c++) {
            out.add(new ArrayList<>());
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            for (BlockMetaData block : footer.getBlocks()) {
                PageReadStore store = new Store(f, block, schema);
                ColumnReadStoreImpl columns = new ColumnReadStoreImpl(store,
                        new GroupRecordConverter(schema).getRootConverter(), schema, footer.getFileMetaData().getCreatedBy());
                for (int c = 0; c < schema.getColumns().size(); c++) {
                    ColumnDescriptor d = schema.getColumns().get(c);
                    ColumnReader r = columns.getColumnReader(d);
                    for (long i = 0; i < block.getRowCount(); i++) {
                        out.get(c).add(value(r, d));
                        r.consume();
                    }
                }
            }
        }
        return out;
    }

    private static String value(ColumnReader r, ColumnDescriptor d) {
        if (r.getCurrentDefinitionLevel() < d.getMaxDefinitionLevel()) {
            return "null";
        }
        switch (d.getPrimitiveType().getPrimitiveTypeName()) {
            case BOOLEAN:
                return Boolean.toString(r.getBoolean());
            case INT32:
                return Integer.toString(r.getInteger());
            case INT64:
                return Long.toString(r.getLong());
            case FLOAT:
                return Float.toString(r.getFloat());
            case DOUBLE:
                return Double.toString(r.getDouble());
            default:
                return HexFormat.of().formatHex(r.getBinary().getBytes());
        }
    }

    private static final class Store implements PageReadStore {
        private final RandomAccessFile file;
        private final BlockMetaData block;
        private final MessageType schema;

        Store(RandomAccessFile file, BlockMetaData block, MessageType schema) {
            this.file = file;
            this.block = block;
            this.schema = schema;
        }

        @Override
        public PageReader getPageReader(ColumnDescriptor descriptor) {
            for (ColumnChunkMetaData chunk : block.getColumns()) {
                if (chunk.getPath().equals(org.apache.parquet.hadoop.metadata.ColumnPath.get(descriptor.getPath()))) {
                    try {
                        return pages(chunk);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            throw new IllegalArgumentException("no chunk for " + descriptor + " in " + schema);
        }

        private PageReader pages(ColumnChunkMetaData chunk) throws IOException {
            byte[] bytes = new byte[Math.toIntExact(chunk.getTotalSize())];
            file.seek(chunk.getStartingPos());
            file.readFully(bytes);
            ByteArrayInputStream in = new ByteArrayInputStream(bytes);
            StandaloneCodecFactory codecs = new StandaloneCodecFactory();
            DictionaryPage dictionary = null;
            Deque<DataPage> data = new ArrayDeque<>();
            while (in.available() > 0) {
                PageHeader h = Util.readPageHeader(in);
                byte[] compressed = in.readNBytes(h.getCompressed_page_size());
                BytesInput page = codecs.getDecompressor(chunk.getCodec())
                        .decompress(BytesInput.from(compressed), h.getUncompressed_page_size());
                if (h.getType() == PageType.DICTIONARY_PAGE) {
                    dictionary = new DictionaryPage(BytesInput.copy(page), h.getDictionary_page_header().getNum_values(),
                            Encoding.valueOf(h.getDictionary_page_header().getEncoding().name()));
                } else if (h.getType() == PageType.DATA_PAGE) {
                    var dh = h.getData_page_header();
                    data.add(new DataPageV1(BytesInput.copy(page), dh.getNum_values(), h.getUncompressed_page_size(), null,
                            Encoding.valueOf(dh.getRepetition_level_encoding().name()),
                            Encoding.valueOf(dh.getDefinition_level_encoding().name()),
                            Encoding.valueOf(dh.getEncoding().name())));
                } else {
                    throw new IllegalStateException("unexpected page " + h.getType());
                }
            }
            long values = chunk.getValueCount();
            DictionaryPage dict = dictionary;
            return new PageReader() {
                @Override
                public DictionaryPage readDictionaryPage() {
                    return dict;
                }

                @Override
                public long getTotalValueCount() {
                    return values;
                }

                @Override
                public DataPage readPage() {
                    return data.poll();
                }
            };
        }

        @Override
        public long getRowCount() {
            return block.getRowCount();
        }
    }
}

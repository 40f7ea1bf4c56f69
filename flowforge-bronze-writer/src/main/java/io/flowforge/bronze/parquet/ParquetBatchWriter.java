package io.flowforge.bronze.parquet;

import static java.util.Objects.requireNonNull;

import io.flowforge.bronze.store.AtomicObjectWrite;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Encodes Arrow batches as one Parquet file streamed into an {@link AtomicObjectWrite}, with
 * parquet-java's column-level API and no Hadoop at run time. Rows are buffered up to the row-group
 * size and then flushed to the output, so memory does not grow with the table.
 *
 * <p>Values go column by column, a slice of rows at a time. Columns of the common flat types
 * (booleans, integers, floats, dates, times, timestamps, decimals up to 18 digits, strings and
 * binaries) are encoded as pages straight from the Arrow buffers by {@link DirectPages} and handed
 * to parquet-java's page store; any other type goes value by value into parquet-java's column
 * writers (the record-assembly layer is not used: the schema is flat). Setting the system
 * property {@code flowforge.parquet.directPages=false} sends every column the second way.
 * Constant columns are written as pages directly, see {@link ConstantMapping.ChunkWriter}. Rows are
 * ended only after every column has the slice, so pages always start on row boundaries.
 *
 * <p>{@link #finish()} writes the footer but does not commit the object; on failure the caller
 * just aborts the write (the half-written file is never finished).
 */
public final class ParquetBatchWriter {
    /** Rows written per column before moving to the next column (and before a row-group check). */
    static final int SLICE_ROWS = 4096;
    private static final String MODEL_NAME = "flowforge-arrow";

    private final MessageType schema;
    /** The source columns written through parquet-java's column writers (types {@link DirectPages} does not cover); null if none. */
    private final MessageType sourceSchema;
    private final ColumnWriter[] source;
    /** Per source column: its direct page writer, or null when it goes through {@link #source}. */
    private final DirectPages[] direct;
    private final ColumnDescriptor[] directDescriptors;
    private final ConstantMapping.ChunkWriter[] constants;
    private final ColumnDescriptor[] constantDescriptors;
    private final ParquetProperties props;
    private final BytesInputCompressor compressor;
    private final ParquetFileWriter file;
    private final long rowGroupBytes;
    private final Map<String, String> keyValueMetadata;

    private ColumnChunkPageWriteStore pageStore;
    // The memory of the row group's compressed pages, reused from one row group to the next.
    private final PageArena pageArena = new PageArena();
    private ColumnWriteStore columnStore;
    private int rowGroupOrdinal;
    private long rowGroupRows;
    private long rows;
    private ParquetMetadata footer;

    private ParquetBatchWriter(MessageType schema, MessageType sourceSchema, ColumnWriter[] source, DirectPages[] direct,
            List<ConstantColumn> constantColumns, ParquetProperties props, BytesInputCompressor compressor,
            ParquetFileWriter file, long rowGroupBytes, Map<String, String> keyValueMetadata) {
        this.schema = schema;
        this.sourceSchema = sourceSchema;
        this.source = source;
        this.direct = direct;
        this.directDescriptors = new ColumnDescriptor[direct.length];
        for (int i = 0; i < direct.length; i++) {
            if (direct[i] != null) {
                directDescriptors[i] = direct[i].descriptor;
            }
        }
        this.props = props;
        this.compressor = compressor;
        this.file = file;
        this.rowGroupBytes = rowGroupBytes;
        this.keyValueMetadata = keyValueMetadata;
        this.constants = new ConstantMapping.ChunkWriter[constantColumns.size()];
        this.constantDescriptors = new ColumnDescriptor[constantColumns.size()];
        for (int i = 0; i < constants.length; i++) {
            constants[i] = new ConstantMapping.ChunkWriter(constantColumns.get(i), props.getPageRowCountLimit());
            constantDescriptors[i] = schema.getColumnDescription(new String[] {constantColumns.get(i).name()});
        }
    }

    /** The Parquet schema for an Arrow schema plus constant columns, without opening anything. */
    public static MessageType parquetSchema(Schema arrowSchema, List<ConstantColumn> constants) {
        return withConstants(sourceFields(mappings(arrowSchema)), constants);
    }

    private static List<ArrowParquetMapping> mappings(Schema arrowSchema) {
        List<Field> arrowFields = arrowSchema.getFields();
        List<ArrowParquetMapping> mappings = new ArrayList<>(arrowFields.size());
        for (int i = 0; i < arrowFields.size(); i++) {
            mappings.add(ArrowParquetMapping.of(arrowFields.get(i), i));
        }
        return mappings;
    }

    private static List<Type> sourceFields(List<ArrowParquetMapping> mappings) {
        return mappings.stream().map(ArrowParquetMapping::type).toList();
    }

    private static MessageType withConstants(List<Type> sourceFields, List<ConstantColumn> constants) {
        List<Type> fields = new ArrayList<>(sourceFields);
        for (ConstantColumn c : constants) {
            fields.add(ConstantMapping.type(c));
        }
        return new MessageType("schema", fields);
    }

    /** Opens a writer; the output receives the file as row groups fill. */
    public static ParquetBatchWriter open(AtomicObjectWrite output, Schema arrowSchema, List<ConstantColumn> constants,
            ParquetWriteOptions options, Map<String, String> keyValueMetadata) throws IOException {
        requireNonNull(output, "output is null");
        requireNonNull(arrowSchema, "arrowSchema is null");
        requireNonNull(constants, "constants is null");
        requireNonNull(options, "options is null");
        List<ArrowParquetMapping> mappings = mappings(arrowSchema);
        ColumnWriter[] source = mappings.stream().map(m -> m.writer().get()).toArray(ColumnWriter[]::new);
        List<Type> sourceFields = sourceFields(mappings);
        MessageType schema = withConstants(sourceFields, constants);
        ParquetProperties props = ParquetProperties.builder()
                .withPageSize(options.pageBytes())
                .withDictionaryPageSize(options.pageBytes())
                .withDictionaryEncoding(options.dictionary())
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .withValuesWriterFactory(new EncodingChoices())
                .build();
        // No padding: the store's output has no file-system block size to align row groups to.
        ParquetFileWriter file = new ParquetFileWriter(new StoreOutputFile(output), schema, ParquetFileWriter.Mode.OVERWRITE,
                options.rowGroupBytes(), 0, null, props);
        file.start();
        DirectPages[] direct = new DirectPages[source.length];
        List<Type> viaColumnWriters = new ArrayList<>();
        for (int i = 0; i < source.length; i++) {
            Type type = sourceFields.get(i);
            direct[i] = DirectPages.of(arrowSchema.getFields().get(i), schema.getColumnDescription(new String[] {type.getName()}),
                    props);
            if (direct[i] == null) {
                viaColumnWriters.add(type);
            }
        }
        MessageType sourceSchema = viaColumnWriters.isEmpty() ? null : new MessageType("schema", viaColumnWriters);
        BytesInputCompressor compressor = new StandaloneCodecFactory().getCompressor(options.codec());
        Map<String, String> metadata = new HashMap<>(keyValueMetadata);
        metadata.put("writer.model.name", MODEL_NAME);
        return new ParquetBatchWriter(schema, sourceSchema, source, direct, constants, props, compressor, file,
                options.rowGroupBytes(), Map.copyOf(metadata));
    }

    public MessageType schema() {
        return schema;
    }

    /** Appends every row of the batch now in {@code root}. */
    public void write(VectorSchemaRoot root) throws IOException {
        if (root.getFieldVectors().size() != source.length) {
            throw new IllegalArgumentException("batch has " + root.getFieldVectors().size()
                    + " columns but the file was opened for " + source.length);
        }
        if (footer != null) {
            throw new IllegalStateException("the file is already finished");
        }
        for (int i = 0; i < source.length; i++) {
            if (direct[i] != null) {
                direct[i].bind(root.getVector(i));
            } else {
                source[i].bind(root.getVector(i));
            }
        }
        int count = root.getRowCount();
        for (int from = 0; from < count; from += SLICE_ROWS) {
            int to = Math.min(count, from + SLICE_ROWS);
            if (pageStore == null) {
                startRowGroup();
            }
            for (int i = 0; i < source.length; i++) {
                if (direct[i] != null) {
                    direct[i].write(from, to);
                } else {
                    source[i].write(from, to);
                }
            }
            if (columnStore != null) {
                for (int row = from; row < to; row++) {
                    columnStore.endRecord();
                }
            }
            rowGroupRows += to - from;
            rows += to - from;
            if (bufferedBytes() >= rowGroupBytes) {
                flushRowGroup();
            }
        }
    }

    /** The row group's bytes so far: pages handed to the page store plus pages being built. */
    private long bufferedBytes() {
        long bytes = columnStore == null ? 0 : columnStore.getBufferedSize();
        for (DirectPages d : direct) {
            if (d != null) {
                bytes += d.bufferedBytes();
            }
        }
        return bytes;
    }

    public long rows() {
        return rows;
    }

    /** Flushes the last row group and writes the footer; returns the file's metadata. */
    public ParquetMetadata finish() throws IOException {
        if (footer == null) {
            if (pageStore != null) {
                flushRowGroup();
            }
            file.end(keyValueMetadata);
            compressor.release();
            footer = file.getFooter();
        }
        return footer;
    }

    private void startRowGroup() {
        pageStore = ColumnChunkPageWriteStore.builder()
                .withSchema(schema)
                .withAllocator(pageArena)
                .withColumnIndexTruncateLength(props.getColumnIndexTruncateLength())
                .withPageWriteChecksumEnabled(props.getPageWriteChecksumEnabled())
                .withRowGroupOrdinal(rowGroupOrdinal)
                .withCompressorProvider(column -> compressor)
                .build();
        // The column store knows only the source columns without a direct writer; constant columns' pages
        // are added at the flush.
        if (sourceSchema != null) {
            columnStore = props.newColumnWriteStore(sourceSchema, pageStore, pageStore);
        }
        for (int i = 0; i < source.length; i++) {
            if (direct[i] != null) {
                direct[i].startChunk(pageStore.getPageWriter(directDescriptors[i]));
            } else {
                source[i].setOutput(columnStore.getColumnWriter(
                        sourceSchema.getColumnDescription(new String[] {source[i].name})));
            }
        }
        rowGroupRows = 0;
    }

    private void flushRowGroup() throws IOException {
        try {
            if (rowGroupRows > 0) {
                file.startBlock(rowGroupRows);
                if (columnStore != null) {
                    columnStore.flush();
                }
                for (DirectPages d : direct) {
                    if (d != null) {
                        d.finishChunk();
                    }
                }
                for (int i = 0; i < constants.length; i++) {
                    constants[i].write(pageStore.getPageWriter(constantDescriptors[i]), rowGroupRows);
                }
                pageStore.flushToFileWriter(file);
                file.endBlock();
                rowGroupOrdinal++;
            }
        } finally {
            if (columnStore != null) {
                columnStore.close();
            }
            pageStore.close();
            columnStore = null;
            pageStore = null;
            pageArena.reset();
        }
    }
}

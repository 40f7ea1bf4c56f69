package io.flowforge.bronze.parquet;

import static java.util.Objects.requireNonNull;

import io.flowforge.bronze.store.AtomicObjectWrite;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Encodes Arrow batches as one Parquet file streamed into an {@link AtomicObjectWrite}, with
 * parquet-java's low-level API and no Hadoop at run time. Rows are buffered up to the row-group
 * size and then flushed to the output, so memory does not grow with the table.
 *
 * <p>{@link #finish()} writes the footer but does not commit the object; on failure the caller
 * just aborts the write (the half-written file is never finished).
 */
public final class ParquetBatchWriter {
    private final MessageType schema;
    private final ArrowWriteSupport writeSupport;
    private final ParquetWriter<ArrowWriteSupport.Row> writer;
    private final ArrowWriteSupport.Row row = new ArrowWriteSupport.Row();
    private final int sourceColumnCount;
    private long rows;
    private ParquetMetadata footer;

    private ParquetBatchWriter(MessageType schema, ArrowWriteSupport writeSupport,
            ParquetWriter<ArrowWriteSupport.Row> writer, int sourceColumnCount) {
        this.schema = schema;
        this.writeSupport = writeSupport;
        this.writer = writer;
        this.sourceColumnCount = sourceColumnCount;
    }

    /** The Parquet schema for an Arrow schema plus constant columns, without opening anything. */
    public static MessageType parquetSchema(Schema arrowSchema, List<ConstantColumn> constants) {
        List<Type> fields = new ArrayList<>();
        List<Field> arrowFields = arrowSchema.getFields();
        for (int i = 0; i < arrowFields.size(); i++) {
            fields.add(ArrowParquetMapping.of(arrowFields.get(i), i).type());
        }
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
        List<Field> arrowFields = arrowSchema.getFields();
        ColumnWriter[] source = new ColumnWriter[arrowFields.size()];
        for (int i = 0; i < source.length; i++) {
            source[i] = ArrowParquetMapping.of(arrowFields.get(i), i).writer().get();
        }
        ColumnWriter[] constant = new ColumnWriter[constants.size()];
        for (int i = 0; i < constant.length; i++) {
            constant[i] = ConstantMapping.writer(constants.get(i), source.length + i);
        }
        MessageType schema = parquetSchema(arrowSchema, constants);
        ArrowWriteSupport support = new ArrowWriteSupport(schema, source, constant, Map.copyOf(keyValueMetadata));
        ParquetWriter<ArrowWriteSupport.Row> writer = new Builder(new StoreOutputFile(output), support)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(new StandaloneCodecFactory())
                .withCompressionCodec(options.codec())
                .withRowGroupSize(options.rowGroupBytes())
                .withPageSize(options.pageBytes())
                .withDictionaryPageSize(options.pageBytes())
                .withDictionaryEncoding(options.dictionary())
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build();
        return new ParquetBatchWriter(schema, support, writer, source.length);
    }

    public MessageType schema() {
        return schema;
    }

    /** Appends every row of the batch now in {@code root}. */
    public void write(VectorSchemaRoot root) throws IOException {
        if (root.getFieldVectors().size() != sourceColumnCount) {
            throw new IllegalArgumentException("batch has " + root.getFieldVectors().size()
                    + " columns but the file was opened for " + sourceColumnCount);
        }
        writeSupport.bind(root);
        int count = root.getRowCount();
        for (int i = 0; i < count; i++) {
            row.index = i;
            writer.write(row);
        }
        rows += count;
    }

    public long rows() {
        return rows;
    }

    /** Flushes the last row group and writes the footer; returns the file's metadata. */
    public ParquetMetadata finish() throws IOException {
        if (footer == null) {
            writer.close();
            footer = writer.getFooter();
        }
        return footer;
    }

    private static final class Builder extends ParquetWriter.Builder<ArrowWriteSupport.Row, Builder> {
        private final ArrowWriteSupport support;

        Builder(OutputFile file, ArrowWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<ArrowWriteSupport.Row> getWriteSupport(Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<ArrowWriteSupport.Row> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }
}

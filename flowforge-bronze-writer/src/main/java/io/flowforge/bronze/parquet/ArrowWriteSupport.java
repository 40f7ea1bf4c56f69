package io.flowforge.bronze.parquet;

import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Feeds rows of the current Arrow batch to Parquet: the record is a row cursor, and each column's
 * {@link ColumnWriter} reads its value straight from the vector's buffers.
 */
final class ArrowWriteSupport extends WriteSupport<ArrowWriteSupport.Row> {

    /** The row of the bound batch to write next; one mutable instance, so no object per row. */
    static final class Row {
        int index;
    }

    private final MessageType schema;
    private final ColumnWriter[] sourceColumns;
    private final ColumnWriter[] constantColumns;
    private final Map<String, String> extraMetadata;
    private RecordConsumer consumer;

    ArrowWriteSupport(MessageType schema, ColumnWriter[] sourceColumns, ColumnWriter[] constantColumns,
            Map<String, String> extraMetadata) {
        this.schema = schema;
        this.sourceColumns = sourceColumns;
        this.constantColumns = constantColumns;
        this.extraMetadata = extraMetadata;
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema, extraMetadata);
    }

    /** Required by the abstract class, which names Hadoop's type; never called without Hadoop. */
    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(schema, extraMetadata);
    }

    @Override
    public String getName() {
        return "flowforge-arrow";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        // Called again after every row-group flush, with a new consumer for the next row group.
        this.consumer = recordConsumer;
        for (ColumnWriter c : sourceColumns) {
            c.setConsumer(recordConsumer);
        }
        for (ColumnWriter c : constantColumns) {
            c.setConsumer(recordConsumer);
            c.bind(null);
        }
    }

    void bind(VectorSchemaRoot root) {
        for (int i = 0; i < sourceColumns.length; i++) {
            sourceColumns[i].bind(root.getVector(i));
        }
    }

    @Override
    public void write(Row row) {
        int index = row.index;
        consumer.startMessage();
        for (ColumnWriter c : sourceColumns) {
            c.write(index);
        }
        for (ColumnWriter c : constantColumns) {
            c.write(index);
        }
        consumer.endMessage();
    }
}

package io.flowforge.examples;

import io.flowforge.connector.ColumnInfo;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.TableSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flowforge preview TABLE}: the first rows, every value in its canonical text
 * ({@link ValueText}); as aligned columns, tab-separated text (what scripts have always read) or
 * JSON.
 */
@Command(name = "preview", description = "Print the first rows of a table: aligned columns on a terminal, else"
        + " tab-separated text (or --format json); every value in one canonical form per type.")
final class PreviewCommand implements Callable<Integer> {
    @Mixin ConnectionOptions connection;
    @Parameters(paramLabel = "TABLE") String table;
    @Option(names = "--rows", defaultValue = "10") int rows;
    @Mixin OutputFormat.Choice format;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputFormat f = format.resolve(OutputFormat.TSV, Set.of(OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.TSV));
        TableId id = TableId.parse(table);
        try (DatabaseConnector c = connection.open();
                BufferAllocator allocator = new RootAllocator();
                ArrowReader reader = c.readTable(id, ReadOptions.defaults().withBatchSize(rows), allocator)) {
            TableSchema schema = c.getSchema(id);
            ValueText values = new ValueText(declaredDigits(schema));
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            boolean any = reader.loadNextBatch();
            switch (f) {
                case TABLE -> FlowForgeCli.printText(spec, any ? BatchText.table(root, values)
                        : BatchText.table(root, values) + "(no rows)\n");
                case JSON -> FlowForgeCli.print(spec, json(schema, root, any, values));
                default -> {
                    if (any) {
                        FlowForgeCli.printText(spec, BatchText.tsv(root, values));
                    }
                }
            }
            spec.commandLine().getOut().flush();
            return FlowForgeCli.OK;
        }
    }

    /** Fractional-second digits of each timestamp and time column, as the database declares them. */
    static Map<String, Integer> declaredDigits(TableSchema schema) {
        Map<String, Integer> digits = new HashMap<>();
        for (ColumnInfo col : schema.columns()) {
            col.arrowField().ifPresent(fd -> {
                if (fd.getType() instanceof ArrowType.Timestamp || fd.getType() instanceof ArrowType.Time) {
                    digits.put(col.name(), col.scale());
                }
            });
        }
        return digits;
    }

    private static Map<String, Object> json(TableSchema schema, VectorSchemaRoot root, boolean any, ValueText values) {
        List<Map<String, Object>> columns = new ArrayList<>();
        for (FieldVector v : root.getFieldVectors()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", v.getName());
            m.put("arrow_type", v.getField().getType().toString());
            columns.add(m);
        }
        List<Map<String, Object>> rowList = new ArrayList<>();
        for (int row = 0; any && row < root.getRowCount(); row++) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (FieldVector v : root.getFieldVectors()) {
                m.put(v.getName(), values.json(v, row));
            }
            rowList.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("table", schema.table().qualifiedName());
        out.put("columns", columns);
        out.put("rows", rowList);
        return out;
    }
}

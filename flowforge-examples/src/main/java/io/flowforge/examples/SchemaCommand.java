package io.flowforge.examples;

import io.flowforge.connector.ColumnInfo;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.TableId;
import io.flowforge.connector.TableSchema;
import io.flowforge.connector.arrow.ArrowTypeText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code flowforge schema TABLE}: source types, Arrow types, nullability, primary key. */
@Command(name = "schema", description = "Describe a table: source types, Arrow types, nullability, primary key.")
final class SchemaCommand implements Callable<Integer> {
    @Mixin ConnectionOptions connection;
    @Parameters(paramLabel = "TABLE", description = "schema.table or table") String table;
    @Mixin OutputFormat.Choice format;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputFormat f = format.resolve(OutputFormat.JSON, Set.of(OutputFormat.TABLE, OutputFormat.JSON));
        try (DatabaseConnector c = connection.open()) {
            TableSchema s = c.getSchema(TableId.parse(table));
            if (f == OutputFormat.TABLE) {
                FlowForgeCli.printText(spec, table(s));
                return FlowForgeCli.OK;
            }
            List<Map<String, Object>> cols = new ArrayList<>();
            for (ColumnInfo col : s.columns()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", col.name());
                m.put("source_type", col.sourceTypeName());
                m.put("precision", col.precision());
                m.put("scale", col.scale());
                m.put("nullable", col.nullable());
                m.put("arrow_type", col.arrowField().map(fd -> fd.getType().toString()).orElse(null));
                m.put("unsupported_reason", col.unsupportedReason().orElse(null));
                cols.add(m);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("table", s.table().qualifiedName());
            out.put("primary_key", s.primaryKey());
            out.put("columns", cols);
            FlowForgeCli.print(spec, out);
            return FlowForgeCli.OK;
        }
    }

    /** A title line, then one aligned line per column; unsupported columns' reasons below. */
    static String table(TableSchema s) {
        TextTable t = new TextTable(List.of("#", "COLUMN", "SOURCE TYPE", "ARROW TYPE", "NULLABLE", "KEY"), Set.of(0));
        List<String> notes = new ArrayList<>();
        int n = 0;
        for (ColumnInfo col : s.columns()) {
            n++;
            int key = s.primaryKey().indexOf(col.name());
            String keyMark = key < 0 ? "" : s.primaryKey().size() == 1 ? "PK" : "PK " + (key + 1);
            t.add(List.of(Integer.toString(n), col.name(), sourceType(col),
                    col.arrowField().map(ArrowTypeText::pyarrow).orElse("unsupported (see below)"),
                    col.nullable() ? "yes" : "no", keyMark));
            col.unsupportedReason().ifPresent(r -> notes.add("  " + col.name() + ": " + r));
        }
        String title = s.table().qualifiedName() + ": " + s.columns().size() + " column" + (s.columns().size() == 1 ? "" : "s")
                + ", primary key " + (s.primaryKey().isEmpty() ? "none" : "(" + String.join(", ", s.primaryKey()) + ")") + "\n";
        return title + "\n" + t.render() + (notes.isEmpty() ? "" : "\nUnsupported:\n" + String.join("\n", notes) + "\n");
    }

    /** The source type with its length or precision and scale where they belong to it: varchar(50), decimal(15,2). */
    static String sourceType(ColumnInfo col) {
        String name = col.sourceTypeName();
        if (name.contains("(") || col.arrowField().isEmpty()) {
            return name;
        }
        ArrowType type = col.arrowField().map(Field::getType).orElseThrow();
        if (type instanceof ArrowType.Decimal) {
            return name + "(" + col.precision() + "," + col.scale() + ")";
        }
        boolean sized = type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8 || type instanceof ArrowType.Binary
                || type instanceof ArrowType.LargeBinary || type instanceof ArrowType.FixedSizeBinary;
        // Unbounded text reports a sentinel size (PostgreSQL text: 2147483647): left out.
        return sized && col.precision() > 0 && col.precision() < 1_000_000_000 ? name + "(" + col.precision() + ")" : name;
    }
}

package io.flowforge.examples;

import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.TableInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code flowforge tables}: tables and views with approximate row counts. */
@Command(name = "tables", description = "List tables and views with approximate row counts.")
final class TablesCommand implements Callable<Integer> {
    @Mixin ConnectionOptions connection;
    @Mixin OutputFormat.Choice format;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputFormat f = format.resolve(OutputFormat.JSON, Set.of(OutputFormat.TABLE, OutputFormat.JSON));
        try (DatabaseConnector c = connection.open()) {
            List<TableInfo> tables = c.listTables();
            if (f == OutputFormat.TABLE) {
                FlowForgeCli.printText(spec, table(tables));
                return FlowForgeCli.OK;
            }
            List<Map<String, Object>> out = new ArrayList<>();
            for (TableInfo t : tables) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("schema", t.id().schema());
                m.put("name", t.id().name());
                m.put("kind", kind(t));
                m.put("approximate_row_count", t.approximateRowCount().isPresent() ? t.approximateRowCount().getAsLong() : null);
                out.add(m);
            }
            FlowForgeCli.print(spec, out);
            return FlowForgeCli.OK;
        }
    }

    private static String kind(TableInfo t) {
        return t.kind().name().toLowerCase(Locale.ROOT);
    }

    /** Schema, name, kind and the row estimate with thousands separators ("-" where the database keeps none). */
    static String table(List<TableInfo> tables) {
        TextTable t = new TextTable(List.of("SCHEMA", "NAME", "KIND", "ROWS (ESTIMATE)"), Set.of(3));
        Map<String, Integer> kinds = new LinkedHashMap<>();
        for (TableInfo info : tables) {
            t.add(List.of(info.id().schema() == null ? "" : info.id().schema(), info.id().name(), kind(info),
                    info.approximateRowCount().isPresent() ? ProgressBoard.count(info.approximateRowCount().getAsLong()) : "-"));
            kinds.merge(kind(info), 1, Integer::sum);
        }
        StringBuilder summary = new StringBuilder();
        kinds.forEach((k, n) -> summary.append(summary.isEmpty() ? "" : ", ").append(n).append(' ').append(k)
                .append(n == 1 ? "" : "s"));
        return t.render() + (tables.isEmpty() ? "no tables or views\n" : summary + "\n");
    }
}

package io.flowforge.examples;

import io.flowforge.connector.ConnectionTestResult;
import io.flowforge.connector.DatabaseConnector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code flowforge test-connection}: connect, report the server and the latency; exit 1 if it fails. */
@Command(name = "test-connection", description = "Connect, report the server and the latency; exit 1 if it fails.")
final class TestConnectionCommand implements Callable<Integer> {
    @Mixin ConnectionOptions connection;
    @Mixin OutputFormat.Choice format;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputFormat f = format.resolve(OutputFormat.JSON, Set.of(OutputFormat.TABLE, OutputFormat.JSON));
        try (DatabaseConnector c = connection.open()) {
            ConnectionTestResult r = c.testConnection();
            if (f == OutputFormat.TABLE) {
                FlowForgeCli.printText(spec, table(r));
            } else {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("success", r.success());
                m.put("product_name", r.productName());
                m.put("product_version", r.productVersion());
                m.put("latency_ms", r.latency().toMillis());
                m.put("message", r.message());
                FlowForgeCli.print(spec, m);
            }
            return r.success() ? FlowForgeCli.OK : FlowForgeCli.FAILED;
        }
    }

    static String table(ConnectionTestResult r) {
        TextTable t = new TextTable(List.of("", ""), Set.of());
        t.add(List.of("connection", r.success() ? "ok" : "FAILED"));
        if (r.productName() != null) {
            t.add(List.of("server", r.productName() + (r.productVersion() == null ? "" : " " + r.productVersion())));
        }
        t.add(List.of("latency", ProgressBoard.count(r.latency().toMillis()) + " ms"));
        t.add(List.of("message", String.valueOf(r.message())));
        return t.render();
    }
}

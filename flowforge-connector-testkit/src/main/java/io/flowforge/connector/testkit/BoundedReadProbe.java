package io.flowforge.connector.testkit;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Reads a large table in a child JVM with a 64 MB heap, through the connector (which must stream)
 * or, as the control, through plain JDBC without streaming settings (which must run out of
 * memory). A driver that buffered the whole result could not pass the first and fail the second.
 * The configuration reaches the child in environment variables, never on its command line.
 */
public final class BoundedReadProbe {

    /** The heap of the child JVM. */
    public static final String HEAP = "-Xmx64m";
    static final int BATCH_SIZE = 10_000;

    /** The child's exit code and everything it printed. */
    public record Result(int exitCode, String output) {}

    private BoundedReadProbe() {}

    static Result runInChildJvm(ContractDatabase db, String schema, String table, int rows, boolean buffered)
            throws IOException, InterruptedException {
        ConnectionConfig config = db.config(schema);
        if (config.jdbcUrl() == null) {
            throw new IllegalStateException("the memory test needs ContractDatabase.config to carry a jdbcUrl");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                BoundedReadProbe.class.getName(), buffered ? "buffered" : "connector", db.connectorIdentifier(),
                schema, table, db.qualified(schema, table), Integer.toString(rows)));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("FF_PROBE_URL", config.jdbcUrl());
        env.put("FF_PROBE_USER", config.username() == null ? "" : config.username());
        env.put("FF_PROBE_PASSWORD", config.passwordSecret().map(s -> s.reveal()).orElse(""));
        config.properties().forEach((k, v) -> env.put("FF_PROBE_PROP_" + k, v));
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new Result(-1, "timed out\n" + out.toString(StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8));
    }

    /** {@code mode identifier schema table quotedTable rows}; prints {@code rows=N ...} and exits 0 when every row was read. */
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int expected = Integer.parseInt(args[5]);
        ConnectionConfig.Builder b = ConnectionConfig.builder().jdbcUrl(System.getenv("FF_PROBE_URL"));
        String user = System.getenv("FF_PROBE_USER");
        if (!user.isEmpty()) {
            b.username(user);
        }
        b.password(System.getenv("FF_PROBE_PASSWORD"));
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("FF_PROBE_PROP_")) {
                b.property(k.substring("FF_PROBE_PROP_".length()), v);
            }
        });
        ConnectionConfig config = b.build();
        long rows = 0;
        long sum = 0;
        if (mode.equals("buffered")) {
            Properties props = new Properties();
            props.putAll(config.properties());
            props.setProperty("user", user);
            props.setProperty("password", config.passwordSecret().map(s -> s.reveal()).orElse(""));
            try (Connection c = DriverManager.getConnection(config.jdbcUrl(), props); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT * FROM " + args[4])) {
                while (rs.next()) {
                    rows++;
                    sum += rs.getLong(1);
                }
            }
            System.out.println("rows=" + rows + " (buffered)");
        } else {
            long peak;
            try (BufferAllocator allocator = new RootAllocator();
                    DatabaseConnector connector = Connectors.open(args[1], config);
                    ArrowReader reader = connector.readTable(TableId.of(args[2], args[3]),
                            ReadOptions.defaults().withBatchSize(BATCH_SIZE), allocator)) {
                while (reader.loadNextBatch()) {
                    FieldVector id = reader.getVectorSchemaRoot().getVector("id");
                    for (int i = 0; i < reader.getVectorSchemaRoot().getRowCount(); i++) {
                        sum += id instanceof BigIntVector big ? big.get(i) : ((IntVector) id).get(i);
                    }
                    rows += reader.getVectorSchemaRoot().getRowCount();
                }
                peak = allocator.getPeakMemoryAllocation();
            }
            Runtime rt = Runtime.getRuntime();
            System.out.println("rows=" + rows + " batches of " + BATCH_SIZE + ", peak Arrow memory " + peak
                    + " bytes, heap in use " + (rt.totalMemory() - rt.freeMemory()) / (1 << 20) + " MB of max "
                    + rt.maxMemory() / (1 << 20) + " MB");
        }
        long expectedSum = (long) expected * (expected + 1) / 2;
        if (rows != expected || sum != expectedSum) {
            System.out.println("expected " + expected + " rows with id sum " + expectedSum + ", read " + rows + " with " + sum);
            System.exit(2);
        }
    }
}

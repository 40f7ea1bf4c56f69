package io.flowforge.connector.mysql;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * A program (not a test): reads one MariaDB table through the text protocol and the binary
 * protocol in turn, in one JVM, and prints wall time and the reading thread's CPU per read. The
 * generic {@code jdbc} connector takes {@code useServerPrepStmts=false|true}; the {@code mysql}
 * connector always reads in the binary protocol. The default table is the one
 * {@code flowforge-benchmark --db mariadb --rows 1000000} creates.
 *
 * <pre>-Durl=jdbc:mariadb://127.0.0.1:3306/test -Duser=root -Dtable=test.ff_bench_customers_1000000 -Druns=5</pre>
 */
public final class MySqlProtocolReadBench {

    private MySqlProtocolReadBench() {}

    public static void main(String[] args) throws Exception {
        String url = System.getProperty("url", "jdbc:mariadb://127.0.0.1:3306/test");
        String user = System.getProperty("user", "root");
        TableId table = TableId.parse(System.getProperty("table", "test.ff_bench_customers_1000000"));
        int runs = Integer.getInteger("runs", 5);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String[][] variants = {{"jdbc", "false", "text"}, {"jdbc", "true", "binary"}, {"mysql", null, "binary (mysql)"}};
        for (int run = 1; run <= runs; run++) {
            for (String[] v : variants) {
                ConnectionConfig.Builder b = ConnectionConfig.builder().jdbcUrl(url).username(user);
                if (v[1] != null) {
                    b.property("useServerPrepStmts", v[1]);
                }
                long start = System.nanoTime();
                long cpu = threads.getCurrentThreadCpuTime();
                long rows = 0;
                try (DatabaseConnector c = Connectors.open(v[0], b.build()); BufferAllocator allocator = new RootAllocator();
                        ArrowReader reader = c.readTable(table, ReadOptions.defaults(), allocator)) {
                    while (reader.loadNextBatch()) {
                        rows += reader.getVectorSchemaRoot().getRowCount();
                    }
                }
                System.out.printf("run %d %-15s %,d rows  %.2f s wall  %.2f s CPU%n", run, v[2], rows,
                        (System.nanoTime() - start) / 1e9, (threads.getCurrentThreadCpuTime() - cpu) / 1e9);
            }
        }
    }
}

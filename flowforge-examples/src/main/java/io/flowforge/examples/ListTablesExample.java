package io.flowforge.examples;

import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.TableInfo;
import io.flowforge.server.EmbeddedBfsi;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/** Lists the tables of the embedded BFSI_Test and prints the first ten customers: the README's usage example. */
public final class ListTablesExample {

    private ListTablesExample() {}

    public static void main(String[] args) throws Exception {
        try (EmbeddedBfsi db = EmbeddedBfsi.start("BFSI_Test", "example-only");
                DatabaseConnector connector = Connectors.open("jdbc", db.connectionConfig());
                BufferAllocator allocator = new RootAllocator()) {
            for (TableInfo t : connector.listTables()) {
                System.out.println(t.kind() + " " + t.id() + (t.approximateRowCount().isPresent()
                        ? " (~" + t.approximateRowCount().getAsLong() + " rows)" : ""));
            }
            try (ArrowReader reader = connector.readTable(TableId.of("dbo", "customers"),
                    ReadOptions.defaults().withBatchSize(10), allocator)) {
                reader.loadNextBatch();
                System.out.print(BatchText.tsv(reader.getVectorSchemaRoot()));
            }
        }
    }
}

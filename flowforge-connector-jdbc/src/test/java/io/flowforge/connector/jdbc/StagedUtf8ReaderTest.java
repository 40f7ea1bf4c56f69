package io.flowforge.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ReadOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.Test;

/**
 * Strings staged per batch and copied in bulk: NULL, empty and multi-byte values, NULLs on byte
 * boundaries of the validity bitmap, batches larger than every staging array's first size, and a
 * short last batch, all equal to the values the database holds.
 */
class StagedUtf8ReaderTest {

    private static String expected(long x) {
        if (x % 9 == 0) {
            return null;
        }
        if (x % 9 == 1) {
            return "";
        }
        return "é€😀-" + x + "x".repeat((int) (x % 50));
    }

    @Test
    void stagedStringsEqualTheSource() throws Exception {
        GenericJdbcConnector h2 = new GenericJdbcConnector(
                ConnectionConfig.builder().jdbcUrl("jdbc:h2:mem:staged;DB_CLOSE_DELAY=-1").build());
        String sql = "SELECT CASE WHEN X % 9 = 0 THEN NULL WHEN X % 9 = 1 THEN '' "
                + "ELSE CONCAT('é€😀-', X, REPEAT('x', CAST(X % 50 AS INT))) END AS s FROM SYSTEM_RANGE(1, 20000) ORDER BY X";
        List<String> seen = new ArrayList<>();
        List<Integer> batches = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader r = h2.readQuery(sql, ReadOptions.defaults().withBatchSize(15_000), allocator)) {
            while (r.loadNextBatch()) {
                VarCharVector v = (VarCharVector) r.getVectorSchemaRoot().getVector(0);
                batches.add(r.getVectorSchemaRoot().getRowCount());
                assertThat(v.getValueCount()).isEqualTo(r.getVectorSchemaRoot().getRowCount());
                for (int i = 0; i < v.getValueCount(); i++) {
                    seen.add(v.isNull(i) ? null : new String(v.get(i), StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(batches).containsExactly(15_000, 5_000);
        List<String> want = new ArrayList<>();
        for (long x = 1; x <= 20_000; x++) {
            want.add(expected(x));
        }
        assertThat(seen).containsExactlyElementsOf(want);
    }
}

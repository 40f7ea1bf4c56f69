package io.flowforge.examples;

import io.flowforge.bronze.DuckDb;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartTest {

    @TempDir Path lakeRoot;

    @Test
    void firstLoadHasAll500CustomersAndTheIncrementalExactlyTheThreeChanged() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code = Quickstart.run(lakeRoot, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out).isZero();
        assertThat(out).contains("\"records_processed\" : 500").contains("\"records_processed\" : 3");

        Path lake;
        try (Stream<Path> s = Files.list(lakeRoot)) {
            lake = s.findFirst().orElseThrow();
        }
        Path first = lake.resolve("bronze/bronze_customers/batch_001.parquet");
        Path second = lake.resolve("bronze/bronze_customers/batch_002.parquet");
        assertThat(DuckDb.rows("SELECT count(*), count(DISTINCT customer_id), count(modified_date), sum(credit_limit) FROM read_parquet('" + first + "')"))
                .containsExactly("500|500|450|5250000.00");
        assertThat(DuckDb.rows("SELECT DISTINCT _batch_id, _source_system, _source_file FROM read_parquet('" + first + "')"))
                .containsExactly("batch_001|jdbc|dbo.customers");
        // The changed rows carry their new balance: 100.00 more than in the first load.
        assertThat(DuckDb.rows("SELECT n.customer_id, n.account_balance - o.account_balance FROM read_parquet('" + second + "') n"
                + " JOIN read_parquet('" + first + "') o USING (customer_id) ORDER BY 1"))
                .containsExactly("7|100.00", "42|100.00", "314|100.00");
    }
}

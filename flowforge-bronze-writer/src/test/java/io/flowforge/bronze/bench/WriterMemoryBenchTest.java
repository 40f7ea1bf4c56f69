package io.flowforge.bronze.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.bronze.DuckDb;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the benchmark in a child JVM with a 256 MB heap: a 1,000,000-row write must complete. Prints
 * the figures; no timing assertion. Tagged {@code memory}: it runs in Failsafe, not Surefire.
 */
@Tag("memory")
class WriterMemoryBenchTest {
    @TempDir
    Path dir;

    @Test
    void millionRowsFitInA256MbHeap() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(javaBin, "-Xmx256m", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), WriterMemoryBench.class.getName(), dir.toString(), "1000000"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("bench.log").toFile()).start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("benchmark finished within 10 minutes").isTrue();
        String output = Files.readString(dir.resolve("bench.log"), StandardCharsets.UTF_8);
        System.out.println("WriterMemoryBench at -Xmx256m:\n" + output);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("rows=1000000");
        Path file = dir.resolve("bronze/bronze_customers/bench_1000000.parquet".replace('/', File.separatorChar));
        assertThat(DuckDb.count(file)).isEqualTo(1_000_000);
        assertThat(DuckDb.query(file, "SELECT count(balance) AS balances, sum(customer_id) AS ids FROM read_parquet($f)"))
                .containsExactly(Map.of("balances", 900_000L, "ids", new java.math.BigInteger("499999500000")));
    }
}

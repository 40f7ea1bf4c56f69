package io.flowforge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.ingest.IngestionProgress;
import io.flowforge.ingest.IngestionProgress.Phase;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The text of the live progress lines, as the terminal shows it. */
class ProgressBoardTest {

    private static final long SECOND = 1_000_000_000L;

    private static IngestionProgress reading(String table, long rows, OptionalLong expected, long seconds, long bytes) {
        return new IngestionProgress("job", table, "bronze_" + table.replace("public.", ""), Phase.READING, rows, expected,
                Duration.ofSeconds(seconds), bytes);
    }

    @Test
    void aTableLineShowsRowsPercentRateMegabytesElapsedAndEta() {
        ProgressBoard board = new ProgressBoard(true, 0);
        assertThat(board.update(reading("public.big_rows", 5_712_000, OptionalLong.of(10_000_000), 14, 118_234_567), 14 * SECOND))
                .isNull();

        List<String> lines = board.lines(14 * SECOND, 120);

        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("public.big_rows").contains("▕████████████▌         ▏")
                .endsWith(" 57%  5,712,000 / ~10,000,000 rows  408,000 rows/s  118.2 MB  0:14  ETA 0:11");
        assertThat(lines.get(0).length()).isLessThan(120);
    }

    @Test
    void withoutAnEstimateThereIsNoBarAndNoEtaAndNarrowTerminalsGetShorterLines() {
        ProgressBoard board = new ProgressBoard(false, 0);
        board.update(reading("dbo.a_table_with_a_long_name", 1_000, OptionalLong.empty(), 2, 0), 2 * SECOND);
        assertThat(board.lines(3 * SECOND, 200)).containsExactly("dbo.a_table_with_a_long_name  1,000 rows  500 rows/s  0.0 MB  0:03");
        assertThat(board.lines(3 * SECOND, 40)).allSatisfy(l -> assertThat(l.length()).isLessThan(40));
        assertThat(board.lines(3 * SECOND, 40).get(0)).endsWith("~");
    }

    @Test
    void manyTablesGetALineEachAndAnOverallLineAndAFinishedTableLeavesOneLine() {
        ProgressBoard board = new ProgressBoard(false, 0);
        board.update(reading("public.a", 100, OptionalLong.of(1_000), 1, 0), SECOND);
        board.update(reading("public.b", 300, OptionalLong.of(300), 1, 2_000_000), SECOND);
        String done = board.update(new IngestionProgress("job", "public.b", "bronze_b", Phase.DONE, 300, OptionalLong.empty(),
                Duration.ofSeconds(2), 2_500_000), 2 * SECOND);
        String failed = board.update(new IngestionProgress("job", "public.c", "bronze_c", Phase.FAILED, 0, OptionalLong.empty(),
                Duration.ZERO), 2 * SECOND);

        assertThat(done).isEqualTo("done public.b  300 rows in 0:02 (150 rows/s), 2.5 MB -> bronze_b");
        assertThat(failed).isEqualTo("FAILED public.c failed after 0 rows");
        List<String> lines = board.lines(4 * SECOND, 120);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("public.a").contains("public.a  [##--------------------]   10%").contains(" 10%  100 / ~1,000 rows");
        assertThat(lines.get(1)).isEqualTo("all tables: 1 done, 1 failed, 1 running  400 rows  100 rows/s  2.5 MB  0:04");
    }

    @Test
    void theBarsOfRunningTablesStandInOneColumn() {
        ProgressBoard board = new ProgressBoard(false, 0);
        board.update(reading("public.a", 100, OptionalLong.of(1_000), 1, 0), SECOND);
        board.update(reading("public.a_longer_name", 100, OptionalLong.of(1_000), 1, 0), SECOND);
        List<String> lines = board.lines(SECOND, 120);
        assertThat(lines.get(0).indexOf('[')).isEqualTo(lines.get(1).indexOf('[')).isEqualTo("public.a_longer_name  ".length());
    }
}

package io.flowforge.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The project README repeats the connectors' type tables and the kit's tables: they must stay identical. */
class ProjectReadmeTablesTest {

    private static List<String> table(Path readme, String header) throws IOException {
        return Files.readString(readme).lines().dropWhile(l -> !l.startsWith(header))
                .takeWhile(l -> l.startsWith("|")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "flowforge-connector-postgresql, | PostgreSQL type |",
        "flowforge-connector-mysql, | MySQL / MariaDB type |",
        "flowforge-connector-testkit, | Case |",
        "flowforge-connector-testkit, | Variable |",
    })
    void projectReadmeHasTheModuleTable(String module, String header) throws IOException {
        List<String> own = table(Path.of("..", module, "README.md"), header);
        assertThat(own).hasSizeGreaterThan(3);
        assertThat(table(Path.of("..", "README.md"), header)).containsExactlyElementsOf(own);
    }
}

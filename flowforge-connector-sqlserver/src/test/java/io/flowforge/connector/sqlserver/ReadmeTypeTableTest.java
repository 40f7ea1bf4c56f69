package io.flowforge.connector.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TemporalPrecision;
import io.flowforge.connector.arrow.ArrowTypeText;
import io.flowforge.connector.jdbc.ColumnMapping;
import io.flowforge.connector.jdbc.JdbcColumn;
import io.flowforge.connector.testkit.ReadmeTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Holds README.md's type table and {@link SqlServerTypeMapping} together, row for row, both ways. */
class ReadmeTypeTableTest {

    private static final String HEADER = "| SQL Server type |";

    private record Row(String type, int jdbcType, int precision, int scale, String byDefault, String exact,
            String selectedAs) {}

    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"));
    }

    private static ReadmeTable table(Path readme) {
        return ReadmeTable.read(readme, HEADER);
    }

    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (ReadmeTable.Row r : table(Path.of("README.md")).rows()) {
            String[] reported = r.cell(1).split(" / ");
            rows.add(new Row(r.cell(0).replace("`", ""), Integer.parseInt(reported[0].trim()),
                    Integer.parseInt(reported[1].trim()), Integer.parseInt(reported[2].trim()), r.cell(2), r.cell(3),
                    r.cell(4)));
        }
        return rows;
    }

    @Test
    void theProjectReadmeCarriesTheSameTable() {
        List<String> module = table(Path.of("README.md")).lines();
        assertThat(module).hasSizeGreaterThan(40);
        assertThat(table(Path.of("..", "README.md")).lines()).containsExactlyElementsOf(module);
    }

    @Test
    void everyReadmeRowMapsAsItSays() throws IOException {
        List<Row> rows = rows();
        assertThat(rows).hasSizeGreaterThan(40);
        SqlServerTypeMapping mapping = new SqlServerTypeMapping();
        ReadOptions byDefault = ReadOptions.defaults();
        assertThat(byDefault.temporalPrecision()).isEqualTo(TemporalPrecision.MICROSECONDS);
        ReadOptions exact = byDefault.withTemporalPrecision(TemporalPrecision.EXACT);
        for (Row row : rows) {
            String baseName = row.type().replaceAll("\\(.*", "");
            JdbcColumn c = new JdbcColumn("c", 1, row.jdbcType(), baseName, row.precision(), row.scale(), true);
            assertThat(describe(mapping.map(c, byDefault))).as(row.type() + " (default)").isEqualTo(row.byDefault());
            assertThat(describe(mapping.map(c, exact))).as(row.type() + " (EXACT)").isEqualTo(row.exact());
            Optional<ColumnMapping> m = mapping.map(c, byDefault);
            if (m.isEmpty()) {
                assertThat(row.selectedAs()).as(row.type()).isEmpty();
            } else if (row.selectedAs().equals("see below")) {
                assertThat(readme()).contains("\n" + m.get().selectItem("[c]") + "\n");
            } else {
                assertThat(row.selectedAs()).as(row.type()).isEqualTo("`" + m.get().selectExpression().apply("[c]") + "`");
            }
        }
    }

    @Test
    void everySupportedTypeHasARow() {
        Set<String> documented = new TreeSet<>();
        rows().forEach(r -> documented.add(r.type().replaceAll("\\(.*", "").toLowerCase(Locale.ROOT)));
        assertThat(documented).containsAll(SqlServerTypeMapping.SUPPORTED_TYPE_NAMES);
    }

    @Test
    void catalogQueriesAreTheDocumentedOnes() throws IOException {
        String readme = readme();
        assertThat(SqlServerCatalog.LIST_TABLES_SQL).contains("sys.partitions").contains("p.index_id IN (0, 1)");
        assertThat(SqlServerCatalog.PRIMARY_KEY_SQL).contains("i.is_primary_key = 1").contains("ORDER BY ic.key_ordinal");
        assertThat(SqlServerCatalog.COLUMNS_SQL).contains("c.system_type_id = 240");
        assertThat(readme).contains("LIST_TABLES_SQL").contains("COLUMNS_SQL").contains("PRIMARY_KEY_SQL");
    }

    private static String describe(Optional<ColumnMapping> m) {
        return m.map(x -> ArrowTypeText.of(x.field())).orElse("unsupported");
    }
}

package io.flowforge.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.arrow.ArrowTypeText;
import io.flowforge.connector.jdbc.ColumnMapping;
import io.flowforge.connector.jdbc.JdbcColumn;
import io.flowforge.connector.testkit.ReadmeTable;
import java.nio.file.Path;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Holds the README's "MySQL / MariaDB type mapping" table and {@link MySqlTypeMapping} together,
 * row for row, both ways: every type a row names maps to the Arrow type the row says (the
 * {@code decimal(p,s)} and {@code bit(n)} rows checked on samples of their condition), and every
 * type name the mapping supports has a row. The module README and the project README carry the
 * same table.
 */
class ReadmeTypeTableTest {

    private static final String HEADER = "| MySQL / MariaDB type | Arrow type |";

    /** DDL aliases to the names MariaDB Connector/J reports. */
    private static final Map<String, String> DRIVER_NAME = Map.of("BOOL", "BOOLEAN", "REAL", "DOUBLE");

    private final MySqlTypeMapping mapping = new MySqlTypeMapping();

    private static ReadmeTable table() {
        return ReadmeTable.read(Path.of("README.md"), HEADER);
    }

    private record Sample(JdbcColumn column, String expected) {}

    private static List<Sample> samples(ReadmeTable.Row row) {
        String first = row.cell(0);
        String arrow = row.plain(1);
        List<Sample> out = new ArrayList<>();
        if (first.equals("other text-like types")) {
            out.add(new Sample(new JdbcColumn("c", 1, Types.VARCHAR, "SOME_TEXT", 10, 0, true), arrow));
            return out;
        }
        for (String code : row.code(0)) {
            String upper = code.toUpperCase(Locale.ROOT);
            String base = upper.replaceAll("\\(.*?\\)", "").trim();
            String name = DRIVER_NAME.getOrDefault(base, base);
            if (base.equals("DECIMAL")) {
                for (int[] ps : first.contains("38 < p ≤ 65") ? new int[][] {{39, 2}, {65, 30}}
                        : new int[][] {{15, 2}, {38, 0}, {38, 38}, {1, 0}}) {
                    out.add(new Sample(new JdbcColumn("c", 1, Types.DECIMAL, name, ps[0], ps[1], true),
                            arrow.replace("(p,s)", "(" + ps[0] + "," + ps[1] + ")")));
                }
            } else if (base.equals("BIT") && upper.equals("BIT(N)")) {
                for (int n : new int[] {2, 8, 9, 12, 64}) {
                    out.add(new Sample(new JdbcColumn("c", 1, Types.VARBINARY, "BIT", n, 0, true),
                            arrow.replace("ceil(n/8)", String.valueOf((n + 7) / 8))));
                }
            } else {
                int precision = upper.equals("TINYINT(1)") || upper.equals("BIT(1)") ? 1 : 10;
                out.add(new Sample(new JdbcColumn("c", 1, Types.OTHER, name, precision, 0, true), arrow));
            }
        }
        return out;
    }

    private static String mapped(JdbcColumn c) {
        return new MySqlTypeMapping().map(c, ReadOptions.defaults()).map(x -> ArrowTypeText.of(x.field())).orElse("unsupported");
    }

    @Test
    void everyReadmeRowMapsAsItSays() {
        List<ReadmeTable.Row> rows = table().rows();
        assertThat(rows).hasSizeGreaterThan(25);
        int checked = 0;
        for (ReadmeTable.Row row : rows) {
            List<Sample> samples = samples(row);
            assertThat(samples).as("names in row " + row.cell(0)).isNotEmpty();
            for (Sample s : samples) {
                JdbcColumn c = s.column();
                assertThat(mapped(c)).as(row.cell(0) + ": " + c.typeName() + "(" + c.precision() + "," + c.scale() + ")")
                        .isEqualTo(s.expected());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(45);
    }

    @Test
    void spatialTypesReadAsWktOnlyWhereTheSelectListCanBeRewritten() {
        ReadmeTable.Row spatial = table().rows().stream().filter(r -> r.cell(0).startsWith("spatial")).findFirst().orElseThrow();
        assertThat(spatial.cell(2)).contains("`AS_STRING` reads their WKT").contains("in `readQuery` results `AS_STRING` refuses them");
        for (String type : spatial.code(0)) {
            JdbcColumn c = new JdbcColumn("g", 1, Types.BINARY, type.toUpperCase(Locale.ROOT), 0, 0, true);
            ColumnMapping text = mapping.asStringIfExact(c).orElseThrow();
            assertThat(ArrowTypeText.of(text.field())).isEqualTo("utf8");
            assertThat(text.selectExpression().apply("`g`")).isEqualTo("ST_AsText(`g`)");
            assertThat(MySqlTypeMapping.forQueryResults().asStringIfExact(c)).as(type).isEmpty();
        }
    }

    @Test
    void everySupportedTypeNameHasARow() {
        Set<String> documented = new TreeSet<>();
        for (ReadmeTable.Row row : table().rows()) {
            samples(row).forEach(s -> documented.add(s.column().typeName().replaceAll(" UNSIGNED", "")));
        }
        assertThat(documented).containsAll(MySqlTypeMapping.SUPPORTED_TYPE_NAMES);
    }

    @Test
    void theProjectReadmeCarriesTheSameTable() {
        List<String> module = table().lines();
        assertThat(ReadmeTable.read(Path.of("..", "README.md"), HEADER).lines()).containsExactlyElementsOf(module);
    }
}

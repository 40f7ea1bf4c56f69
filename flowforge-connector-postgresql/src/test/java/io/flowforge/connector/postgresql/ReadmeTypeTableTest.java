package io.flowforge.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.arrow.ArrowTypeText;
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
 * Holds the README's "PostgreSQL type mapping" table and {@link PostgreSqlTypeMapping} together,
 * row for row, both ways: every type a row names maps to the Arrow type the row says (the
 * {@code numeric(p,s)} rows' formulas checked on a sample of their condition), and every type name
 * the mapping supports has a row. The module README and the project README carry the same table.
 */
class ReadmeTypeTableTest {

    private static final String HEADER = "| PostgreSQL type | Arrow type |";

    /** The README's SQL spellings to the names pgjdbc and pg_catalog report. */
    private static final Map<String, String> CATALOG_NAME = Map.of(
            "boolean", "bool", "smallint", "int2", "integer", "int4", "bigint", "int8", "real", "float4",
            "double precision", "float8", "char", "bpchar", "time with time zone", "timetz",
            "timestamp with time zone", "timestamptz");

    private final PostgreSqlTypeMapping mapping = new PostgreSqlTypeMapping();

    private static ReadmeTable table() {
        return ReadmeTable.read(Path.of("README.md"), HEADER);
    }

    /** A sample column for one name of a row, the {@code (p,s)} chosen to meet the row's condition. */
    private record Sample(JdbcColumn column, String expected) {}

    private static List<Sample> samples(ReadmeTable.Row row) {
        String first = row.cell(0);
        String arrow = row.plain(1);
        List<Sample> out = new ArrayList<>();
        if (first.startsWith("enums")) {
            // pgjdbc reports an enum as VARCHAR named after the enum type.
            out.add(new Sample(new JdbcColumn("c", 1, Types.VARCHAR, "mood", 0, 0, true), arrow));
            return out;
        }
        for (String code : row.code(0)) {
            String base = code.replaceAll("\\(.*", "").trim();
            String name = CATALOG_NAME.getOrDefault(base, base);
            int jdbc = name.startsWith("_") ? Types.ARRAY : Types.OTHER;
            if (name.equals("numeric")) {
                for (int[] ps : numericSamples(first)) {
                    out.add(new Sample(new JdbcColumn("c", 1, Types.NUMERIC, "numeric", ps[0], reported(ps[1]), true),
                            decimal(arrow, ps[0], ps[1])));
                }
            } else if (name.equals("bit")) {
                out.add(new Sample(new JdbcColumn("c", 1, Types.BIT, "bit", code.equals("bit(1)") ? 1 : 5, 0, true), arrow));
            } else {
                out.add(new Sample(new JdbcColumn("c", 1, jdbc, name, 10, 0, true), arrow));
            }
        }
        return out;
    }

    /** A negative scale as pgjdbc reports it: PostgreSQL's 11 signed bits read unsigned (-2 is 2046). */
    private static int reported(int scale) {
        return scale < 0 ? scale & 0x7ff : scale;
    }

    /** (precision, scale) for each numeric row's condition. */
    private static List<int[]> numericSamples(String condition) {
        if (condition.contains("without precision")) {
            return List.of(new int[] {0, 0});
        }
        if (condition.contains("0 ≤ s ≤ p ≤ 38")) {
            return List.of(new int[] {15, 2}, new int[] {38, 0}, new int[] {38, 38}, new int[] {1, 0});
        }
        if (condition.contains("s > p, s ≤ 38")) {
            return List.of(new int[] {3, 5}, new int[] {1, 38});
        }
        if (condition.contains("s < 0, p - s ≤ 38")) {
            return List.of(new int[] {5, -2}, new int[] {30, -8});
        }
        if (condition.contains("p > 38, s > 38, or p - s > 38")) {
            return List.of(new int[] {39, 2}, new int[] {3, 39}, new int[] {38, -3});
        }
        throw new AssertionError("a numeric row whose condition this test does not know: " + condition);
    }

    /** The row's Arrow cell with p and s filled in ({@code decimal128(p-s,0)} for p=5, s=-2 is decimal128(7,0)). */
    private static String decimal(String arrow, int p, int s) {
        if (!arrow.startsWith("decimal128(")) {
            return arrow;
        }
        String[] args = arrow.substring("decimal128(".length(), arrow.indexOf(')')).split(",");
        return "decimal128(" + eval(args[0], p, s) + "," + eval(args[1], p, s) + ")";
    }

    private static int eval(String expr, int p, int s) {
        return switch (expr.trim()) {
            case "p" -> p;
            case "s" -> s;
            case "p-s" -> p - s;
            case "0" -> 0;
            default -> throw new AssertionError("a decimal formula this test does not know: " + expr);
        };
    }

    private static String mapped(PostgreSqlTypeMapping m, JdbcColumn c) {
        return m.map(c, ReadOptions.defaults()).map(x -> ArrowTypeText.of(x.field())).orElse("unsupported");
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
                assertThat(mapped(mapping, c)).as(row.cell(0) + ": " + c.typeName() + "(" + c.precision() + "," + c.scale() + ")")
                        .isEqualTo(s.expected());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(45);
    }

    @Test
    void moneyIsUnsupportedInQueryResultsAsTheReadmeSays() {
        ReadmeTable.Row money = table().rows().stream().filter(r -> r.code(0).equals(List.of("money"))).findFirst().orElseThrow();
        assertThat(money.cell(2)).contains("In `readQuery` results money is unsupported");
        JdbcColumn m = new JdbcColumn("m", 1, Types.DOUBLE, "money", 0, 0, true);
        assertThat(mapped(mapping, m)).isEqualTo("decimal128(19,2)");
        assertThat(mapping.map(m, ReadOptions.defaults()).orElseThrow().selectExpression().apply("\"m\"")).isEqualTo("\"m\"::numeric");
        assertThat(mapped(PostgreSqlTypeMapping.forQueryResults(), m)).isEqualTo("unsupported");
    }

    @Test
    void everySupportedTypeNameHasARow() {
        Set<String> documented = new TreeSet<>();
        for (ReadmeTable.Row row : table().rows()) {
            samples(row).forEach(s -> documented.add(s.column().typeName().toLowerCase(Locale.ROOT)));
        }
        assertThat(documented).containsAll(PostgreSqlTypeMapping.SUPPORTED_TYPE_NAMES);
    }

    @Test
    void theProjectReadmeCarriesTheSameTable() {
        List<String> module = table().lines();
        assertThat(ReadmeTable.read(Path.of("..", "README.md"), HEADER).lines()).containsExactlyElementsOf(module);
    }
}

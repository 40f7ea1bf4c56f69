package io.flowforge.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.connector.ReadOptions;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Holds this module's README type table ("JDBC type (type name) | Arrow type") and
 * {@link GenericJdbcTypeMapping} together, both ways: every JDBC type the README names maps to the
 * Arrow type its row says, and every {@link Types} code the mapping supports is named in the
 * README. (The row-by-row edge cases, such as precision limits and unsigned names, are
 * {@link GenericJdbcTypeMappingTest}'s.)
 */
class ReadmeTypeTableTest {

    // The README's words for Arrow types, as Arrow's ArrowType.toString() prints them for a typical column.
    private static final Map<String, String> ARROW = Map.of(
            "bool", "Bool", "int16", "Int(16, true)", "int32", "Int(32, true)", "int64", "Int(64, true)",
            "float32", "FloatingPoint(SINGLE)", "float64", "FloatingPoint(DOUBLE)", "date32", "Date(DAY)",
            "utf8", "Utf8", "binary", "Binary");

    private final GenericJdbcTypeMapping mapping = new GenericJdbcTypeMapping();

    /** JDBC type name (a {@link Types} constant) to the README's Arrow word, for rows that name plain types. */
    private static Map<String, String> readmeRows() throws IOException {
        List<String> lines = Files.readString(Path.of("README.md")).lines()
                .dropWhile(l -> !l.startsWith("| JDBC type (type name) | Arrow type |")).skip(2)
                .takeWhile(l -> l.startsWith("|")).toList();
        assertThat(lines).as("README rows").hasSizeGreaterThan(15);
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines) {
            String[] cells = line.substring(1).split("\\|");
            String arrow = cells[1].trim();
            String types = cells[0].trim().replaceAll("\\(.*?\\)", "");
            for (String t : types.split(",|/")) {
                String name = t.trim();
                if (name.matches("[A-Z_]+") && isTypesConstant(name)) {
                    out.putIfAbsent(name, arrow);
                }
            }
        }
        return out;
    }

    private static boolean isTypesConstant(String name) {
        try {
            Types.class.getField(name);
            return true;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    private Optional<String> mapped(int code, String name) {
        int precision = code == Types.DECIMAL || code == Types.NUMERIC ? 15 : code == Types.BIT ? 1 : 10;
        int scale = code == Types.DECIMAL || code == Types.NUMERIC ? 2 : code == Types.TIMESTAMP ? 6 : 0;
        return mapping.map(new JdbcColumn("c", 1, code, name, precision, scale, true), ReadOptions.defaults())
                .map(m -> m.field().getType().toString());
    }

    @Test
    void everyTypeTheReadmeNamesMapsAsItsRowSays() throws Exception {
        Map<String, String> rows = readmeRows();
        assertThat(rows).containsKeys("BOOLEAN", "INTEGER", "VARCHAR", "BLOB", "DATE", "TIMESTAMP", "DECIMAL");
        for (Map.Entry<String, String> row : rows.entrySet()) {
            int code = Types.class.getField(row.getKey()).getInt(null);
            String said = row.getValue();
            Optional<String> actual = mapped(code, row.getKey());
            if (said.equals("unsupported")) {
                assertThat(actual).as(row.getKey()).isEmpty();
            } else if (ARROW.containsKey(said)) {
                assertThat(actual).as(row.getKey()).contains(ARROW.get(said));
            } else if (said.startsWith("decimal128(p, s)")) {
                assertThat(actual).as(row.getKey()).contains("Decimal(15, 2, 128)");
            } else if (said.startsWith("time64[µs]")) {
                assertThat(actual).as(row.getKey()).contains("Time(MICROSECOND, 64)");
            } else if (said.startsWith("timestamp[µs, UTC]")) {
                assertThat(actual).as(row.getKey()).contains("Timestamp(MICROSECOND, UTC)");
            } else if (said.startsWith("timestamp[µs]")) {
                assertThat(actual).as(row.getKey()).contains("Timestamp(MICROSECOND, null)");
            } else {
                throw new AssertionError("README row for " + row.getKey() + " names an Arrow type this test does not know: " + said);
            }
        }
    }

    @Test
    void everyJdbcTypeTheMappingSupportsIsInTheReadme() throws Exception {
        Map<String, String> rows = readmeRows();
        TreeSet<String> missing = new TreeSet<>();
        for (Field f : Types.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != int.class) {
                continue;
            }
            if (mapped(f.getInt(null), f.getName()).isPresent() && !rows.containsKey(f.getName())) {
                missing.add(f.getName());
            }
        }
        assertThat(missing).as("JDBC types the generic mapping reads but the README's table does not name").isEmpty();
    }
}

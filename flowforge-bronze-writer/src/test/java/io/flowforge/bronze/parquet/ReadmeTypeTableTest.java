package io.flowforge.bronze.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.arrow.ArrowUuid;
import io.flowforge.connector.testkit.ReadmeTable;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.UnionMode;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.jupiter.api.Test;

/**
 * Holds the bronze writer README's "Type mapping (Arrow → Parquet)" table and
 * {@link ArrowParquetMapping} together: each row's Arrow types, on samples (every alternative of
 * an {@code 8/16/32} cell, every unit of a {@code unit} cell), become the Parquet physical and
 * logical types the row says; the "anything else" row's types are refused. A row this test has no
 * samples for fails it, so a new row comes with its check.
 */
class ReadmeTypeTableTest {

    private static final String HEADER = "| Arrow type | Parquet physical | Parquet logical type |";
    private static final Pattern ALTERNATIVES = Pattern.compile("\\w+(\\s*/\\s*\\w+)+");

    /** One Arrow field to map, and what the row's placeholders (p, s, n, unit, …) stand for with it. */
    private record Sample(Field field, Map<String, String> values) {
        static Sample of(ArrowType type, Map<String, String> values) {
            return new Sample(Field.nullable("c", type), values);
        }

        static Sample of(ArrowType type) {
            return of(type, Map.of());
        }
    }

    /** The samples of the row whose Arrow cell is {@code arrow}, after its {@code a/b/c} alternatives were picked. */
    private static List<Sample> samples(String arrow) {
        return switch (arrow) {
            case "Bool" -> List.of(Sample.of(ArrowType.Bool.INSTANCE));
            case "Int(8, signed)" -> List.of(Sample.of(new ArrowType.Int(8, true)));
            case "Int(16, signed)" -> List.of(Sample.of(new ArrowType.Int(16, true)));
            case "Int(32, signed)" -> List.of(Sample.of(new ArrowType.Int(32, true)));
            case "Int(64, signed)" -> List.of(Sample.of(new ArrowType.Int(64, true)));
            case "Int(8, unsigned)" -> List.of(Sample.of(new ArrowType.Int(8, false)));
            case "Int(16, unsigned)" -> List.of(Sample.of(new ArrowType.Int(16, false)));
            case "Int(32, unsigned)" -> List.of(Sample.of(new ArrowType.Int(32, false)));
            case "Int(64, unsigned)" -> List.of(Sample.of(new ArrowType.Int(64, false)));
            case "FloatingPoint(SINGLE)" -> List.of(Sample.of(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)));
            case "FloatingPoint(DOUBLE)" -> List.of(Sample.of(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)));
            case "Decimal(p ≤ 9, s)" -> decimals(128, new int[][] {{1, 0}, {9, 2}, {9, 9}});
            case "Decimal(p ≤ 18, s)" -> decimals(128, new int[][] {{10, 0}, {18, 4}});
            case "Decimal(p > 18, s) (128 or 256 bit)" -> {
                List<Sample> out = new ArrayList<>(decimals(128, new int[][] {{19, 2}, {38, 10}}));
                out.addAll(decimals(256, new int[][] {{38, 0}, {76, 5}}));
                yield out;
            }
            case "Date(DAY)" -> List.of(Sample.of(new ArrowType.Date(DateUnit.DAY)));
            case "Date(MILLISECOND)" -> List.of(Sample.of(new ArrowType.Date(DateUnit.MILLISECOND)));
            case "Time(SECOND)" -> List.of(Sample.of(new ArrowType.Time(TimeUnit.SECOND, 32)));
            case "Time(MILLISECOND)" -> List.of(Sample.of(new ArrowType.Time(TimeUnit.MILLISECOND, 32)));
            case "Time(MICROSECOND)" -> List.of(Sample.of(new ArrowType.Time(TimeUnit.MICROSECOND, 64)));
            case "Time(NANOSECOND)" -> List.of(Sample.of(new ArrowType.Time(TimeUnit.NANOSECOND, 64)));
            case "Timestamp(unit, no zone)" -> timestamps(null);
            case "Timestamp(unit, any zone)" -> {
                List<Sample> out = new ArrayList<>(timestamps("UTC"));
                out.addAll(timestamps("America/New_York"));
                yield out;
            }
            case "Timestamp(SECOND, …)" -> List.of(
                    Sample.of(new ArrowType.Timestamp(TimeUnit.SECOND, null), Map.of("…", "false")),
                    Sample.of(new ArrowType.Timestamp(TimeUnit.SECOND, "UTC"), Map.of("…", "true")));
            case "Utf8, LargeUtf8" -> List.of(Sample.of(ArrowType.Utf8.INSTANCE), Sample.of(ArrowType.LargeUtf8.INSTANCE));
            case "Binary, LargeBinary" -> List.of(Sample.of(ArrowType.Binary.INSTANCE), Sample.of(ArrowType.LargeBinary.INSTANCE));
            case "FixedSizeBinary(16) with field metadata ARROW:extension:name=arrow.uuid" -> List.of(new Sample(
                    new Field("c", new FieldType(true, new ArrowType.FixedSizeBinary(16), null, ArrowUuid.FIELD_METADATA), null),
                    Map.of()));
            case "FixedSizeBinary(n)" -> List.of(
                    Sample.of(new ArrowType.FixedSizeBinary(8), Map.of("n", "8")),
                    Sample.of(new ArrowType.FixedSizeBinary(16), Map.of("n", "16")));
            default -> throw new AssertionError("a README row this test has no samples for: " + arrow);
        };
    }

    private static List<Sample> decimals(int bits, int[][] precisionScale) {
        List<Sample> out = new ArrayList<>();
        for (int[] ps : precisionScale) {
            out.add(Sample.of(new ArrowType.Decimal(ps[0], ps[1], bits), Map.of("p", String.valueOf(ps[0]),
                    "s", String.valueOf(ps[1]), "minimal bytes for p", String.valueOf(minimalBytes(ps[0])))));
        }
        return out;
    }

    /** Worked out here, not taken from the writer: the fewest bytes whose two's complement holds 10^p - 1. */
    private static int minimalBytes(int precision) {
        BigInteger max = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE);
        int bytes = 1;
        while (BigInteger.TWO.pow(8 * bytes - 1).compareTo(max) <= 0) {
            bytes++;
        }
        return bytes;
    }

    private static List<Sample> timestamps(String zone) {
        return List.of(
                Sample.of(new ArrowType.Timestamp(TimeUnit.MILLISECOND, zone), Map.of("unit", "MILLIS")),
                Sample.of(new ArrowType.Timestamp(TimeUnit.MICROSECOND, zone), Map.of("unit", "MICROS")),
                Sample.of(new ArrowType.Timestamp(TimeUnit.NANOSECOND, zone), Map.of("unit", "NANOS")));
    }

    /** {@code text} with each {@code a/b/c} replaced by its {@code i}-th word. */
    private static String pick(String text, int i) {
        Matcher m = ALTERNATIVES.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String[] words = m.group().split("\\s*/\\s*");
            m.appendReplacement(out, words[Math.min(i, words.length - 1)]);
        }
        m.appendTail(out);
        return out.toString();
    }

    private static int alternatives(String text) {
        Matcher m = ALTERNATIVES.matcher(text);
        return m.find() ? m.group().split("\\s*/\\s*").length : 1;
    }

    private static String fill(String text, Map<String, String> values) {
        String out = text;
        // Longest placeholder first: "minimal bytes for p" before "p".
        List<Map.Entry<String, String>> entries = new ArrayList<>(values.entrySet());
        entries.sort((a, b) -> b.getKey().length() - a.getKey().length());
        for (Map.Entry<String, String> v : entries) {
            out = out.replace("(" + v.getKey() + ")", "(" + v.getValue() + ")")
                    .replace("(" + v.getKey() + ",", "(" + v.getValue() + ",")
                    .replace(", " + v.getKey() + ")", ", " + v.getValue() + ")")
                    .replace(" " + v.getKey() + ")", " " + v.getValue() + ")");
        }
        return out;
    }

    /** The README's logical-type words as Parquet's own toString() prints the annotation. */
    private static String parquetWords(String readme) {
        return readme.equals("–") ? "none" : readme.replace("isAdjustedToUTC=", "").replace("INT(", "INTEGER(").replace(" ", "");
    }

    /** The physical type as the Parquet format names it (parquet-java calls BYTE_ARRAY "BINARY"). */
    private static String physical(PrimitiveType t) {
        return switch (t.getPrimitiveTypeName()) {
            case FIXED_LEN_BYTE_ARRAY -> "FIXED_LEN_BYTE_ARRAY(" + t.getTypeLength() + ")";
            case BINARY -> "BYTE_ARRAY";
            default -> t.getPrimitiveTypeName().name();
        };
    }

    @Test
    void everyReadmeRowMapsAsItSays() {
        List<ReadmeTable.Row> rows = ReadmeTable.read(Path.of("README.md"), HEADER).rows();
        assertThat(rows).hasSizeGreaterThan(20);
        int checked = 0;
        for (ReadmeTable.Row row : rows) {
            String arrowCell = row.plain(0);
            if (arrowCell.startsWith("anything else")) {
                continue;
            }
            int n = alternatives(arrowCell);
            for (int i = 0; i < n; i++) {
                for (Sample s : samples(pick(arrowCell, i))) {
                    PrimitiveType t = ArrowParquetMapping.of(s.field(), 0).type().asPrimitiveType();
                    String what = row.cell(0) + " as " + s.field().getType();
                    assertThat(physical(t)).as(what).isEqualTo(fill(pick(row.plain(1), i), s.values()));
                    String logical = t.getLogicalTypeAnnotation() == null ? "none" : t.getLogicalTypeAnnotation().toString();
                    assertThat(logical).as(what).isEqualTo(parquetWords(fill(pick(row.plain(2), i), s.values())));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(35);
    }

    @Test
    void theReadmesExampleOfMinimalDecimalBytesHolds() {
        ReadmeTable.Row wide = ReadmeTable.read(Path.of("README.md"), HEADER).rows().stream()
                .filter(r -> r.cell(0).startsWith("Decimal(p > 18")).findFirst().orElseThrow();
        assertThat(wide.cell(3)).isEqualTo("e.g. p=38 → 16 bytes");
        assertThat(ArrowParquetMapping.of(Field.nullable("c", new ArrowType.Decimal(38, 0, 128)), 0).type()
                .asPrimitiveType().getTypeLength()).isEqualTo(16);
    }

    @Test
    void whatTheReadmeCallsUnsupportedIsRefusedNamingTheColumn() {
        ReadmeTable.Row rest = ReadmeTable.read(Path.of("README.md"), HEADER).rows().stream()
                .filter(r -> r.cell(0).startsWith("anything else")).findFirst().orElseThrow();
        assertThat(rest.cell(0)).contains("Duration", "Interval", "List", "Struct", "Map", "Union", "Null");
        List<ArrowType> refused = List.of(new ArrowType.Duration(TimeUnit.SECOND), new ArrowType.Interval(IntervalUnit.DAY_TIME),
                ArrowType.List.INSTANCE, ArrowType.Struct.INSTANCE, new ArrowType.Map(false),
                new ArrowType.Union(UnionMode.Sparse, new int[0]), ArrowType.Null.INSTANCE, ArrowType.Utf8View.INSTANCE,
                new ArrowType.FloatingPoint(FloatingPointPrecision.HALF));
        for (ArrowType type : refused) {
            assertThatThrownBy(() -> ArrowParquetMapping.of(Field.nullable("odd", type), 0)).as(type.toString())
                    .isInstanceOf(UnsupportedArrowTypeException.class)
                    .hasMessageStartingWith("column 'odd' has Arrow type " + type + ", which the bronze writer cannot store");
        }
    }
}

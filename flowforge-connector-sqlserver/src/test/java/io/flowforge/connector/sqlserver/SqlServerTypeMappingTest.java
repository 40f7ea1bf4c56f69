package io.flowforge.connector.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TemporalPrecision;
import io.flowforge.connector.arrow.ArrowTypeText;
import io.flowforge.connector.jdbc.ColumnMapping;
import io.flowforge.connector.jdbc.ColumnReader;
import io.flowforge.connector.jdbc.JdbcColumn;
import io.flowforge.connector.jdbc.SelectedColumns;
import io.flowforge.connector.jdbc.StandardColumnMappings;
import io.flowforge.connector.jdbc.ValueOutOfRangeException;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.Test;

/**
 * The type mapping with no database: column metadata exactly as mssql-jdbc reports it, and values
 * as mssql-jdbc's getters return them, read into real Arrow vectors.
 */
class SqlServerTypeMappingTest {

    static final ReadOptions EXACT = ReadOptions.defaults().withTemporalPrecision(TemporalPrecision.EXACT);
    static final ReadOptions MICROS = ReadOptions.defaults();
    private static final SqlServerTypeMapping MAPPING = new SqlServerTypeMapping();

    static JdbcColumn col(String type, int jdbcType, int precision, int scale) {
        return new JdbcColumn("c", 1, jdbcType, type, precision, scale, true);
    }

    private static String arrow(JdbcColumn c, ReadOptions o) {
        return ArrowTypeText.of(MAPPING.map(c, o).orElseThrow().field());
    }

    /** Reads each driver value into a vector of the column's mapping and returns what the vector holds. */
    static List<Object> read(JdbcColumn c, ReadOptions o, Object... driverValues) throws SQLException {
        return read(MAPPING, c, o, driverValues);
    }

    /** {@link #read(JdbcColumn, ReadOptions, Object...)} through a given mapping (table reads or query results). */
    static List<Object> read(SqlServerTypeMapping mapping, JdbcColumn c, ReadOptions o, Object... driverValues)
            throws SQLException {
        ColumnMapping m = mapping.map(c, o).orElseThrow();
        try (RootAllocator allocator = new RootAllocator(); FieldVector v = m.field().createVector(allocator)) {
            v.allocateNew();
            ColumnReader.Bound reader = m.reader().bind(v, 1);
            FakeResultSet rs = new FakeResultSet();
            for (int i = 0; i < driverValues.length; i++) {
                reader.read(rs.at(driverValues[i]), i);
            }
            v.setValueCount(driverValues.length);
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < driverValues.length; i++) {
                out.add(v.isNull(i) ? null : value(v, i));
            }
            return out;
        }
    }

    private static Object value(FieldVector v, int i) {
        if (v instanceof TimeStampVector t) {
            return t.get(i);
        }
        if (v instanceof TimeMicroVector t) {
            return t.get(i);
        }
        if (v instanceof TimeNanoVector t) {
            return t.get(i);
        }
        if (v instanceof VarCharVector s) {
            return s.getObject(i).toString();
        }
        return v.getObject(i);
    }

    @Test
    void seedTypesMapAsThePlanSays() {
        assertThat(arrow(col("int", Types.INTEGER, 10, 0), EXACT)).isEqualTo("int32");
        assertThat(arrow(col("bigint", Types.BIGINT, 19, 0), EXACT)).isEqualTo("int64");
        assertThat(arrow(col("nvarchar", Types.NVARCHAR, 100, 0), EXACT)).isEqualTo("utf8");
        assertThat(arrow(col("varchar", Types.VARCHAR, 50, 0), EXACT)).isEqualTo("utf8");
        assertThat(arrow(col("decimal", Types.DECIMAL, 15, 2), EXACT)).isEqualTo("decimal128(15,2)");
        assertThat(arrow(col("date", Types.DATE, 10, 0), EXACT)).isEqualTo("date32");
        assertThat(arrow(col("datetime", Types.TIMESTAMP, 23, 3), EXACT)).isEqualTo("timestamp[ms]");
        assertThat(arrow(col("bit", Types.BIT, 1, 0), EXACT)).isEqualTo("bool");
    }

    @Test
    void fieldsCarryNameNullabilityAndSourceType() {
        JdbcColumn c = new JdbcColumn("Amount", 3, Types.DECIMAL, "money", 19, 4, false);
        var field = MAPPING.map(c, EXACT).orElseThrow().field();
        assertThat(field.getName()).isEqualTo("Amount");
        assertThat(field.isNullable()).isFalse();
        assertThat(field.getMetadata()).containsEntry(StandardColumnMappings.SOURCE_TYPE_KEY, "money");
    }

    @Test
    void integers() throws SQLException {
        assertThat(read(col("bit", Types.BIT, 1, 0), EXACT, true, false, null)).containsExactly(true, false, null);
        assertThat(read(col("tinyint", Types.TINYINT, 3, 0), EXACT, (short) 0, (short) 255, (short) 200, null))
                .containsExactly((short) 0, (short) 255, (short) 200, null);
        assertThat(read(col("smallint", Types.SMALLINT, 5, 0), EXACT, (short) -32768, (short) 32767, null))
                .containsExactly((short) -32768, (short) 32767, null);
        assertThat(read(col("int", Types.INTEGER, 10, 0), EXACT, Integer.MIN_VALUE, Integer.MAX_VALUE, null))
                .containsExactly(Integer.MIN_VALUE, Integer.MAX_VALUE, null);
        assertThat(read(col("bigint", Types.BIGINT, 19, 0), EXACT, Long.MIN_VALUE, Long.MAX_VALUE, null))
                .containsExactly(Long.MIN_VALUE, Long.MAX_VALUE, null);
    }

    @Test
    void tinyintWouldWrapThroughGetByteWhichTheReaderDoesNotUse() throws SQLException {
        assertThat(new FakeResultSet().at((short) 200).getByte(1)).isEqualTo((byte) -56);
        assertThat(arrow(col("tinyint", Types.TINYINT, 3, 0), EXACT)).isEqualTo("int16");
    }

    @Test
    void decimalsMoneyAndFloats() throws SQLException {
        BigDecimal max38 = new BigDecimal("9999999999999999999999999999.9999999999");
        assertThat(read(col("decimal", Types.DECIMAL, 38, 10), EXACT, max38, max38.negate(), null))
                .containsExactly(max38, max38.negate(), null);
        BigDecimal max380 = new BigDecimal("99999999999999999999999999999999999999");
        assertThat(read(col("numeric", Types.NUMERIC, 38, 0), EXACT, max380)).containsExactly(max380);
        assertThat(read(col("decimal", Types.DECIMAL, 15, 2), EXACT, new BigDecimal("1234567890123.45")))
                .containsExactly(new BigDecimal("1234567890123.45"));

        JdbcColumn money = col("money", Types.DECIMAL, 19, 4);
        assertThat(arrow(money, EXACT)).isEqualTo("decimal128(19,4)");
        assertThat(read(money, EXACT, new BigDecimal("-922337203685477.5808"), new BigDecimal("922337203685477.5807"), null))
                .containsExactly(new BigDecimal("-922337203685477.5808"), new BigDecimal("922337203685477.5807"), null);
        JdbcColumn smallmoney = col("smallmoney", Types.DECIMAL, 10, 4);
        assertThat(arrow(smallmoney, EXACT)).isEqualTo("decimal128(10,4)");
        assertThat(read(smallmoney, EXACT, new BigDecimal("-214748.3648"), new BigDecimal("214748.3647")))
                .containsExactly(new BigDecimal("-214748.3648"), new BigDecimal("214748.3647"));

        assertThat(read(col("float", Types.DOUBLE, 15, 0), EXACT, -1.79E308, 1.79E308, 2.23E-308, null))
                .containsExactly(-1.79E308, 1.79E308, 2.23E-308, null);
        assertThat(read(col("real", Types.REAL, 7, 0), EXACT, -3.40E38f, 3.40E38f, null))
                .containsExactly(-3.40E38f, 3.40E38f, null);
    }

    @Test
    void aDecimalIsNeverRounded() {
        assertThatThrownBy(() -> read(col("decimal", Types.DECIMAL, 15, 2), EXACT, new BigDecimal("1.005")))
                .isInstanceOf(ValueOutOfRangeException.class)
                .hasMessage("value 1.005 of column 'c' has more than 2 fractional digits");
    }

    @Test
    void dateAndTime() throws SQLException {
        assertThat(read(col("date", Types.DATE, 10, 0), EXACT, LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31), null))
                .containsExactly(-719162, 2932896, null);

        JdbcColumn time7 = col("time", Types.TIME, 16, 7);
        LocalTime last = LocalTime.parse("23:59:59.9999999");
        assertThat(arrow(time7, EXACT)).isEqualTo("time64[ns]");
        assertThat(read(time7, EXACT, LocalTime.MIDNIGHT, last, null)).containsExactly(0L, 86_399_999_999_900L, null);
        assertThat(arrow(time7, MICROS)).isEqualTo("time64[us]");
        assertThat(read(time7, MICROS, last)).containsExactly(86_399_999_999L);
        JdbcColumn time3 = col("time", Types.TIME, 12, 3);
        assertThat(arrow(time3, EXACT)).isEqualTo("time64[us]");
        assertThat(read(time3, EXACT, LocalTime.parse("12:34:56.789"))).containsExactly(45_296_789_000L);
    }

    @Test
    void datetimeAndSmalldatetimeInMilliseconds() throws SQLException {
        assertThat(read(col("datetime", Types.TIMESTAMP, 23, 3), EXACT,
                LocalDateTime.parse("1753-01-01T00:00:00"), LocalDateTime.parse("9999-12-31T23:59:59.997"), null))
                .containsExactly(-6_847_804_800_000L, 253_402_300_799_997L, null);
        assertThat(read(col("smalldatetime", Types.TIMESTAMP, 16, 0), EXACT,
                LocalDateTime.parse("1900-01-01T00:00"), LocalDateTime.parse("2079-06-06T23:59")))
                .containsExactly(-2_208_988_800_000L, 3_453_321_540_000L);
    }

    @Test
    void datetime2SevenDigitsExactInNanoseconds() throws SQLException {
        JdbcColumn dt7 = col("datetime2", Types.TIMESTAMP, 27, 7);
        assertThat(arrow(dt7, EXACT)).isEqualTo("timestamp[ns]");
        assertThat(read(dt7, EXACT, LocalDateTime.parse("2024-01-02T03:04:05.1234567"), null))
                .containsExactly(1_704_164_645_123_456_700L, null);
    }

    @Test
    void datetime2OutsideTheNanosecondRangeFailsUnderExact() {
        JdbcColumn dt7 = col("datetime2", Types.TIMESTAMP, 27, 7);
        assertThatThrownBy(() -> read(dt7, EXACT, LocalDateTime.parse("9999-12-31T23:59:59.9999999")))
                .isInstanceOf(ValueOutOfRangeException.class)
                .hasMessage("value 9999-12-31T23:59:59.999999900 of column 'c' is outside the range of a nanosecond "
                        + "timestamp (1677-09-21..2262-04-11 for nanoseconds); read with TemporalPrecision.MICROSECONDS "
                        + "to keep it at microsecond precision");
    }

    @Test
    void datetime2UnderMicrosecondsCoversTheWholeRange() throws SQLException {
        JdbcColumn dt7 = col("datetime2", Types.TIMESTAMP, 27, 7);
        assertThat(arrow(dt7, MICROS)).isEqualTo("timestamp[us]");
        assertThat(read(dt7, MICROS, LocalDateTime.parse("9999-12-31T23:59:59.9999999"),
                LocalDateTime.parse("0001-01-01T00:00"), LocalDateTime.parse("2024-01-02T03:04:05.1234567")))
                .containsExactly(253_402_300_799_999_999L, -62_135_596_800_000_000L, 1_704_164_645_123_456L);
        JdbcColumn dt3 = col("datetime2", Types.TIMESTAMP, 23, 3);
        assertThat(arrow(dt3, EXACT)).isEqualTo("timestamp[us]");
        assertThat(read(dt3, EXACT, LocalDateTime.parse("0001-01-01T00:00"))).containsExactly(-62_135_596_800_000_000L);
    }

    @Test
    void datetimeoffsetIsTheInstantInUtc() throws SQLException {
        JdbcColumn dto = col("datetimeoffset", microsoft.sql.Types.DATETIMEOFFSET, 34, 7);
        assertThat(arrow(dto, EXACT)).isEqualTo("timestamp[ns, tz=UTC]");
        assertThat(arrow(dto, MICROS)).isEqualTo("timestamp[us, tz=UTC]");
        // A table read selects the UTC wall clock as datetime2, which the driver returns as a LocalDateTime.
        assertThat(MAPPING.map(dto, MICROS).orElseThrow().selectItem("[c]"))
                .isEqualTo("CONVERT(datetime2(7), SWITCHOFFSET([c], '+00:00')) AS [c]");
        // 03:04:05 at +05:30 is 21:34:05 UTC the day before; at -08:00 it is 11:04:05 UTC.
        assertThat(read(dto, EXACT, LocalDateTime.parse("2024-01-01T21:34:05.1234567"),
                LocalDateTime.parse("2024-01-02T11:04:05.1234567"), null))
                .containsExactly(1_704_144_845_123_456_700L, 1_704_193_445_123_456_700L, null);
        assertThat(read(dto, MICROS, LocalDateTime.parse("9999-12-31T09:59:59.9999999"), LocalDateTime.parse("0001-01-01T00:00")))
                .containsExactly(253_402_250_399_999_999L, -62_135_596_800_000_000L);
        // A query's column is read through the driver's OffsetDateTime.
        SqlServerTypeMapping query = SqlServerTypeMapping.forQueryResults();
        assertThat(query.map(dto, MICROS).orElseThrow().selectItem("[c]")).isEqualTo("[c]");
        assertThat(read(query, dto, EXACT, OffsetDateTime.parse("2024-01-02T03:04:05.1234567+05:30"),
                OffsetDateTime.parse("2024-01-02T03:04:05.1234567-08:00"), null))
                .containsExactly(1_704_144_845_123_456_700L, 1_704_193_445_123_456_700L, null);
        assertThat(read(query, dto, MICROS, OffsetDateTime.parse("9999-12-31T23:59:59.9999999+14:00")))
                .containsExactly(253_402_250_399_999_999L);
    }

    @Test
    void text() throws SQLException {
        for (JdbcColumn c : List.of(col("char", Types.CHAR, 10, 0), col("varchar", Types.VARCHAR, 2147483647, 0),
                col("nchar", Types.NCHAR, 10, 0), col("nvarchar", Types.NVARCHAR, 1073741823, 0),
                col("text", Types.LONGVARCHAR, 2147483647, 0), col("ntext", Types.LONGNVARCHAR, 1073741823, 0),
                col("xml", Types.LONGNVARCHAR, 1073741823, 0), col("json", microsoft.sql.Types.JSON, 2147483647, 0))) {
            assertThat(read(c, EXACT, "Zoë 北京 🚀", "", "<a x=\"1\"/>", null))
                    .as(c.typeName()).containsExactly("Zoë 北京 🚀", "", "<a x=\"1\"/>", null);
        }
    }

    @Test
    void binaryAndRowversion() throws SQLException {
        byte[] bytes = {0, 1, (byte) 0xFF, 0x7F};
        for (JdbcColumn c : List.of(col("binary", Types.BINARY, 4, 0), col("varbinary", Types.VARBINARY, 2147483647, 0),
                col("image", Types.LONGVARBINARY, 2147483647, 0))) {
            List<Object> got = read(c, EXACT, bytes, new byte[0], null);
            assertThat((byte[]) got.get(0)).as(c.typeName()).containsExactly(bytes);
            assertThat((byte[]) got.get(1)).isEmpty();
            assertThat(got.get(2)).isNull();
        }
        JdbcColumn rv = col("timestamp", Types.BINARY, 8, 0);
        assertThat(arrow(rv, EXACT)).isEqualTo("fixed_size_binary(8)");
        byte[] v = HexFormat.of().parseHex("00000000000007d1");
        assertThat((byte[]) read(rv, EXACT, v).get(0)).containsExactly(v);
        assertThatThrownBy(() -> read(rv, EXACT, new byte[7]))
                .isInstanceOf(ValueOutOfRangeException.class)
                .hasMessage("value 7 bytes of column 'c' is not 8 bytes long");
    }

    @Test
    void timestampIsRowversionOnlyWhenBinary() {
        // H2 and other databases call a date-time "TIMESTAMP"; only SQL Server's binary one is a rowversion.
        assertThat(arrow(col("TIMESTAMP", Types.TIMESTAMP, 26, 6), EXACT)).isEqualTo("timestamp[us]");
    }

    @Test
    void uniqueidentifierInRfc4122Order() throws SQLException {
        JdbcColumn c = col("uniqueidentifier", Types.CHAR, 36, 0);
        assertThat(arrow(c, EXACT)).isEqualTo("uuid");
        // mssql-jdbc's getObject() gives the canonical upper-case string.
        List<Object> got = read(c, EXACT, "6F9619FF-8B86-D011-B42D-00C04FC964FF", null);
        assertThat(HexFormat.of().formatHex((byte[]) got.get(0))).isEqualTo("6f9619ff8b86d011b42d00c04fc964ff");
        assertThat(got.get(1)).isNull();
    }

    @Test
    void typesReadThroughTheServer() throws SQLException {
        ColumnMapping geo = MAPPING.map(col("geography", microsoft.sql.Types.GEOGRAPHY, 2147483647, 0), EXACT).orElseThrow();
        assertThat(ArrowTypeText.of(geo.field())).isEqualTo("binary");
        assertThat(geo.selectItem("[c]")).isEqualTo("[c].STAsBinary() AS [c]");
        ColumnMapping geom = MAPPING.map(col("geometry", microsoft.sql.Types.GEOMETRY, 2147483647, 0), EXACT).orElseThrow();
        assertThat(geom.selectItem("[g]")).isEqualTo("[g].STAsBinary() AS [g]");
        byte[] wkbPoint = HexFormat.of().parseHex("0101000000000000000000f03f0000000000000040");
        assertThat((byte[]) read(col("geography", -158, 2147483647, 0), EXACT, wkbPoint).get(0)).containsExactly(wkbPoint);

        ColumnMapping h = MAPPING.map(col("hierarchyid", Types.VARBINARY, 892, 0), EXACT).orElseThrow();
        assertThat(ArrowTypeText.of(h.field())).isEqualTo("utf8");
        assertThat(h.selectItem("[h]")).isEqualTo("[h].ToString() AS [h]");
        assertThat(read(col("hierarchyid", Types.VARBINARY, 892, 0), EXACT, "/1/3/", null)).containsExactly("/1/3/", null);

        ColumnMapping v = MAPPING.map(col("sql_variant", microsoft.sql.Types.SQL_VARIANT, 0, 0), EXACT).orElseThrow();
        assertThat(ArrowTypeText.of(v.field())).isEqualTo("utf8");
        assertThat(v.selectItem("[v]")).isEqualTo(SqlServerTypeMapping.sqlVariantExpression("[v]") + " AS [v]")
                .startsWith("CASE CONVERT(sysname, SQL_VARIANT_PROPERTY([v], 'BaseType')) WHEN 'float' THEN "
                        + "CONVERT(nvarchar(max), CONVERT(float, [v]), 3)");
    }

    @Test
    void serverConvertedTypesAreUnsupportedInQueryResults() {
        SqlServerTypeMapping queries = SqlServerTypeMapping.forQueryResults();
        JdbcColumn geo = col("geography", -158, 2147483647, 0);
        assertThat(queries.map(geo, EXACT)).isEmpty();
        assertThat(queries.unsupportedReason(geo)).isEqualTo(
                "a query's geography column is read exactly only through a conversion in the query itself "
                        + "(col.STAsBinary() AS col for WKB)");
        assertThat(queries.map(col("sql_variant", -156, 0, 0), EXACT)).isEmpty();
        assertThat(queries.map(col("hierarchyid", Types.VARBINARY, 892, 0), EXACT)).isEmpty();
        assertThat(queries.map(col("int", Types.INTEGER, 10, 0), EXACT)).isPresent();
        // AS_STRING in a query reads the driver's string: no select expression.
        assertThat(queries.asString(geo).selectItem("[c]")).isEqualTo("[c]");
    }

    @Test
    void unknownClrTypesAndVectorsAreUnsupported() {
        JdbcColumn udt = new JdbcColumn("phone", 2, Types.VARBINARY, "PhoneNumber", 8000, 0, true);
        JdbcColumn vector = new JdbcColumn("embedding", 3, microsoft.sql.Types.VECTOR, "vector", 3, 0, true);
        assertThat(MAPPING.map(udt, EXACT)).isEmpty();
        assertThat(MAPPING.map(vector, EXACT)).isEmpty();
        assertThat(MAPPING.asString(udt).selectItem("[phone]")).isEqualTo("CONVERT(nvarchar(max), [phone]) AS [phone]");
        assertThat(ArrowTypeText.of(MAPPING.asString(udt).field())).isEqualTo("utf8");

        List<JdbcColumn> columns = List.of(col("int", Types.INTEGER, 10, 0), udt);
        assertThatThrownBy(() -> SelectedColumns.resolve("dbo.customers", columns, MAPPING, EXACT))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("Column 'dbo.customers.phone' has type PhoneNumber, which has no exact Arrow type: "
                        + "CLR user-defined type PhoneNumber is stored in SQL Server's private serialization; read it "
                        + "with AS_STRING (converted on the server through its ToString()). Read it with "
                        + "UnsupportedTypePolicy.AS_STRING or SKIP, or convert it in a query.");
        assertThat(MAPPING.unsupportedReason(vector)).isEqualTo("SQL Server vector columns have no Arrow mapping yet; "
                + "cast the column in a query (for example CAST(col AS nvarchar(max)) for its JSON text) or read it with AS_STRING");
    }

    @Test
    void everySupportedNameMaps() {
        for (String name : SqlServerTypeMapping.SUPPORTED_TYPE_NAMES) {
            int jdbc = name.equals("timestamp") || name.equals("rowversion") ? Types.BINARY : Types.OTHER;
            assertThat(MAPPING.map(col(name, jdbc, 10, 2), EXACT)).as(name).isPresent();
            assertThat(MAPPING.map(col(name.toUpperCase(java.util.Locale.ROOT), jdbc, 10, 2), EXACT)).as(name).isPresent();
        }
        assertThat(Arrays.asList("vector", "PhoneNumber")).noneMatch(SqlServerTypeMapping.SUPPORTED_TYPE_NAMES::contains);
    }
}

package io.flowforge.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TemporalPrecision;
import java.sql.Types;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The generic mapping case by case, with no database: the README table's rows and their edges
 * (precision limits, unsigned names, negative scale). That the README itself says the same is
 * {@link ReadmeTypeTableTest}'s job; this test does not read it.
 */
class GenericJdbcTypeMappingTest {

    private final GenericJdbcTypeMapping mapping = new GenericJdbcTypeMapping();

    @ParameterizedTest(name = "{0} {1}({2},{3}) -> {4}")
    @CsvSource(delimiter = '|', nullValues = "unsupported", textBlock = """
            BIT             | BIT                   | 1  | 0  | Bool
            BIT             | BIT                   | 8  | 0  | unsupported
            BOOLEAN         | BOOLEAN               | 1  | 0  | Bool
            TINYINT         | TINYINT               | 3  | 0  | Int(16, true)
            SMALLINT        | SMALLINT              | 5  | 0  | Int(16, true)
            INTEGER         | INTEGER               | 10 | 0  | Int(32, true)
            BIGINT          | BIGINT                | 19 | 0  | Int(64, true)
            TINYINT         | TINYINT UNSIGNED      | 3  | 0  | Int(16, true)
            SMALLINT        | SMALLINT UNSIGNED     | 5  | 0  | Int(32, true)
            INTEGER         | INT UNSIGNED          | 10 | 0  | Int(64, true)
            BIGINT          | BIGINT UNSIGNED       | 20 | 0  | Decimal(20, 0, 128)
            REAL            | REAL                  | 24 | 0  | FloatingPoint(SINGLE)
            FLOAT           | FLOAT                 | 53 | 0  | FloatingPoint(DOUBLE)
            DOUBLE          | DOUBLE PRECISION      | 53 | 0  | FloatingPoint(DOUBLE)
            DECIMAL         | DECIMAL               | 15 | 2  | Decimal(15, 2, 128)
            NUMERIC         | NUMERIC               | 38 | 10 | Decimal(38, 10, 128)
            NUMERIC         | NUMERIC               | 0  | 0  | unsupported
            NUMERIC         | NUMERIC               | 50 | 2  | unsupported
            NUMERIC         | NUMERIC               | 3  | 5  | Decimal(5, 5, 128)
            NUMERIC         | NUMERIC               | 1  | 38 | Decimal(38, 38, 128)
            NUMERIC         | NUMERIC               | 1  | 39 | unsupported
            NUMERIC         | NUMBER                | 5  | -2 | Decimal(7, 0, 128)
            NUMERIC         | NUMBER                | 36 | -2 | Decimal(38, 0, 128)
            NUMERIC         | NUMBER                | 38 | -3 | unsupported
            DATE            | DATE                  | 10 | 0  | Date(DAY)
            TIME            | TIME                  | 8  | 0  | Time(MICROSECOND, 64)
            TIME            | TIME                  | 18 | 9  | Time(MICROSECOND, 64)
            TIMESTAMP       | TIMESTAMP             | 23 | 3  | Timestamp(MICROSECOND, null)
            TIMESTAMP       | TIMESTAMP             | 26 | 6  | Timestamp(MICROSECOND, null)
            TIMESTAMP       | TIMESTAMP             | 27 | 7  | Timestamp(MICROSECOND, null)
            TIMESTAMP_WITH_TIMEZONE | TIMESTAMP WITH TIME ZONE | 32 | 6 | Timestamp(MICROSECOND, UTC)
            TIMESTAMP_WITH_TIMEZONE | TIMESTAMP WITH TIME ZONE | 33 | 7 | Timestamp(MICROSECOND, UTC)
            CHAR            | CHAR                  | 10 | 0  | Utf8
            VARCHAR         | VARCHAR               | 50 | 0  | Utf8
            LONGVARCHAR     | TEXT                  | 0  | 0  | Utf8
            NCHAR           | NCHAR                 | 10 | 0  | Utf8
            NVARCHAR        | NVARCHAR              | 50 | 0  | Utf8
            LONGNVARCHAR    | NTEXT                 | 0  | 0  | Utf8
            CLOB            | CLOB                  | 0  | 0  | Utf8
            NCLOB           | NCLOB                 | 0  | 0  | Utf8
            BINARY          | BINARY                | 16 | 0  | Binary
            VARBINARY       | VARBINARY             | 16 | 0  | Binary
            LONGVARBINARY   | BYTEA                 | 0  | 0  | Binary
            BLOB            | BLOB                  | 0  | 0  | Binary
            BINARY          | UUID                  | 16 | 0  | FixedSizeBinary(16)
            OTHER           | JSON                  | 0  | 0  | unsupported
            ARRAY           | INTEGER ARRAY         | 0  | 0  | unsupported
            TIME_WITH_TIMEZONE | TIME WITH TIME ZONE | 0 | 0  | unsupported
            """)
    void mapsEachRowOfTheTable(String jdbcType, String typeName, int precision, int scale, String arrow) throws Exception {
        int code = Types.class.getField(jdbcType).getInt(null);
        Optional<ColumnMapping> m = mapping.map(new JdbcColumn("c", 1, code, typeName, precision, scale, true),
                ReadOptions.defaults());
        assertThat(m.map(x -> x.field().getType().toString()).orElse(null)).isEqualTo(arrow);
        m.ifPresent(x -> assertThat(x.field().getMetadata()).containsEntry(StandardColumnMappings.SOURCE_TYPE_KEY, typeName));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"TIMESTAMP | 7 | Timestamp(NANOSECOND, null)", "TIME | 9 | Time(NANOSECOND, 64)",
            "TIMESTAMP_WITH_TIMEZONE | 7 | Timestamp(NANOSECOND, UTC)", "TIMESTAMP | 6 | Timestamp(MICROSECOND, null)"})
    void nanosecondPrecisionIsOptIn(String jdbcType, int scale, String arrow) throws Exception {
        int code = Types.class.getField(jdbcType).getInt(null);
        ReadOptions exact = ReadOptions.defaults().withTemporalPrecision(TemporalPrecision.EXACT);
        assertThat(ReadOptions.defaults().temporalPrecision()).isEqualTo(TemporalPrecision.MICROSECONDS);
        assertThat(mapping.map(new JdbcColumn("c", 1, code, jdbcType, 27, scale, true), exact).orElseThrow()
                .field().getType().toString()).isEqualTo(arrow);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            1111 | JSON    | 0  | 0 | JDBC type OTHER (1111) is not mapped
            -158 | geography | 0 | 0 | JDBC type vendor-specific (-158) is not mapped
            2    | NUMERIC | 0  | 0 | its precision 0 and scale 0 are unknown or beyond decimal128's 38 digits; cast it to DECIMAL(38, s) in a query
            -7   | BIT     | 8  | 0 | BIT(8) is a bit string, not a boolean
            """)
    void unsupportedReasons(int code, String typeName, int precision, int scale, String reason) {
        assertThat(mapping.unsupportedReason(new JdbcColumn("c", 1, code, typeName, precision, scale, true)))
                .isEqualTo(reason);
    }
}

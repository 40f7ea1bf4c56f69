package io.flowforge.connector.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TemporalPrecision;
import io.flowforge.connector.arrow.LossyConversion;
import io.flowforge.connector.jdbc.ColumnMapping;
import io.flowforge.connector.jdbc.ColumnReader;
import io.flowforge.connector.jdbc.JdbcColumn;
import io.flowforge.connector.jdbc.ValueOutOfRangeException;
import java.sql.Types;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.junit.jupiter.api.Test;

/**
 * The default temporal mapping with no database: microseconds over the whole 0001..9999 range, so
 * the usual {@code 9999-12-31} and {@code 0001-01-01} sentinels read, and every value whose 7th
 * fractional digit is dropped is counted; {@code EXACT} (nanoseconds) is the opt-in.
 */
class SqlServerTemporalDefaultsTest {

    private record Read(List<Long> values, long truncated) {}

    private static Read read(SqlServerTypeMapping mapping, JdbcColumn c, ReadOptions o, Object... driverValues)
            throws Exception {
        ColumnMapping m = mapping.map(c, o).orElseThrow();
        try (RootAllocator allocator = new RootAllocator(); FieldVector v = m.field().createVector(allocator)) {
            v.allocateNew();
            ColumnReader.Bound reader = m.reader().bind(v, 1);
            FakeResultSet rs = new FakeResultSet();
            for (int i = 0; i < driverValues.length; i++) {
                reader.read(rs.at(driverValues[i]), i);
            }
            List<Long> out = new ArrayList<>();
            for (int i = 0; i < driverValues.length; i++) {
                out.add(v.isNull(i) ? null : v instanceof TimeMicroVector t ? t.get(i) : ((TimeStampVector) v).get(i));
            }
            long truncated = 0;
            if (reader instanceof ColumnReader.CountingBound counting) {
                assertThat(counting.conversion()).isEqualTo(LossyConversion.SUB_MICROSECOND_TRUNCATED);
                truncated = counting.count();
            }
            return new Read(out, truncated);
        }
    }

    private static JdbcColumn col(String type, int jdbcType, int precision, int scale) {
        return new JdbcColumn("valid_to", 1, jdbcType, type, precision, scale, true);
    }

    @Test
    void theDefaultIsMicroseconds() {
        assertThat(ReadOptions.defaults().temporalPrecision()).isEqualTo(TemporalPrecision.MICROSECONDS);
    }

    @Test
    void sentinelDatesReadByDefaultAndEveryDroppedSeventhDigitIsCounted() throws Exception {
        JdbcColumn dt7 = col("datetime2", Types.TIMESTAMP, 27, 7);
        Read r = read(new SqlServerTypeMapping(), dt7, ReadOptions.defaults(),
                LocalDateTime.parse("9999-12-31T00:00"), LocalDateTime.parse("0001-01-01T00:00"),
                LocalDateTime.parse("9999-12-31T23:59:59.9999999"), LocalDateTime.parse("2024-01-02T03:04:05.123456"),
                LocalDateTime.parse("1969-12-31T23:59:59.0000001"), null);
        assertThat(r.values()).containsExactly(253_402_214_400_000_000L, -62_135_596_800_000_000L,
                253_402_300_799_999_999L, 1_704_164_645_123_456L, -1_000_000L, null);
        // .9999999 and .0000001 lose their 7th digit (truncated toward the earlier instant); .123456 loses nothing.
        assertThat(r.truncated()).isEqualTo(2);
    }

    @Test
    void time7AndDatetimeoffset7AreCountedTheSameWay() throws Exception {
        Read time = read(new SqlServerTypeMapping(), col("time", Types.TIME, 16, 7), ReadOptions.defaults(),
                LocalTime.parse("23:59:59.9999999"), LocalTime.parse("12:00:00.5"), LocalTime.MIDNIGHT);
        assertThat(time.values()).containsExactly(86_399_999_999L, 43_200_500_000L, 0L);
        assertThat(time.truncated()).isEqualTo(1);
        JdbcColumn dto = col("datetimeoffset", microsoft.sql.Types.DATETIMEOFFSET, 34, 7);
        Read table = read(new SqlServerTypeMapping(), dto, ReadOptions.defaults(),
                LocalDateTime.parse("9999-12-31T09:59:59.9999999"), LocalDateTime.parse("0001-01-01T00:00:00.0000005"));
        assertThat(table.truncated()).isEqualTo(2);
        Read query = read(SqlServerTypeMapping.forQueryResults(), dto, ReadOptions.defaults(),
                OffsetDateTime.parse("2024-01-02T03:04:05.1234567+05:30"));
        assertThat(query.values()).containsExactly(1_704_144_845_123_456L);
        assertThat(query.truncated()).isEqualTo(1);
    }

    @Test
    void exactKeepsNanosecondsAndCountsNothing() throws Exception {
        ReadOptions exact = ReadOptions.defaults().withTemporalPrecision(TemporalPrecision.EXACT);
        Read r = read(new SqlServerTypeMapping(), col("datetime2", Types.TIMESTAMP, 27, 7), exact,
                LocalDateTime.parse("2024-01-02T03:04:05.1234567"));
        assertThat(r.values()).containsExactly(1_704_164_645_123_456_700L);
        assertThat(r.truncated()).isZero();
        assertThatThrownBy(() -> read(new SqlServerTypeMapping(), col("datetime2", Types.TIMESTAMP, 27, 7), exact,
                LocalDateTime.parse("9999-12-31T00:00")))
                .isInstanceOf(ValueOutOfRangeException.class)
                .hasMessageStartingWith("value 9999-12-31T00:00 of column 'valid_to' is outside the range of a nanosecond timestamp");
    }

    @Test
    void aQueryDatetimeoffsetBefore1583FailsInsteadOfComingBackShifted() {
        JdbcColumn dto = col("datetimeoffset", microsoft.sql.Types.DATETIMEOFFSET, 34, 7);
        // What mssql-jdbc returns for 1582-10-10T12:00Z (DriverTemporalDecodingTest): ten days late.
        assertThatThrownBy(() -> read(SqlServerTypeMapping.forQueryResults(), dto, ReadOptions.defaults(),
                OffsetDateTime.parse("1582-10-20T12:00Z")))
                .isInstanceOf(ValueOutOfRangeException.class)
                .hasMessage("value 1582-10-20T12:00Z of column 'valid_to' is before 1583-01-01, which mssql-jdbc decodes "
                        + "through the Julian calendar (1582-10-10 comes back as 1582-10-20); select CONVERT(datetime2(7), "
                        + "SWITCHOFFSET(col, '+00:00')) AS col in the query for the UTC time, or read the table with "
                        + "readTable, which does");
        // The driver's DateTimeException for a Julian-only leap day becomes the connector's error, not a raw escape.
        assertThatThrownBy(() -> read(SqlServerTypeMapping.forQueryResults(), dto, ReadOptions.defaults(),
                new DateTimeException("Invalid date 'February 29' as '1500' is not a leap year")))
                .isInstanceOf(ValueOutOfRangeException.class)
                .hasMessageStartingWith("value (undecodable) of column 'valid_to' could not be decoded by the driver "
                        + "(Invalid date 'February 29' as '1500' is not a leap year); is before 1583-01-01");
    }
}

package io.flowforge.connector.mysql;

import io.flowforge.connector.testkit.TypeCase;
import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** MySQL's and MariaDB's type table as the contract suite checks it on a live server: NULL, minimum and maximum per type. */
final class MariaDbTypeCases {

    private MariaDbTypeCases() {}

    // timestamp literals are UTC instants, whatever the test session's zone.
    private static String utc(String wallClock) {
        return "CONVERT_TZ('" + wallClock + "', '+00:00', @@session.time_zone)";
    }

    static final List<TypeCase> CASES = List.of(
            TypeCase.of("tinyint", new ArrowType.Int(16, true), "-128", "-128", "127", "127"),
            TypeCase.of("tinyint unsigned", new ArrowType.Int(16, true), "0", "0", "255", "255"),
            TypeCase.of("boolean", new ArrowType.Int(16, true), "-128", "-128", "127", "127"),
            TypeCase.of("smallint", new ArrowType.Int(16, true), "-32768", "-32768", "32767", "32767"),
            TypeCase.of("smallint unsigned", new ArrowType.Int(32, true), "0", "0", "65535", "65535"),
            TypeCase.of("mediumint", new ArrowType.Int(32, true), "-8388608", "-8388608", "8388607", "8388607"),
            TypeCase.of("mediumint unsigned", new ArrowType.Int(32, true), "0", "0", "16777215", "16777215"),
            TypeCase.of("int", new ArrowType.Int(32, true), "-2147483648", "-2147483648", "2147483647", "2147483647"),
            TypeCase.of("int unsigned", new ArrowType.Int(64, true), "0", "0", "4294967295", "4294967295"),
            TypeCase.of("bigint", new ArrowType.Int(64, true), "-9223372036854775808", "-9223372036854775808",
                    "9223372036854775807", "9223372036854775807"),
            TypeCase.of("bigint unsigned", new ArrowType.Decimal(20, 0, 128), "0", "0",
                    "18446744073709551615", "18446744073709551615"),
            TypeCase.of("decimal(38,10)", new ArrowType.Decimal(38, 10, 128),
                    "-9999999999999999999999999999.9999999999", "-9999999999999999999999999999.9999999999",
                    "9999999999999999999999999999.9999999999", "9999999999999999999999999999.9999999999"),
            TypeCase.of("decimal(10,2)", new ArrowType.Decimal(10, 2, 128), "-99999999.99", "-99999999.99",
                    "99999999.99", "99999999.99"),
            // FLT_MAX exactly: MariaDB's text protocol would print it as 3.40282e38 (6 digits).
            TypeCase.of("float", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE),
                    "-3.4028234663852886e38", "-3.4028235E38", "3.4028234663852886e38", "3.4028235E38"),
            TypeCase.of("double", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE),
                    "-1.7976931348623157e308", "-1.7976931348623157E308", "1.7976931348623157e308", "1.7976931348623157E308"),
            TypeCase.of("date", new ArrowType.Date(DateUnit.DAY), "'1000-01-01'", "1000-01-01", "'9999-12-31'", "9999-12-31"),
            TypeCase.of("datetime(6)", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null),
                    "'1000-01-01 00:00:00.000000'", "1000-01-01T00:00:00.000000",
                    "'9999-12-31 23:59:59.999999'", "9999-12-31T23:59:59.999999"),
            TypeCase.of("datetime", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null),
                    "'2024-02-29 12:34:56'", "2024-02-29T12:34:56.000000", "'9999-12-31 23:59:59'", "9999-12-31T23:59:59.000000"),
            TypeCase.of("timestamp(6) NULL", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"),
                    utc("1970-01-01 00:00:01.000000"), "1970-01-01T00:00:01.000000Z",
                    utc("2038-01-19 03:14:07.999999"), "2038-01-19T03:14:07.999999Z"),
            TypeCase.of("time(6)", new ArrowType.Time(TimeUnit.MICROSECOND, 64), "'00:00:00'", "00:00:00.000000",
                    "'23:59:59.999999'", "23:59:59.999999"),
            TypeCase.of("year", new ArrowType.Int(16, true), "1901", "1901", "2155", "2155"),
            TypeCase.of("bit(1)", ArrowType.Bool.INSTANCE, "b'0'", "false", "b'1'", "true"),
            TypeCase.of("bit(12)", new ArrowType.FixedSizeBinary(2), "b'0'", "0x0000", "b'111111111111'", "0x0fff"),
            TypeCase.of("bit(64)", new ArrowType.FixedSizeBinary(8), "b'0'", "0x0000000000000000",
                    "0xffffffffffffffff", "0xffffffffffffffff"),
            TypeCase.of("char(3)", ArrowType.Utf8.INSTANCE, "'a'", "a", "'zzz'", "zzz"),
            TypeCase.of("varchar(10)", ArrowType.Utf8.INSTANCE, "''", "", "'zzzzzzzzzz'", "zzzzzzzzzz"),
            TypeCase.of("longtext", ArrowType.Utf8.INSTANCE, "''", "", "REPEAT('z', 100000)", "z".repeat(100000)),
            TypeCase.of("enum('a','b')", ArrowType.Utf8.INSTANCE, "'a'", "a", "'b'", "b"),
            TypeCase.of("set('x','y')", ArrowType.Utf8.INSTANCE, "''", "", "'x,y'", "x,y"),
            TypeCase.of("json", ArrowType.Utf8.INSTANCE, "'[]'", "[]", "'{\"b\":1,  \"a\":[1,2]}'", "{\"b\":1,  \"a\":[1,2]}"),
            TypeCase.of("binary(2)", ArrowType.Binary.INSTANCE, "X''", "0x0000", "X'00ff'", "0x00ff"),
            TypeCase.of("varbinary(16)", ArrowType.Binary.INSTANCE, "X''", "0x", "X'00ff'", "0x00ff"),
            TypeCase.of("blob", ArrowType.Binary.INSTANCE, "X''", "0x", "X'00ff'", "0x00ff"),
            // MariaDB's own types, as their canonical text (lower-case hex, the shortest IPv6 form).
            new TypeCase("uuid", ArrowType.Utf8.INSTANCE, List.of("'00000000-0000-0000-0000-000000000000'",
                    "'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'", "'123E4567-E89B-12D3-A456-426614174000'"),
                    List.of("00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
                            "123e4567-e89b-12d3-a456-426614174000")),
            TypeCase.of("inet4", ArrowType.Utf8.INSTANCE, "'0.0.0.0'", "0.0.0.0", "'255.255.255.255'", "255.255.255.255"),
            new TypeCase("inet6", ArrowType.Utf8.INSTANCE, List.of("'::'", "'FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF'",
                    "'0:0:0:0:0:0:0:1'", "'::ffff:1.2.3.4'"),
                    List.of("::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::1", "::ffff:1.2.3.4")));
}

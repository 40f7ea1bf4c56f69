package io.flowforge.connector.postgresql;

import io.flowforge.connector.testkit.TypeCase;
import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** PostgreSQL's type table as the contract suite checks it on a live server: NULL, minimum and maximum per type. */
final class PostgreSqlTypeCases {

    private PostgreSqlTypeCases() {}

    static final List<TypeCase> CASES = List.of(
            TypeCase.of("boolean", ArrowType.Bool.INSTANCE, "false", "false", "true", "true"),
            TypeCase.of("bit(1)", ArrowType.Bool.INSTANCE, "B'0'", "false", "B'1'", "true"),
            TypeCase.of("smallint", new ArrowType.Int(16, true), "-32768", "-32768", "32767", "32767"),
            TypeCase.of("integer", new ArrowType.Int(32, true), "-2147483648", "-2147483648", "2147483647", "2147483647"),
            TypeCase.of("bigint", new ArrowType.Int(64, true), "-9223372036854775808", "-9223372036854775808",
                    "9223372036854775807", "9223372036854775807"),
            TypeCase.of("real", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE),
                    "'-3.4028235e38'", "-3.4028235E38", "'3.4028235e38'", "3.4028235E38"),
            TypeCase.of("double precision", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE),
                    "'-1.7976931348623157e308'", "-1.7976931348623157E308", "'1.7976931348623157e308'", "1.7976931348623157E308"),
            TypeCase.of("numeric(38,10)", new ArrowType.Decimal(38, 10, 128),
                    "-9999999999999999999999999999.9999999999", "-9999999999999999999999999999.9999999999",
                    "9999999999999999999999999999.9999999999", "9999999999999999999999999999.9999999999"),
            TypeCase.of("numeric(10,2)", new ArrowType.Decimal(10, 2, 128), "-99999999.99", "-99999999.99",
                    "99999999.99", "99999999.99"),
            // PostgreSQL 15 allows a scale above the precision (digits after the point only) and a
            // negative one (rounded to tens, hundreds, ...); Parquet needs 0 <= scale <= precision.
            TypeCase.of("numeric(3,5)", new ArrowType.Decimal(5, 5, 128), "-0.00999", "-0.00999", "0.00999", "0.00999"),
            TypeCase.of("numeric(1,38)", new ArrowType.Decimal(38, 38, 128), "-0.00000000000000000000000000000000000009",
                    "-0.00000000000000000000000000000000000009", "0.00000000000000000000000000000000000009",
                    "0.00000000000000000000000000000000000009"),
            TypeCase.of("numeric(5,-2)", new ArrowType.Decimal(7, 0, 128), "-9999949.99", "-9999900", "9999900", "9999900"),
            TypeCase.of("numeric(36,-2)", new ArrowType.Decimal(38, 0, 128), "-" + "9".repeat(36) + "00",
                    "-" + "9".repeat(36) + "00", "9".repeat(36) + "00", "9".repeat(36) + "00"),
            TypeCase.of("money", new ArrowType.Decimal(19, 2, 128), "'-92233720368547758.08'", "-92233720368547758.08",
                    "'92233720368547758.07'", "92233720368547758.07"),
            TypeCase.of("date", new ArrowType.Date(DateUnit.DAY), "'4713-01-01 BC'", "-4712-01-01",
                    "'5874897-12-31'", "+5874897-12-31"),
            TypeCase.of("time", new ArrowType.Time(TimeUnit.MICROSECOND, 64), "'00:00:00'", "00:00:00.000000",
                    "'23:59:59.999999'", "23:59:59.999999"),
            TypeCase.of("timestamp", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null),
                    "'4713-01-01 00:00:00 BC'", "-4712-01-01T00:00:00.000000",
                    "'294246-12-31 23:59:59.999999'", "+294246-12-31T23:59:59.999999"),
            TypeCase.of("timestamp(0)", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null),
                    "'2024-02-29 12:34:56'", "2024-02-29T12:34:56.000000",
                    "'9999-12-31 23:59:59'", "9999-12-31T23:59:59.000000"),
            TypeCase.of("timestamptz", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"),
                    "'4713-01-01 00:00:00+00 BC'", "-4712-01-01T00:00:00.000000Z",
                    "'2024-06-30 23:59:59.999999-08:00'", "2024-07-01T07:59:59.999999Z"),
            TypeCase.of("interval", ArrowType.Utf8.INSTANCE, "'-178000000 years'", "P-178000000Y",
                    "'1 year 2 mons 3 days 04:05:06.789'", "P1Y2M3DT4H5M6.789S"),
            TypeCase.of("uuid", new ArrowType.FixedSizeBinary(16), "'00000000-0000-0000-0000-000000000000'",
                    "00000000-0000-0000-0000-000000000000", "'ffffffff-ffff-ffff-ffff-ffffffffffff'",
                    "ffffffff-ffff-ffff-ffff-ffffffffffff"),
            TypeCase.of("jsonb", ArrowType.Utf8.INSTANCE, "'[]'", "[]", "'{\"b\":1,  \"a\":[1,2]}'", "{\"a\": [1, 2], \"b\": 1}"),
            TypeCase.of("json", ArrowType.Utf8.INSTANCE, "'[]'", "[]", "'{\"b\":1,  \"a\":[1,2]}'", "{\"b\":1,  \"a\":[1,2]}"),
            TypeCase.of("text", ArrowType.Utf8.INSTANCE, "''", "", "repeat('z', 100000)", "z".repeat(100000)),
            TypeCase.of("varchar(10)", ArrowType.Utf8.INSTANCE, "''", "", "'zzzzzzzzzz'", "zzzzzzzzzz"),
            TypeCase.of("char(3)", ArrowType.Utf8.INSTANCE, "'a'", "a  ", "'zzz'", "zzz"),
            TypeCase.of("bytea", ArrowType.Binary.INSTANCE, "'\\x'", "0x", "'\\x00ff'", "0x00ff"),
            TypeCase.of("xml", ArrowType.Utf8.INSTANCE, "'<a/>'", "<a/>", "'<a b=\"1\">t</a>'", "<a b=\"1\">t</a>"),
            TypeCase.of("inet", ArrowType.Utf8.INSTANCE, "'0.0.0.0/0'", "0.0.0.0/0", "'ffff::1'", "ffff::1"));
}

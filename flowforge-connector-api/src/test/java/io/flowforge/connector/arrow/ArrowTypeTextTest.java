package io.flowforge.connector.arrow;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;

class ArrowTypeTextTest {

    private static Field field(ArrowType type) {
        return Field.nullable("c", type);
    }

    private static void spelled(ArrowType type, String readme, String pyarrow) {
        assertThat(ArrowTypeText.of(field(type))).as(type.toString()).isEqualTo(readme);
        assertThat(ArrowTypeText.pyarrow(field(type))).as(type.toString()).isEqualTo(pyarrow);
    }

    @Test
    void theReadmeSpellingAndPyarrowsDifferOnlyWhereTheyShould() {
        spelled(new ArrowType.Int(32, true), "int32", "int32");
        spelled(new ArrowType.Int(8, false), "uint8", "uint8");
        spelled(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), "float64", "float64");
        spelled(new ArrowType.Decimal(15, 2, 128), "decimal128(15,2)", "decimal128(15, 2)");
        spelled(new ArrowType.Date(DateUnit.DAY), "date32", "date32[day]");
        spelled(new ArrowType.Date(DateUnit.MILLISECOND), "date64", "date64[ms]");
        spelled(new ArrowType.Time(TimeUnit.MICROSECOND, 64), "time64[us]", "time64[us]");
        spelled(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"), "timestamp[us, tz=UTC]", "timestamp[us, tz=UTC]");
        spelled(new ArrowType.Timestamp(TimeUnit.NANOSECOND, null), "timestamp[ns]", "timestamp[ns]");
        spelled(ArrowType.Utf8.INSTANCE, "utf8", "string");
        spelled(ArrowType.LargeUtf8.INSTANCE, "large_utf8", "large_string");
        spelled(ArrowType.Binary.INSTANCE, "binary", "binary");
        spelled(new ArrowType.FixedSizeBinary(8), "fixed_size_binary(8)", "fixed_size_binary[8]");
        spelled(ArrowType.Bool.INSTANCE, "bool", "bool");
        spelled(new ArrowType.Duration(TimeUnit.MILLISECOND), "duration[ms]", "duration[ms]");
    }

    @Test
    void aUuidFieldIsUuidInBothSpellings() {
        Field uuid = new Field("u", new FieldType(true, new ArrowType.FixedSizeBinary(16), null, ArrowUuid.FIELD_METADATA), null);
        assertThat(ArrowTypeText.of(uuid)).isEqualTo("uuid");
        assertThat(ArrowTypeText.pyarrow(uuid)).isEqualTo("uuid");
        assertThat(ArrowTypeText.of(field(new ArrowType.FixedSizeBinary(16)))).isEqualTo("fixed_size_binary(16)");
    }
}

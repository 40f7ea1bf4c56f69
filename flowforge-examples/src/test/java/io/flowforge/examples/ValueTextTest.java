package io.flowforge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One canonical text per type, whatever the value: the same number of fractional digits on every row of a column. */
class ValueTextTest {

    private final BufferAllocator allocator = new RootAllocator();
    private final ValueText plain = new ValueText(Map.of());

    @AfterEach
    void close() {
        allocator.close();
    }

    private static long micros(String isoUtc) {
        java.time.Instant i = java.time.LocalDateTime.parse(isoUtc).toInstant(java.time.ZoneOffset.UTC);
        return i.getEpochSecond() * 1_000_000 + i.getNano() / 1_000;
    }

    @Test
    void aTimestampColumnShowsItsPrecisionsDigitsOnEveryRowEvenWhenTheSecondsAreZero() {
        try (TimeStampMicroVector v = new TimeStampMicroVector("t", allocator)) {
            v.allocateNew(4);
            v.set(0, micros("2010-06-14T02:47:00"));
            v.set(1, micros("2011-07-17T15:00:20.5"));
            v.set(2, micros("1969-12-31T23:59:59.999999"));
            v.setNull(3);
            v.setValueCount(4);
            // LocalDateTime.toString() gave 2010-06-14T02:47 beside 2011-07-17T15:00:20.500: two forms in one column.
            assertThat(texts(plain, v)).containsExactly("2010-06-14T02:47:00.000000", "2011-07-17T15:00:20.500000",
                    "1969-12-31T23:59:59.999999", "NULL");
            ValueText declared3 = new ValueText(Map.of("t", 3));
            // A value with more digits than declared shows them all: the text never hides part of a value.
            assertThat(texts(declared3, v)).containsExactly("2010-06-14T02:47:00.000", "2011-07-17T15:00:20.500",
                    "1969-12-31T23:59:59.999999", "NULL");
            assertThat(texts(new ValueText(Map.of("t", 0)), v).get(0)).isEqualTo("2010-06-14T02:47:00");
        }
    }

    @Test
    void zonedTimestampsCarryTheirOffsetAndMillisecondUnitsThreeDigits() {
        try (TimeStampMicroTZVector utc = new TimeStampMicroTZVector("u", allocator, "UTC");
                TimeStampMicroTZVector paris = new TimeStampMicroTZVector("p", allocator, "Europe/Paris");
                TimeStampMilliVector ms = new TimeStampMilliVector("m", allocator)) {
            utc.allocateNew(1);
            utc.set(0, micros("2024-03-31T00:30:00"));
            utc.setValueCount(1);
            paris.allocateNew(1);
            paris.set(0, micros("2024-03-31T00:30:00"));
            paris.setValueCount(1);
            ms.allocateNew(1);
            ms.set(0, micros("2024-01-01T00:00:00") / 1000);
            ms.setValueCount(1);
            assertThat(plain.text(utc, 0)).isEqualTo("2024-03-31T00:30:00.000000Z");
            assertThat(plain.text(paris, 0)).isEqualTo("2024-03-31T01:30:00.000000+01:00");
            assertThat(plain.text(ms, 0)).isEqualTo("2024-01-01T00:00:00.000");
        }
    }

    @Test
    void datesTimesDecimalsUuidsAndBinaries() {
        Field uuidField = new Field("id", new FieldType(true, new ArrowType.FixedSizeBinary(16), null,
                Map.of("ARROW:extension:name", "arrow.uuid")), null);
        try (DateDayVector d = new DateDayVector("d", allocator);
                TimeMicroVector t = new TimeMicroVector("t", allocator);
                DecimalVector dec = new DecimalVector("n", allocator, 20, 10);
                FixedSizeBinaryVector uuid = (FixedSizeBinaryVector) uuidField.createVector(allocator);
                VarBinaryVector bin = new VarBinaryVector("b", allocator)) {
            d.allocateNew(1);
            d.set(0, (int) java.time.LocalDate.parse("0099-01-01").toEpochDay());
            d.setValueCount(1);
            t.allocateNew(2);
            t.set(0, 86_400_000_000L);    // 24:00:00, which PostgreSQL allows
            t.set(1, 3_723_000_004L);
            t.setValueCount(2);
            dec.allocateNew(2);
            dec.set(0, BigDecimal.ZERO.setScale(10));
            dec.set(1, new BigDecimal("-12345.0000000001"));
            dec.setValueCount(2);
            UUID u = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
            uuid.allocateNew(1);
            uuid.set(0, ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array());
            uuid.setValueCount(1);
            bin.allocateNew(1);
            bin.set(0, new byte[] {0, (byte) 0xAB, 0x7f});
            bin.setValueCount(1);
            assertThat(plain.text(d, 0)).isEqualTo("0099-01-01");
            assertThat(texts(plain, t)).containsExactly("24:00:00.000000", "01:02:03.000004");
            // BigDecimal.toString() printed 0E-10 for a zero at scale 10.
            assertThat(texts(plain, dec)).containsExactly("0.0000000000", "-12345.0000000001");
            assertThat(plain.text(uuid, 0)).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
            assertThat(plain.text(bin, 0)).isEqualTo("0x00ab7f");
        }
    }

    @Test
    void theTextNullIsQuotedSoItNeverReadsAsANullValue() {
        try (VarCharVector v = new VarCharVector("s", allocator)) {
            String[] values = {"NULL", null, "", " padded", "tab\there", "\"quoted\"", "plain text", "Zoë 李"};
            v.allocateNew(values.length);
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    v.setNull(i);
                } else {
                    v.setSafe(i, values[i].getBytes(StandardCharsets.UTF_8));
                }
            }
            v.setValueCount(values.length);
            assertThat(texts(plain, v)).containsExactly("\"NULL\"", "NULL", "\"\"", "\" padded\"", "\"tab\\there\"",
                    "\"\\\"quoted\\\"\"", "plain text", "Zoë 李");
            assertThat(plain.json(v, 0)).isEqualTo("NULL");
            assertThat(plain.json(v, 1)).isNull();
        }
    }

    private static java.util.List<String> texts(ValueText values, FieldVector v) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < v.getValueCount(); i++) {
            out.add(values.text(v, i));
        }
        return out;
    }
}

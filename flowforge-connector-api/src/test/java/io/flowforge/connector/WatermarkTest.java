package io.flowforge.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WatermarkTest {

    @Test
    void keepsDatetime2SevenDigits() {
        LocalDateTime t = LocalDateTime.parse("2024-01-02T03:04:05.1234567");
        Watermark w = Watermark.ofTimestamp(t);
        assertThat(w.value()).isEqualTo("2024-01-02T03:04:05.123456700");
        assertThat(w.toJavaValue()).isEqualTo(t);
    }

    @Test
    void keepsOffsets() {
        OffsetDateTime t = OffsetDateTime.parse("2024-01-02T03:04:05.1234567+05:30");
        assertThat(Watermark.ofTimestampTz(t).toJavaValue()).isEqualTo(t);
    }

    @Test
    void integersBeyondLongStayExact() {
        BigInteger big = new BigInteger("18446744073709551615");
        assertThat(Watermark.ofInteger(big).toJavaValue()).isEqualTo(big);
        assertThat(Watermark.ofLong(42).toJavaValue()).isEqualTo(42L);
        assertThat(Watermark.ofDecimal(new BigDecimal("1.2300")).value()).isEqualTo("1.2300");
    }

    @Test
    void rowversionIsSixteenHexDigits() {
        Watermark w = Watermark.ofRowversion(new byte[] {0, 0, 0, 0, 0, 0, 0x07, (byte) 0xD1});
        assertThat(w.value()).isEqualTo("00000000000007d1");
        assertThat((byte[]) w.toJavaValue()).hasSize(8);
    }

    @Test
    void rejectsValuesThatDoNotParse() {
        assertThatThrownBy(() -> new Watermark(Watermark.Type.DATE, "2024-13-01"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'2024-13-01' is not a valid DATE watermark");
    }

    @Test
    void emptyWindowKeepsThePreviousPosition() {
        TableId t = TableId.of("dbo", "customers");
        Watermark last = Watermark.ofLong(10);
        IncrementalWindow w = new IncrementalWindow(t, "id", Watermark.Type.INTEGER, Optional.of(last), false,
                Optional.empty(), false);
        assertThat(w.isEmpty()).isTrue();
        assertThat(w.nextPosition()).contains(new WatermarkPosition(last, true));
    }

    @Test
    void tableIdParsing() {
        assertThat(TableId.parse("dbo.customers")).isEqualTo(TableId.of("dbo", "customers"));
        assertThat(TableId.parse("customers").schema()).isNull();
        assertThatThrownBy(() -> TableId.parse("a.b.c")).hasMessageContaining("more than one dot");
    }
}

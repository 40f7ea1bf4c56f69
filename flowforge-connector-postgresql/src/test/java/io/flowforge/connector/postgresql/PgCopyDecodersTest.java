package io.flowforge.connector.postgresql;

import io.flowforge.connector.jdbc.IntervalText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DecimalVector;
import org.junit.jupiter.api.Test;

/** Binary COPY decoding with no database: PostgreSQL's numeric format and interval parts. */
class PgCopyDecodersTest {

    @Test
    void numericsDecodeExactlyOnTheLongAndTheBigDecimalPaths() throws Exception {
        assertThat(decode("1234567890123.45", 15, 2)).isEqualTo("1234567890123.45");
        assertThat(decode("-0.01", 15, 2)).isEqualTo("-0.01");
        assertThat(decode("0", 15, 2)).isEqualTo("0.00");
        assertThat(decode("100000000000000000", 18, 0)).isEqualTo("100000000000000000");
        assertThat(decode("0.00001", 5, 5)).isEqualTo("0.00001");
        assertThat(decode("-9999999999999999999999999999.9999999999", 38, 10))
                .isEqualTo("-9999999999999999999999999999.9999999999");
        assertThat(decode("12.5", 38, 10)).isEqualTo("12.5000000000");
    }

    @Test
    void numericsThatDoNotFitFailWithTheJdbcPathsMessages() {
        assertThatThrownBy(() -> decode("1.005", 10, 2))
                .hasMessage("value 1.005 of column 'n' has more than 2 fractional digits");
        assertThatThrownBy(() -> decode("1000.5", 5, 2))
                .hasMessage("value 1000.5 of column 'n' does not fit decimal(5,2)");
        assertThatThrownBy(() -> decode("123456789012345678901234567890", 20, 0))
                .hasMessage("value 123456789012345678901234567890 of column 'n' does not fit decimal(20,0)");
        assertThatThrownBy(() -> decodeBytes(special(0xC000), 10, 2))
                .hasMessage("value NaN of column 'n' has no decimal128 value (PostgreSQL's numeric also holds NaN and "
                        + "±Infinity); replace it in a query (e.g. NULLIF(col, 'NaN'))");
        assertThatThrownBy(() -> decodeBytes(special(0xD000), 10, 2))
                .hasMessage("value Infinity of column 'n' has no decimal128 value (PostgreSQL's numeric also holds NaN and "
                        + "±Infinity); replace it in a query (e.g. NULLIF(col, 'Infinity'))");
    }

    @Test
    void intervalPartsGiveTheJdbcPathsIsoText() {
        assertThat(IntervalText.iso(14, 3, 14_706_789_000L)).isEqualTo("P1Y2M3DT4H5M6.789S");
        assertThat(IntervalText.iso(-14, -3, -14_706_789_000L)).isEqualTo("P-1Y-2M-3DT-4H-5M-6.789S");
        assertThat(IntervalText.iso(1, -2, 0)).isEqualTo("P1M-2D");
        assertThat(IntervalText.iso(0, 0, -1)).isEqualTo("PT-0.000001S");
        assertThat(IntervalText.iso(0, 0, 0)).isEqualTo("PT0S");
    }

    private static String decode(String value, int precision, int scale) throws Exception {
        return decodeBytes(numeric(new BigDecimal(value)), precision, scale);
    }

    private static String decodeBytes(byte[] field, int precision, int scale) throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                DecimalVector v = new DecimalVector("n", allocator, precision, scale)) {
            v.allocateNew();
            // Preceded by another field, so offsets other than 0 are exercised.
            byte[] buffer = new byte[field.length + 3];
            System.arraycopy(field, 0, buffer, 3, field.length);
            new PgNumericDecoder(v).decode(buffer, 3, field.length, 0);
            v.setValueCount(1);
            return v.getObject(0).toPlainString();
        }
    }

    /** PostgreSQL's numeric_send: base-10000 digits aligned on the decimal point, zero groups trimmed. */
    static byte[] numeric(BigDecimal x) throws IOException {
        String plain = x.abs().toPlainString();
        int dot = plain.indexOf('.');
        String intPart = dot < 0 ? plain : plain.substring(0, dot);
        String fracPart = dot < 0 ? "" : plain.substring(dot + 1);
        intPart = "0".repeat((4 - intPart.length() % 4) % 4) + intPart;
        fracPart = fracPart + "0".repeat((4 - fracPart.length() % 4) % 4);
        List<Integer> groups = new ArrayList<>();
        String all = intPart + fracPart;
        for (int i = 0; i < all.length(); i += 4) {
            groups.add(Integer.parseInt(all.substring(i, i + 4)));
        }
        int weight = intPart.length() / 4 - 1;
        while (!groups.isEmpty() && groups.get(0) == 0) {
            groups.remove(0);
            weight--;
        }
        while (!groups.isEmpty() && groups.get(groups.size() - 1) == 0) {
            groups.remove(groups.size() - 1);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeShort(groups.size());
        out.writeShort(groups.isEmpty() ? 0 : weight);
        out.writeShort(x.signum() < 0 ? 0x4000 : 0);
        out.writeShort(Math.max(0, x.scale()));
        for (int g : groups) {
            out.writeShort(g);
        }
        return bytes.toByteArray();
    }

    private static byte[] special(int sign) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeShort(0);
        out.writeShort(0);
        out.writeShort(sign);
        out.writeShort(0);
        return bytes.toByteArray();
    }
}

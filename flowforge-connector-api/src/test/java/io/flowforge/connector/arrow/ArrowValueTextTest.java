package io.flowforge.connector.arrow;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.TimeStampSecVector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.Test;

/** The owner's own cases; the CLI's ValueTextTest covers the common types through it. */
class ArrowValueTextTest {

    @Test
    void nullIsNullAndEveryUnitShowsItsOwnDigits() {
        try (BufferAllocator a = new RootAllocator();
                TimeStampSecVector ts = new TimeStampSecVector("ts", a);
                TimeSecVector t = new TimeSecVector("t", a);
                TimeStampNanoVector ns = new TimeStampNanoVector("ns", a)) {
            ts.setSafe(0, 86_400 + 61);
            ts.setNull(1);
            t.setSafe(0, 3_723);
            ns.setSafe(0, 1_500_000_001L);
            ts.setValueCount(2);
            t.setValueCount(1);
            ns.setValueCount(1);
            assertThat(ArrowValueText.text(ts, 0)).isEqualTo("1970-01-02T00:01:01");
            assertThat(ArrowValueText.text(ts, 1)).isNull();
            assertThat(ArrowValueText.text(t, 0)).isEqualTo("01:02:03");
            assertThat(ArrowValueText.text(ns, 0)).isEqualTo("1970-01-01T00:00:01.500000001");
            // Declared 3 digits, but the value has more: all of them, never a silent cut.
            assertThat(ArrowValueText.text(ns, 0, 3)).isEqualTo("1970-01-01T00:00:01.500000001");
        }
    }

    @Test
    void largeBinariesAreHexMillisecondDatesAreDaysStringsAreAsTheyAre() {
        try (BufferAllocator a = new RootAllocator();
                LargeVarBinaryVector b = new LargeVarBinaryVector("b", a);
                DateMilliVector d = new DateMilliVector("d", a);
                VarCharVector s = new VarCharVector("s", a)) {
            b.setSafe(0, new byte[] {0, (byte) 0xab});
            d.setSafe(0, -86_400_000L);
            s.setSafe(0, "NULL".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            b.setValueCount(1);
            d.setValueCount(1);
            s.setValueCount(1);
            assertThat(ArrowValueText.text(b, 0)).isEqualTo("0x00ab");
            assertThat(ArrowValueText.text(d, 0)).isEqualTo("1969-12-31");
            assertThat(ArrowValueText.text(s, 0)).isEqualTo("NULL");
        }
    }
}

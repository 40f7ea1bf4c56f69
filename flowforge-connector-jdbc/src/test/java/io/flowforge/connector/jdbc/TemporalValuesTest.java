package io.flowforge.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.apache.arrow.vector.types.TimeUnit;
import org.junit.jupiter.api.Test;

class TemporalValuesTest {

    private static long nanos(String instant) throws ValueOutOfRangeException {
        Instant i = Instant.parse(instant);
        return TemporalValues.toEpoch(i.getEpochSecond(), i.getNano(), TimeUnit.NANOSECOND, "ts", i);
    }

    @Test
    void nanosecondRangeIsUsedToBothEnds() throws Exception {
        assertThat(nanos("1677-09-21T00:12:43.145224192Z")).isEqualTo(Long.MIN_VALUE);
        assertThat(nanos("2262-04-11T23:47:16.854775807Z")).isEqualTo(Long.MAX_VALUE);
        assertThat(nanos("1969-12-31T23:59:59.999999999Z")).isEqualTo(-1L);
        assertThat(nanos("1970-01-01T00:00:00.000000001Z")).isEqualTo(1L);
    }

    @Test
    void oneNanosecondBeyondEitherEndFails() {
        assertThatThrownBy(() -> nanos("1677-09-21T00:12:43.145224191Z"))
                .isInstanceOf(ValueOutOfRangeException.class)
                .hasMessageStartingWith("value 1677-09-21T00:12:43.145224191Z of column 'ts' is outside the range");
        assertThatThrownBy(() -> nanos("2262-04-11T23:47:16.854775808Z")).isInstanceOf(ValueOutOfRangeException.class);
    }

    @Test
    void microsecondsBeforeEpochFloorTowardsThePast() throws Exception {
        Instant i = Instant.parse("0001-01-01T00:00:00.000001Z");
        assertThat(TemporalValues.toEpoch(i.getEpochSecond(), i.getNano(), TimeUnit.MICROSECOND, "ts", i))
                .isEqualTo(i.getEpochSecond() * 1_000_000L + 1);
    }
}

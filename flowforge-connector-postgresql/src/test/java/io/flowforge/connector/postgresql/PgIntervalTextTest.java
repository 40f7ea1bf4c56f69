package io.flowforge.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** PostgreSQL's interval text, as psql shows it for each value, against the ISO text COPY's parts give. */
class PgIntervalTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "00:00:00 | PT0S",
        "1 year 2 mons 3 days 04:05:06.789 | P1Y2M3DT4H5M6.789S",
        "-1 years -2 mons -3 days -04:05:06.789 | P-1Y-2M-3DT-4H-5M-6.789S",
        "1 mon -2 days | P1M-2D",
        "-178000000 years | P-178000000Y",
        "2147483648:00:00 | PT2147483648H",
        "-2562047787:59:59.999999 | PT-2562047787H-59M-59.999999S",
        "10 mons 3 days 2562047787:59:59.999999 | P10M3DT2562047787H59M59.999999S",
        "-178000000 years -2147483649:00:00.000001 | P-178000000YT-2147483649H-0.000001S",
        "99:59:59.000001 | PT99H59M59.000001S",
        "1 day | P1D",
    })
    void postgresStyleGivesTheCopyPathsText(String text, String iso) {
        assertThat(PgIntervalText.iso(text.getBytes(StandardCharsets.US_ASCII))).isEqualTo(iso);
    }

    @ParameterizedTest
    @ValueSource(strings = {"P1Y2M", "@ 1 year ago", "1-2", "+1-2 +3 +4:05:06", "1 year 2", "1 week", "12:00",
        "1 day 01:00:00 02:00:00", "", "1:2:3"})
    void otherStylesAreLeftToPgjdbc(String text) {
        assertThat(PgIntervalText.iso(text.getBytes(StandardCharsets.US_ASCII))).as(text).isNull();
    }
}

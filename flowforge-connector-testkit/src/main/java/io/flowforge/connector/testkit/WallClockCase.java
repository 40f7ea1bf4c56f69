package io.flowforge.connector.testkit;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * One temporal column type with values at America/New_York's daylight-saving edges, where a value
 * routed through a JVM zone with daylight saving moves: the gap of 2021-03-14 (02:00..03:00 does
 * not exist there) and the repeated hour of 2021-11-07 (01:00..02:00 happens twice). Literals are
 * in ascending order; {@code expected} is each one as {@link ArrowValues#render} shows it.
 * {@code deltaColumn} says whether incremental windows can run on the type.
 */
public record WallClockCase(String sqlType, ArrowType arrowType, List<String> literals, List<String> expected,
        boolean deltaColumn) {

    /** Wall clocks around the gap and in the repeated hour. */
    static final List<String> WALL_CLOCKS = List.of("2021-03-14 01:59:59.999999", "2021-03-14 02:00:00",
            "2021-03-14 02:30:00.123456", "2021-03-14 03:00:00", "2021-11-07 01:00:00", "2021-11-07 01:30:00",
            "2021-11-07 01:59:59.999999", "2021-11-07 02:00:00");
    /** UTC instants at New York's edges: 01:59:59.999999 EST, 03:00 EDT, 01:30 EDT, 01:00 and 01:30 EST. */
    static final List<String> INSTANTS = List.of("2021-03-14 02:30:00", "2021-03-14 06:59:59.999999",
            "2021-03-14 07:00:00", "2021-03-14 07:30:00.123456", "2021-11-07 05:30:00", "2021-11-07 06:00:00",
            "2021-11-07 06:30:00");
    static final List<String> DATES = List.of("2021-03-13", "2021-03-14", "2021-11-07", "2021-11-08");
    static final List<String> TIMES = List.of("00:00:00", "01:30:00", "02:30:00.123456", "23:59:59.999999");

    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss[.SSSSSS]");

    public WallClockCase {
        requireNonNull(sqlType, "sqlType is null");
        requireNonNull(arrowType, "arrowType is null");
        literals = List.copyOf(literals);
        expected = List.copyOf(expected);
        if (literals.size() != expected.size()) {
            throw new IllegalArgumentException(sqlType + ": literals and expected values differ in number");
        }
    }

    /**
     * A timestamp without time zone: {@code literal} formats each wall clock ({@code %s}, e.g.
     * {@code TIMESTAMP '%s'}), cut to {@code digits} fractional digits.
     */
    public static WallClockCase wallClock(String sqlType, ArrowType.Timestamp arrowType, String literal, int digits) {
        return timestamps(sqlType, arrowType, literal, digits, WALL_CLOCKS, "");
    }

    /**
     * A timestamp holding an instant: {@code literal} formats each UTC wall clock ({@code %s}, e.g.
     * {@code TIMESTAMP WITH TIME ZONE '%s+00'}); read back as UTC.
     */
    public static WallClockCase instant(String sqlType, ArrowType.Timestamp arrowType, String literal, int digits) {
        return timestamps(sqlType, arrowType, literal, digits, INSTANTS, "Z");
    }

    public static WallClockCase date(String sqlType, ArrowType arrowType, String literal) {
        return new WallClockCase(sqlType, arrowType, DATES.stream().map(d -> literal.formatted(d)).toList(),
                DATES.stream().map(d -> LocalDate.parse(d).toString()).toList(), true);
    }

    /** A time of day (no delta column): the same clock readings, which a zone must not move either. */
    public static WallClockCase time(String sqlType, ArrowType arrowType, String literal, int digits) {
        List<LocalTime> times = TIMES.stream().map(t -> cut(LocalTime.parse(t), digits)).toList();
        DateTimeFormatter rendered = DateTimeFormatter.ofPattern(clock(((ArrowType.Time) arrowType).getUnit()));
        return new WallClockCase(sqlType, arrowType, times.stream().map(t -> literal.formatted(t.toString())).toList(),
                times.stream().map(t -> t.format(rendered)).toList(), false);
    }

    private static WallClockCase timestamps(String sqlType, ArrowType.Timestamp arrowType, String literal, int digits,
            List<String> values, String suffix) {
        DateTimeFormatter rendered = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'" + clock(arrowType.getUnit()));
        List<LocalDateTime> clocks = values.stream().map(v -> LocalDateTime.parse(v, TEXT))
                .map(t -> t.withNano(cut(t.toLocalTime(), Math.min(digits, digitsOf(arrowType.getUnit()))).getNano()))
                .toList();
        return new WallClockCase(sqlType, arrowType,
                clocks.stream().map(t -> literal.formatted(t.format(TEXT))).toList(),
                clocks.stream().map(t -> t.format(rendered) + suffix).toList(), true);
    }

    /** A clock reading as ArrowValues shows it: every fractional digit of the unit. */
    private static String clock(TimeUnit unit) {
        return switch (unit) {
            case SECOND -> "HH:mm:ss";
            case MILLISECOND -> "HH:mm:ss.SSS";
            case MICROSECOND -> "HH:mm:ss.SSSSSS";
            case NANOSECOND -> "HH:mm:ss.SSSSSSSSS";
        };
    }

    private static int digitsOf(TimeUnit unit) {
        return switch (unit) {
            case SECOND -> 0;
            case MILLISECOND -> 3;
            case MICROSECOND -> 6;
            case NANOSECOND -> 9;
        };
    }

    private static LocalTime cut(LocalTime t, int digits) {
        long unit = (long) Math.pow(10, 9 - digits);
        return t.withNano((int) (t.getNano() / unit * unit));
    }
}

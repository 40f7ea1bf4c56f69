package io.flowforge.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Classifies every difference between two {@link SourceSchema}s (see {@link SchemaChange.Kind}). */
final class SchemaDiff {

    private static final Pattern INT = Pattern.compile("Int\\((\\d+), (true|false)\\)");
    private static final Pattern DECIMAL = Pattern.compile("Decimal\\((\\d+), (-?\\d+), (\\d+)\\)");
    private static final Pattern TIMESTAMP = Pattern.compile("Timestamp\\((\\w+), (.*)\\)");
    private static final Pattern TIME = Pattern.compile("Time\\((\\w+), (\\d+)\\)");
    private static final List<String> UNITS = List.of("SECOND", "MILLISECOND", "MICROSECOND", "NANOSECOND");

    private SchemaDiff() {}

    static List<SchemaChange> compare(SourceSchema before, SourceSchema after) {
        List<SchemaChange> out = new ArrayList<>();
        for (SourceSchema.Column b : before.columns()) {
            if (after.column(b.name()).isEmpty()) {
                out.add(new SchemaChange(SchemaChange.Kind.DROPPED, b.name(), describe(b), null));
            }
        }
        for (SourceSchema.Column a : after.columns()) {
            var b = before.column(a.name());
            if (b.isEmpty()) {
                out.add(new SchemaChange(SchemaChange.Kind.ADDED, a.name(), null, describe(a)));
                continue;
            }
            SourceSchema.Column old = b.get();
            if (!old.arrowType().equals(a.arrowType())) {
                out.add(new SchemaChange(widens(old.arrowType(), a.arrowType()) ? SchemaChange.Kind.WIDENED
                        : SchemaChange.Kind.NARROWED_OR_INCOMPATIBLE, a.name(), describe(old), describe(a)));
            } else if (!old.sourceType().equals(a.sourceType())) {
                out.add(new SchemaChange(SchemaChange.Kind.SOURCE_TYPE_CHANGED, a.name(), old.sourceType(), a.sourceType()));
            }
            if (old.nullable() != a.nullable()) {
                out.add(new SchemaChange(SchemaChange.Kind.NULLABILITY_CHANGED, a.name(),
                        old.nullable() ? "NULL" : "NOT NULL", a.nullable() ? "NULL" : "NOT NULL"));
            }
        }
        if (!before.primaryKey().equals(after.primaryKey())) {
            out.add(new SchemaChange(SchemaChange.Kind.KEY_CHANGED, "(primary key)", before.primaryKey().toString(),
                    after.primaryKey().toString()));
        }
        if (!before.deltaColumn().equals(after.deltaColumn())) {
            boolean both = before.deltaColumn().isPresent() && after.deltaColumn().isPresent();
            out.add(new SchemaChange(both ? SchemaChange.Kind.DELTA_COLUMN_CHANGED : SchemaChange.Kind.DELTA_COLUMN_SET_OR_CLEARED,
                    "(delta column)", before.deltaColumn().orElse("none"), after.deltaColumn().orElse("none")));
        } else if (after.deltaColumn().isPresent()) {
            String d = after.deltaColumn().get();
            var b = before.column(d);
            var a = after.column(d);
            if (a.isEmpty() || (b.isPresent() && !b.get().arrowType().equals(a.get().arrowType()))) {
                out.add(new SchemaChange(SchemaChange.Kind.DELTA_COLUMN_CHANGED, d, b.map(SchemaDiff::describe).orElse("none"),
                        a.map(SchemaDiff::describe).orElse("dropped")));
            }
        }
        return out;
    }

    private static String describe(SourceSchema.Column c) {
        return c.sourceType() + " as " + c.arrowType();
    }

    /** Whether every value of Arrow type {@code from} is exactly a value of {@code to}. */
    static boolean widens(String from, String to) {
        Matcher a = INT.matcher(from);
        Matcher b = INT.matcher(to);
        if (a.matches() && b.matches()) {
            int fb = Integer.parseInt(a.group(1));
            int tb = Integer.parseInt(b.group(1));
            boolean fs = Boolean.parseBoolean(a.group(2));
            boolean ts = Boolean.parseBoolean(b.group(2));
            return (fs == ts && tb > fb) || (!fs && ts && tb > fb);
        }
        a = DECIMAL.matcher(from);
        b = DECIMAL.matcher(to);
        if (a.matches() && b.matches()) {
            int fp = Integer.parseInt(a.group(1));
            int fsc = Integer.parseInt(a.group(2));
            int tp = Integer.parseInt(b.group(1));
            int tsc = Integer.parseInt(b.group(2));
            return tsc >= fsc && tp - tsc >= fp - fsc;
        }
        if (from.startsWith("FloatingPoint(HALF)") || from.startsWith("FloatingPoint(SINGLE)")) {
            return to.startsWith("FloatingPoint(DOUBLE)") || (from.startsWith("FloatingPoint(HALF)") && to.startsWith("FloatingPoint(SINGLE)"));
        }
        a = TIMESTAMP.matcher(from);
        b = TIMESTAMP.matcher(to);
        if (a.matches() && b.matches()) {
            return a.group(2).equals(b.group(2)) && UNITS.indexOf(b.group(1)) > UNITS.indexOf(a.group(1));
        }
        a = TIME.matcher(from);
        b = TIME.matcher(to);
        if (a.matches() && b.matches()) {
            return UNITS.indexOf(b.group(1)) > UNITS.indexOf(a.group(1));
        }
        return (from.equals("Utf8") && to.equals("LargeUtf8")) || (from.equals("Binary") && to.equals("LargeBinary"));
    }
}

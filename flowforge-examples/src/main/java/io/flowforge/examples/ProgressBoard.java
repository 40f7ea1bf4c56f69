package io.flowforge.examples;

import io.flowforge.ingest.IngestionProgress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text of the live progress lines: one per running table (rows, a bar and percent of the
 * estimate, rows/s, MB written, elapsed and ETA) and, once a run has more than one table, an
 * overall line; and the line a finished table leaves behind. Pure text, no terminal: what the
 * terminal shows is tested here. Not thread-safe; {@link ProgressDisplay} serialises calls.
 */
final class ProgressBoard {

    /** At most this many running tables get a line; the rest are counted in one more line. */
    static final int MAX_TABLE_LINES = 8;

    private record Seen(IngestionProgress progress, long atNanos) {}

    private final boolean unicode;
    private final long startNanos;
    private final Map<String, Seen> running = new LinkedHashMap<>();
    private final Map<String, IngestionProgress> finished = new LinkedHashMap<>();

    ProgressBoard(boolean unicode, long startNanos) {
        this.unicode = unicode;
        this.startNanos = startNanos;
    }

    /** Records a snapshot; returns the line a table leaves when it finished with it, else null. */
    String update(IngestionProgress p, long nowNanos) {
        String key = p.jobId() + "\u0000" + p.sourceTable();
        if (p.phase() == IngestionProgress.Phase.DONE || p.phase() == IngestionProgress.Phase.FAILED) {
            Seen last = running.remove(key);
            finished.put(key, p);
            return finishedLine(p, last == null ? p : last.progress());
        }
        running.put(key, new Seen(p, nowNanos));
        return null;
    }

    private String finishedLine(IngestionProgress p, IngestionProgress lastRead) {
        if (p.phase() == IngestionProgress.Phase.FAILED) {
            return (unicode ? "✘ " : "FAILED ") + p.sourceTable() + " failed after " + count(lastRead.rows()) + " rows";
        }
        double seconds = p.elapsed().toNanos() / 1e9;
        return (unicode ? "✔ " : "done ") + p.sourceTable() + "  " + count(p.rows()) + " rows in " + clock(p.elapsed())
                + (seconds >= 0.001 ? " (" + count(Math.round(p.rows() / seconds)) + " rows/s)" : "")
                + ", " + megabytes(p.bytesWritten()) + (unicode ? " → " : " -> ") + p.bronzeTable();
    }

    /** The live lines at {@code nowNanos}, each shorter than {@code columns}. */
    List<String> lines(long nowNanos, int columns) {
        List<String> lines = new ArrayList<>();
        // One label width for every line, so the bars stand in one column.
        int labelWidth = Math.min(Math.min(30, columns / 4),
                running.values().stream().mapToInt(s -> s.progress().sourceTable().length()).max().orElse(0));
        int shown = 0;
        for (Seen s : running.values()) {
            if (shown++ == MAX_TABLE_LINES) {
                lines.add(fit("  ... and " + (running.size() - MAX_TABLE_LINES) + " more running", columns));
                break;
            }
            lines.add(tableLine(s, nowNanos, columns, labelWidth));
        }
        if (running.size() + finished.size() > 1) {
            lines.add(fit(overallLine(nowNanos), columns));
        }
        return lines;
    }

    private String tableLine(Seen s, long nowNanos, int columns, int labelWidth) {
        IngestionProgress p = s.progress();
        Duration elapsed = p.elapsed().plusNanos(Math.max(0, nowNanos - s.atNanos()));
        StringBuilder right = new StringBuilder();
        if (p.percent().isPresent()) {
            right.append(String.format(Locale.ROOT, "%3.0f%%  ", p.percent().getAsDouble()));
        }
        right.append(count(p.rows()));
        p.expectedRows().ifPresent(e -> right.append(" / ~").append(count(e)));
        right.append(" rows  ").append(count(Math.round(p.rowsPerSecond()))).append(" rows/s  ")
                .append(megabytes(p.bytesWritten())).append("  ").append(clock(elapsed));
        eta(p).ifPresent(eta -> right.append("  ETA ").append(eta));
        String name = p.sourceTable();
        if (p.percent().isPresent() && columns >= 70) {
            // The bar's width and place depend on the terminal and the name only, so it does not jump as digits change.
            String label = truncate(name, labelWidth);
            label += " ".repeat(Math.max(0, labelWidth - label.length()));
            int barWidth = Math.min(30, Math.max(10, columns / 5));
            return fit(label + "  " + bar(p.percent().getAsDouble(), barWidth) + "  " + right, columns);
        }
        return fit(truncate(name, Math.max(8, columns / 3)) + "  " + right, columns);
    }

    private String overallLine(long nowNanos) {
        long rows = 0;
        long bytes = 0;
        int failed = 0;
        for (IngestionProgress p : finished.values()) {
            rows += p.rows();
            bytes += p.bytesWritten();
            failed += p.phase() == IngestionProgress.Phase.FAILED ? 1 : 0;
        }
        for (Seen s : running.values()) {
            rows += s.progress().rows();
            bytes += s.progress().bytesWritten();
        }
        Duration elapsed = Duration.ofNanos(nowNanos - startNanos);
        double seconds = Math.max(1e-9, elapsed.toNanos() / 1e9);
        return "all tables: " + (finished.size() - failed) + " done" + (failed > 0 ? ", " + failed + " failed" : "")
                + ", " + running.size() + " running  " + count(rows) + " rows  " + count(Math.round(rows / seconds))
                + " rows/s  " + megabytes(bytes) + "  " + clock(elapsed);
    }

    /** Time left at the average rate so far, while below the estimate. */
    private static java.util.Optional<String> eta(IngestionProgress p) {
        if (p.expectedRows().isEmpty() || p.rows() <= 0 || p.rows() >= p.expectedRows().getAsLong()) {
            return java.util.Optional.empty();
        }
        double rate = p.rowsPerSecond();
        if (rate <= 0) {
            return java.util.Optional.empty();
        }
        long left = Math.round((p.expectedRows().getAsLong() - p.rows()) / rate);
        return java.util.Optional.of(clock(Duration.ofSeconds(left)));
    }

    String bar(double percent, int width) {
        int inner = width - 2;
        double filled = inner * Math.min(100, Math.max(0, percent)) / 100.0;
        int full = (int) filled;
        StringBuilder b = new StringBuilder(unicode ? "▕" : "[");
        if (unicode) {
            String eighths = " ▏▎▍▌▋▊▉";
            b.append("█".repeat(full));
            if (full < inner) {
                b.append(eighths.charAt((int) ((filled - full) * 8)));
                b.append(" ".repeat(inner - full - 1));
            }
            return b.append('▏').toString();
        }
        b.append("#".repeat(full)).append("-".repeat(inner - full));
        return b.append(']').toString();
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%,.1f MB", bytes / 1e6);
    }

    /** m:ss, or h:mm:ss from an hour on. */
    static String clock(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private String truncate(String s, int width) {
        if (s.length() <= width) {
            return s;
        }
        return width <= 1 ? s.substring(0, Math.max(0, width)) : s.substring(0, width - 1) + (unicode ? "…" : "~");
    }

    private String fit(String line, int columns) {
        // One column short of the width: a line that fills the row would make the terminal wrap.
        return truncate(line, Math.max(1, columns - 1));
    }
}

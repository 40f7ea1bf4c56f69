package io.flowforge.connector.testkit;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown table read from a README, for tests that hold a README's type table and the mapping
 * code together row for row: found by its header line, the separator row skipped, every cell
 * trimmed. One parser for every module's README test.
 */
public final class ReadmeTable {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /** One row: its cells as written, trimmed. */
    public record Row(List<String> cells) {
        public Row {
            cells = List.copyOf(cells);
        }

        public String cell(int i) {
            return cells.get(i);
        }

        /** The {@code `code`} spans of cell {@code i}, backticks removed. */
        public List<String> code(int i) {
            List<String> out = new ArrayList<>();
            Matcher m = CODE.matcher(cells.get(i));
            while (m.find()) {
                out.add(m.group(1));
            }
            return out;
        }

        /** Cell {@code i} without Markdown emphasis ({@code **unsupported**} is {@code unsupported}). */
        public String plain(int i) {
            return cells.get(i).replace("**", "").replace("`", "").trim();
        }
    }

    private final List<String> lines;

    private ReadmeTable(List<String> lines) {
        this.lines = lines;
    }

    /** The table whose header line starts with {@code header} in the file; fails if there is none. */
    public static ReadmeTable read(Path markdown, String header) {
        requireNonNull(header, "header is null");
        String text;
        try {
            text = Files.readString(markdown);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> lines = text.lines().dropWhile(l -> !l.startsWith(header)).takeWhile(l -> l.startsWith("|")).toList();
        if (lines.size() < 2) {
            throw new AssertionError(markdown + " has no table whose header starts with '" + header + "'");
        }
        return new ReadmeTable(lines);
    }

    /** The table's lines as written, header and separator included: for comparing two copies of it. */
    public List<String> lines() {
        return lines;
    }

    /** The rows below the header and its separator. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        int width = cells(lines.get(0)).size();
        for (String line : lines.subList(2, lines.size())) {
            List<String> cells = cells(line);
            if (cells.size() != width) {
                throw new AssertionError("a row has " + cells.size() + " cells, the header " + width + ": " + line);
            }
            rows.add(new Row(cells));
        }
        return rows;
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            cells.add(cell.trim());
        }
        return cells;
    }
}

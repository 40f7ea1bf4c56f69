package io.flowforge.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jline.utils.WCWidth;

/**
 * Rows of text in aligned columns, measured in terminal cells (李 takes two, a combining accent
 * none), numbers aligned right; two spaces between columns, no trailing spaces.
 */
final class TextTable {

    private final List<String> headers;
    private final Set<Integer> rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(List<String> headers, Set<Integer> rightAligned) {
        this.headers = List.copyOf(headers);
        this.rightAligned = Set.copyOf(rightAligned);
    }

    TextTable add(List<String> row) {
        if (row.size() != headers.size()) {
            throw new IllegalArgumentException("a row of " + row.size() + " cells in a table of " + headers.size() + " columns");
        }
        rows.add(List.copyOf(row));
        return this;
    }

    /** The header line (if any header is non-empty), then each row, each ending with a newline. */
    String render() {
        int[] widths = new int[headers.size()];
        List<List<String>> all = new ArrayList<>();
        if (headers.stream().anyMatch(h -> !h.isEmpty())) {
            all.add(headers);
        }
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], width(row.get(i)));
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                String pad = " ".repeat(widths[i] - width(cell));
                if (i > 0) {
                    line.append("  ");
                }
                line.append(rightAligned.contains(i) ? pad + cell : cell + pad);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** Terminal cells the text takes. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += Math.max(0, WCWidth.wcwidth(cp));
            i += Character.charCount(cp);
        }
        return w;
    }
}

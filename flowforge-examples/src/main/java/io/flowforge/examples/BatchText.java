package io.flowforge.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Renders a batch for people and scripts, every value in its {@link ValueText canonical form}: as
 * tab-separated text (a header line of column names, then one line per row) or as aligned columns.
 */
final class BatchText {

    private BatchText() {}

    static String tsv(VectorSchemaRoot root) {
        return tsv(root, new ValueText(Map.of()));
    }

    static String tsv(VectorSchemaRoot root, ValueText values) {
        StringBuilder out = new StringBuilder();
        StringJoiner header = new StringJoiner("\t");
        root.getFieldVectors().forEach(v -> header.add(v.getName()));
        out.append(header).append('\n');
        for (int row = 0; row < root.getRowCount(); row++) {
            StringJoiner line = new StringJoiner("\t");
            for (FieldVector v : root.getFieldVectors()) {
                line.add(values.text(v, row));
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** Aligned columns; numbers, dates and times aligned right. */
    static String table(VectorSchemaRoot root, ValueText values) {
        List<FieldVector> vectors = root.getFieldVectors();
        List<String> headers = vectors.stream().map(FieldVector::getName).toList();
        java.util.Set<Integer> right = new java.util.HashSet<>();
        for (int i = 0; i < vectors.size(); i++) {
            switch (vectors.get(i).getField().getType().getTypeID()) {
                case Int, FloatingPoint, Decimal -> right.add(i);
                default -> { }
            }
        }
        TextTable t = new TextTable(headers, right);
        for (int row = 0; row < root.getRowCount(); row++) {
            List<String> cells = new ArrayList<>(vectors.size());
            for (FieldVector v : vectors) {
                cells.add(values.text(v, row));
            }
            t.add(cells);
        }
        return t.render();
    }
}

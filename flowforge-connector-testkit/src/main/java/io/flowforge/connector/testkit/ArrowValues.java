package io.flowforge.connector.testkit;

import io.flowforge.connector.arrow.ArrowValueText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * One Arrow value as the contract suite compares it across databases: {@link ArrowValueText}'s
 * canonical text (the same the command line shows), {@code null} for NULL.
 */
public final class ArrowValues {

    private ArrowValues() {}

    /** The value at {@code index}, or {@code null} for NULL. */
    public static String render(FieldVector v, int index) {
        return ArrowValueText.text(v, index);
    }

    /** Every row the reader has left, each as its values' texts in column order. */
    public static List<List<String>> rows(ArrowReader reader) throws IOException {
        List<List<String>> out = new ArrayList<>();
        while (reader.loadNextBatch()) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            for (int i = 0; i < root.getRowCount(); i++) {
                List<String> row = new ArrayList<>();
                for (FieldVector v : root.getFieldVectors()) {
                    row.add(render(v, i));
                }
                out.add(row);
            }
        }
        return out;
    }
}

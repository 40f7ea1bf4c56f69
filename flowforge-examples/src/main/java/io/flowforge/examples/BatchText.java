package io.flowforge.examples;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.StringJoiner;
import java.util.UUID;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Renders a batch as tab-separated text for people: dates as dates (Arrow keeps days since 1970),
 * UUIDs in their canonical form, binaries as hex; everything else as Arrow prints it.
 */
final class BatchText {

    private static final String UUID_EXTENSION = "arrow.uuid";

    private BatchText() {}

    static String tsv(VectorSchemaRoot root) {
        StringBuilder out = new StringBuilder();
        StringJoiner header = new StringJoiner("\t");
        root.getFieldVectors().forEach(v -> header.add(v.getName()));
        out.append(header).append('\n');
        for (int row = 0; row < root.getRowCount(); row++) {
            StringJoiner line = new StringJoiner("\t");
            for (FieldVector v : root.getFieldVectors()) {
                line.add(text(v, row));
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    static String text(FieldVector v, int row) {
        if (v.isNull(row)) {
            return "NULL";
        }
        if (v instanceof DateDayVector d) {
            return LocalDate.ofEpochDay(d.get(row)).toString();
        }
        if (v instanceof FixedSizeBinaryVector f) {
            byte[] b = f.get(row);
            if (b.length == 16 && UUID_EXTENSION.equals(v.getField().getMetadata().get("ARROW:extension:name"))) {
                ByteBuffer bb = ByteBuffer.wrap(b);
                return new UUID(bb.getLong(), bb.getLong()).toString();
            }
            return "0x" + HexFormat.of().formatHex(b);
        }
        if (v instanceof VarBinaryVector b) {
            return "0x" + HexFormat.of().formatHex(b.get(row));
        }
        return String.valueOf(v.getObject(row));
    }
}

package io.flowforge.ingest;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ColumnInfo;
import io.flowforge.connector.TableSchema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A source table's schema as FlowForge lands it: every column's name, source type, the Arrow type
 * it maps to ({@code unsupported} when none), nullability; the primary key; the job's delta
 * column. The fingerprint is a hash of all of it, so two runs can tell in one comparison whether
 * anything changed.
 */
public record SourceSchema(List<Column> columns, List<String> primaryKey, Optional<String> deltaColumn) {

    /** One column as landed. */
    public record Column(String name, String sourceType, String arrowType, boolean nullable) {
        public Column {
            requireNonNull(name, "name is null");
            requireNonNull(sourceType, "sourceType is null");
            requireNonNull(arrowType, "arrowType is null");
        }
    }

    public SourceSchema {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        deltaColumn = deltaColumn == null ? Optional.empty() : deltaColumn;
    }

    /** The schema a connector describes, with the job's delta column. */
    public static SourceSchema of(TableSchema table, Optional<String> deltaColumn) {
        List<Column> cols = table.columns().stream().map(SourceSchema::column).toList();
        return new SourceSchema(cols, table.primaryKey(), deltaColumn);
    }

    private static Column column(ColumnInfo c) {
        String type = c.sourceTypeName() + (c.precision() > 0 && isSized(c.sourceTypeName())
                ? "(" + c.precision() + (c.scale() > 0 ? "," + c.scale() : "") + ")" : "");
        return new Column(c.name(), type, c.arrowField().map(f -> f.getType().toString()).orElse("unsupported"), c.nullable());
    }

    // Types whose size or precision is part of what they hold (varchar(50), decimal(15,2), datetime2(7)).
    private static boolean isSized(String typeName) {
        String t = typeName.toLowerCase(java.util.Locale.ROOT);
        return t.contains("char") || t.contains("decimal") || t.contains("numeric") || t.contains("binary")
                || t.startsWith("datetime2") || t.startsWith("time") || t.contains("datetimeoffset") || t.contains("bit");
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The first 16 bytes of the SHA-256 of the schema's canonical text, in hex. */
    public String fingerprint() {
        StringBuilder s = new StringBuilder();
        for (Column c : columns) {
            s.append(c.name()).append('\u0001').append(c.sourceType()).append('\u0001').append(c.arrowType())
                    .append('\u0001').append(c.nullable()).append('\u0002');
        }
        s.append("key=").append(String.join(",", primaryKey)).append("\u0002delta=").append(deltaColumn.orElse(""));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.toString().getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

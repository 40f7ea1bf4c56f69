package io.flowforge.connector;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** A table's columns in order, and its primary key column names in key order (empty if none). */
@PublicEvolving
public record TableSchema(TableId table, List<ColumnInfo> columns, List<String> primaryKey) {

    public TableSchema {
        requireNonNull(table, "table is null");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    public Optional<ColumnInfo> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The Arrow schema of a read with the default policy: the supported columns, in order. */
    public Schema arrowSchema() {
        List<Field> fields = columns.stream().flatMap(c -> c.arrowField().stream()).toList();
        return new Schema(fields);
    }
}

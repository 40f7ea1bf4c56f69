package io.flowforge.bronze;

import io.flowforge.bronze.parquet.ConstantColumn;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The audit columns bronze appends to every row, after the source columns, as the seed plan names
 * them: {@code _batch_id}, {@code _ingestion_time}, {@code _source_system}, {@code _source_file},
 * {@code _file_modified_time}.
 */
public final class AuditColumns {
    public static final String BATCH_ID = "_batch_id";
    public static final String INGESTION_TIME = "_ingestion_time";
    public static final String SOURCE_SYSTEM = "_source_system";
    public static final String SOURCE_FILE = "_source_file";
    public static final String FILE_MODIFIED_TIME = "_file_modified_time";

    /** In the order they are appended. */
    public static final List<String> NAMES = List.of(BATCH_ID, INGESTION_TIME, SOURCE_SYSTEM, SOURCE_FILE, FILE_MODIFIED_TIME);

    private AuditColumns() {
    }

    /** The audit values of one write, as constant Parquet columns. */
    public static List<ConstantColumn> of(IngestionMetadata m) {
        return List.of(
                ConstantColumn.string(BATCH_ID, m.batchId()),
                ConstantColumn.timestampUtc(INGESTION_TIME, m.ingestionTime()),
                ConstantColumn.string(SOURCE_SYSTEM, m.sourceSystem()),
                ConstantColumn.string(SOURCE_FILE, m.sourceFile()),
                ConstantColumn.timestampUtc(FILE_MODIFIED_TIME, m.fileModifiedTime()));
    }

    /**
     * The one rule for the names of a bronze file's columns, which query engines reading bronze
     * compare ignoring case (DuckDB renames the second of two such columns, Spark refuses the
     * file): fails if a source column has an audit column's name, instead of silently overwriting
     * it, or if two source columns differ only in case ({@code "A"} and {@code "a"}).
     */
    public static void checkNoClash(Schema source, IngestionMetadata m) {
        Map<String, String> seen = new HashMap<>();
        for (Field field : source.getFields()) {
            String lower = field.getName().toLowerCase(Locale.ROOT);
            if (NAMES.contains(lower)) {
                throw new BronzeWriteException("source column '" + field.getName() + "' of " + m.sourceFile()
                        + " has the name of the audit column '" + lower + "' that bronze adds to every row;"
                        + " rename or alias it in the source query");
            }
            String other = seen.putIfAbsent(lower, field.getName());
            if (other != null) {
                throw new BronzeWriteException("source columns '" + other + "' and '" + field.getName() + "' of "
                        + m.sourceFile() + " differ only in case, which query engines reading bronze do not tell apart"
                        + " (DuckDB renames one, Spark refuses the file); alias one of them in a source query, e.g. \""
                        + field.getName() + "\" AS " + lower + "_2");
            }
        }
    }
}

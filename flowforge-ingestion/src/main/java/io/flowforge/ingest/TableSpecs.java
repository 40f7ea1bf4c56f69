package io.flowforge.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowforge.connector.UpperBoundStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Reads a multi-table job's {@code tables} and {@code exclude} lists, recording problems by path. */
final class TableSpecs {

    private TableSpecs() {}

    static List<TableSpec> parse(ConfigFields f, JsonNode node, String path) {
        List<TableSpec> out = new ArrayList<>();
        if (node == null || !node.isArray() || node.isEmpty()) {
            f.problems.add(path + ": expected a non-empty list of table names, patterns (dbo.*) or objects with a name");
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode e = node.get(i);
            String p = path + "[" + i + "]";
            if (e.isTextual() && !e.asText().isBlank()) {
                out.add(TableSpec.of(e.asText()));
            } else if (e.isObject()) {
                f.allow(e, p, "name", "isIncremental", "deltaColumn", "upperBound", "lagSeconds", "batchSize",
                        "bronzeTableName", "key", "schemaChanges");
                String name = f.text(e, p, "name", true);
                Optional<Boolean> incremental = e.has("isIncremental") ? Optional.of(f.bool(e, p, "isIncremental", false))
                        : Optional.empty();
                Optional<UpperBoundStrategy> upper = e.has("upperBound")
                        ? Optional.of(f.choice(e, p, "upperBound", UpperBoundStrategy.class, UpperBoundStrategy.AUTO))
                        : Optional.empty();
                Long lag = f.integer(e, p, "lagSeconds", 0, JobConfigParser.MAX_LAG_SECONDS);
                Long batch = f.integer(e, p, "batchSize", 1, 10_000_000);
                String bronze = f.segment(e, p, "bronzeTableName", "bronze table name", false);
                if (name != null) {
                    out.add(new TableSpec(name, incremental, Optional.ofNullable(f.text(e, p, "deltaColumn", false)), upper,
                            Optional.ofNullable(lag).map(Duration::ofSeconds),
                            batch == null ? OptionalInt.empty() : OptionalInt.of(batch.intValue()),
                            Optional.ofNullable(bronze), Optional.ofNullable(f.text(e, p, "key", false)),
                            e.has("schemaChanges") ? Optional.of(f.schemaPolicy(e, p, SchemaPolicy.DEFAULT)) : Optional.empty()));
                }
            } else {
                f.problems.add(p + ": expected a table name, a pattern or an object with a name");
            }
        }
        return out;
    }

    static List<String> strings(ConfigFields f, JsonNode node, String path) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            f.problems.add(path + ": expected a list of table names or patterns");
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            if (node.get(i).isTextual() && !node.get(i).asText().isBlank()) {
                out.add(node.get(i).asText());
            } else {
                f.problems.add(path + "[" + i + "]: expected a table name or pattern");
            }
        }
        return out;
    }
}

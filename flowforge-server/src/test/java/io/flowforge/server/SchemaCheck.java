package io.flowforge.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Checks a JSON value against an OpenAPI 3.0 schema: the subset our document uses ($ref, type,
 * nullable, properties, required, additionalProperties, items, enum, allOf, oneOf).
 */
final class SchemaCheck {

    private final JsonNode document;

    SchemaCheck(JsonNode document) {
        this.document = document;
    }

    List<String> problems(JsonNode schema, JsonNode value) {
        List<String> out = new ArrayList<>();
        check(schema, value, "$", out);
        return out;
    }

    private JsonNode resolve(JsonNode schema) {
        while (schema.has("$ref")) {
            String[] parts = schema.get("$ref").asText().substring(2).split("/");
            JsonNode n = document;
            for (String p : parts) {
                n = n.path(p);
            }
            if (n.isMissingNode()) {
                throw new AssertionError("unresolved " + schema.get("$ref"));
            }
            schema = n;
        }
        return schema;
    }

    private void check(JsonNode schema, JsonNode value, String path, List<String> out) {
        schema = resolve(schema);
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                out.add(path + ": null but not nullable");
            }
            return;
        }
        if (schema.has("allOf")) {
            schema.get("allOf").forEach(s -> check(s, value, path, out));
        }
        if (schema.has("oneOf")) {
            int matches = 0;
            for (JsonNode s : schema.get("oneOf")) {
                if (problems(s, value).isEmpty()) {
                    matches++;
                }
            }
            if (matches != 1) {
                out.add(path + ": matches " + matches + " of oneOf");
            }
        }
        String type = schema.path("type").asText("");
        boolean typeOk = switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
        if (!typeOk) {
            out.add(path + ": expected " + type + ", was " + value.getNodeType());
            return;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode e : schema.get("enum")) {
                found |= e.equals(value);
            }
            if (!found) {
                out.add(path + ": " + value + " is not in " + schema.get("enum"));
            }
        }
        if (value.isObject()) {
            JsonNode props = schema.path("properties");
            for (JsonNode r : schema.path("required")) {
                if (!value.has(r.asText())) {
                    out.add(path + ": missing required " + r.asText());
                }
            }
            for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (props.has(name)) {
                    check(props.get(name), value.get(name), path + "." + name, out);
                } else if (schema.path("additionalProperties").isObject()) {
                    check(schema.get("additionalProperties"), value.get(name), path + "." + name, out);
                } else if (schema.has("additionalProperties") && !schema.get("additionalProperties").asBoolean()) {
                    out.add(path + ": undocumented property " + name);
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), path + "[" + i + "]", out);
            }
        }
    }
}

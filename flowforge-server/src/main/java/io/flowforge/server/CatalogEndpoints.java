package io.flowforge.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowforge.connector.ColumnInfo;
import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectionTestResult;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.TableId;
import io.flowforge.connector.TableInfo;
import io.flowforge.connector.TableSchema;
import io.flowforge.connector.arrow.ArrowTypeText;
import io.flowforge.ingest.JobConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The connection form's endpoints: test a connection, save sources, list a saved source's tables
 * and describe one. A saved source is referred to by id, so a password travels once, in a POST
 * body, and is never sent back.
 */
final class CatalogEndpoints {

    private final SourceRegistry sources;
    private final RequestBodies bodies;

    CatalogEndpoints(SourceRegistry sources, RequestBodies bodies) {
        this.sources = requireNonNull(sources, "sources is null");
        this.bodies = requireNonNull(bodies, "bodies is null");
    }

    /** POST /api/test-connection/database: a source_config, or {"source_id"}. */
    ApiResponse testConnection(ApiRequest request) {
        ObjectNode body = RequestBodies.object(request, "the plan's source_config, or {\"source_id\": ...}");
        ConnectionTestResult result;
        if (body.has("source_id")) {
            if (body.size() > 1) {
                throw ApiException.invalid("Give either source_id or a source_config, not both",
                        List.of("source_id: give either source_id or type and connection, not both"));
            }
            result = sources.get(text(body.get("source_id"), "source_id")).connector().testConnection();
        } else {
            JobConfig.Source source = bodies.source(body);
            try (DatabaseConnector c = open(source.type(), source.connection())) {
                result = c.testConnection();
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success", result.success());
        m.put("server", result.productName());
        m.put("version", result.productVersion());
        m.put("latency_ms", result.latency().toMillis());
        m.put("message", result.message());
        return ApiResponse.json(200, m);
    }

    private static DatabaseConnector open(String type, ConnectionConfig config) {
        try {
            return SavedSource.unpooled(type, config);
        } catch (ConnectorException e) {
            throw ApiException.invalid(e.getMessage(), List.of("source_config: " + e.getMessage()));
        }
    }

    /** POST /api/sources: {"name"?, "type", "connection", "databaseConfig"?}. */
    ApiResponse save(ApiRequest request) {
        ObjectNode body = RequestBodies.object(request, "the plan's source_config, with an optional name");
        JsonNode nameNode = body.remove("name");
        String name = null;
        if (nameNode != null && !nameNode.isNull()) {
            if (!nameNode.isTextual() || nameNode.asText().isBlank() || nameNode.asText().length() > 100) {
                throw ApiException.invalid("name: expected a non-empty string of at most 100 characters",
                        List.of("name: expected a non-empty string of at most 100 characters"));
            }
            name = nameNode.asText();
        }
        JobConfig.Source source = bodies.source(body);
        ConnectionConfig c = source.connection();
        if (name == null) {
            name = source.type() + " " + (c.host() != null ? c.host() + (c.port() == null ? "" : ":" + c.port())
                    + (c.database() == null ? "" : "/" + c.database()) : "source");
        }
        SavedSource saved = sources.save(name, source.type(), c);
        return ApiResponse.json(201, saved.view()).withHeader("Location", "/api/sources/" + saved.id());
    }

    ApiResponse list() {
        List<Map<String, Object>> out = new ArrayList<>();
        sources.all().forEach(s -> out.add(s.view()));
        return ApiResponse.json(200, Map.of("sources", out));
    }

    ApiResponse get(String id) {
        return ApiResponse.json(200, sources.get(id).view());
    }

    ApiResponse delete(String id) {
        sources.delete(id);
        return new ApiResponse(204, ApiResponse.JSON_TYPE, Map.of(), new byte[0]);
    }

    /** GET /api/database/tables?source_id=... */
    ApiResponse tables(ApiRequest request) {
        SavedSource source = sources.get(param(request, "source_id"));
        List<TableInfo> tables;
        try {
            tables = source.connector().listTables();
        } catch (ConnectorException e) {
            throw new ApiException(502, "database_error", e.getMessage());
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (TableInfo t : tables) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("schema", t.id().schema());
            m.put("name", t.id().name());
            m.put("qualified_name", t.id().qualifiedName());
            m.put("kind", t.kind().name().toLowerCase(java.util.Locale.ROOT));
            m.put("approximate_row_count", t.approximateRowCount().isPresent() ? t.approximateRowCount().getAsLong() : null);
            out.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source_id", source.id());
        m.put("tables", out);
        return ApiResponse.json(200, m);
    }

    /** GET /api/database/schema?source_id=...&table=schema.name */
    ApiResponse schema(ApiRequest request) {
        SavedSource source = sources.get(param(request, "source_id"));
        String tableText = param(request, "table");
        TableId table;
        try {
            table = TableId.parse(tableText);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("table: " + e.getMessage(), List.of("table: " + e.getMessage()));
        }
        TableSchema schema;
        try {
            schema = source.connector().getSchema(table);
        } catch (ConnectorException e) {
            throw missingOrFailed(source, table, e);
        }
        List<Map<String, Object>> columns = new ArrayList<>();
        for (ColumnInfo c : schema.columns()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("ordinal", c.ordinal());
            m.put("source_type", c.sourceTypeName());
            m.put("precision", c.precision());
            m.put("scale", c.scale());
            m.put("arrow_type", c.arrowField().map(ArrowTypeText::of).orElse(null));
            m.put("nullable", c.nullable());
            m.put("key", schema.primaryKey().contains(c.name()));
            m.put("unsupported_reason", c.unsupportedReason().orElse(null));
            columns.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source_id", source.id());
        m.put("table", schema.table().qualifiedName());
        m.put("primary_key", schema.primaryKey());
        m.put("columns", columns);
        return ApiResponse.json(200, m);
    }

    /** 404 when the catalog confirms the table is not there; otherwise the database failed (502). */
    private static ApiException missingOrFailed(SavedSource source, TableId table, ConnectorException e) {
        try {
            boolean listed = source.connector().listTables().stream()
                    .anyMatch(t -> t.id().qualifiedName().equalsIgnoreCase(table.qualifiedName())
                            || (table.schema() == null && t.id().name().equalsIgnoreCase(table.name())));
            if (!listed) {
                return ApiException.notFound("table_not_found", e.getMessage());
            }
        } catch (ConnectorException ignored) {
            // The catalog failed too: the database is the problem.
        }
        return new ApiException(502, "database_error", e.getMessage());
    }

    static String param(ApiRequest request, String name) {
        String v = request.query().get(name);
        if (v == null || v.isBlank()) {
            String hint = name.equals("source_id") ? " (the id of a saved source: POST /api/sources saves one)" : "";
            throw ApiException.invalid(name + ": required" + hint, List.of(name + ": required" + hint));
        }
        return v;
    }

    static String text(JsonNode node, String path) {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw ApiException.invalid(path + ": expected a non-empty string", List.of(path + ": expected a non-empty string"));
        }
        return node.asText();
    }
}

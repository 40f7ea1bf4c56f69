package io.flowforge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowforge.bronze.DuckDb;
import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.jdbc.JdbcConnector;
import io.flowforge.connector.jdbc.PoolSettings;
import io.flowforge.connector.jdbc.PooledConnectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The API against the live MariaDB, with a user of its own whose password is real (and a wrong one). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MariaDbApiTest {

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String DATABASE = "ff_srv_" + SUFFIX;
    private static final String USER = "ff_srv_" + SUFFIX;
    private static final String PASSWORD = "Maria-S3cret-" + SUFFIX;
    private static final String WRONG = "Wrong-" + SUFFIX;
    private static final LiveSource DB = LiveSource.mariaDb();
    private static TestServer server;
    private static String serverVersion;
    private static String sourceId;

    @BeforeAll
    static void setUp() throws Exception {
        try (Connection c = DB.connectOrSkip(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
            for (String host : List.of("%", "localhost")) {
                s.execute("CREATE USER '" + USER + "'@'" + host + "' IDENTIFIED BY '" + PASSWORD + "'");
                s.execute("GRANT ALL ON " + DATABASE + ".* TO '" + USER + "'@'" + host + "'");
            }
            s.execute("CREATE TABLE " + DATABASE + ".customers (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL,"
                    + " balance DECIMAL(12,2), joined DATE)");
            s.execute("INSERT INTO " + DATABASE + ".customers SELECT seq, CONCAT('customer ', seq), seq * 2.5,"
                    + " DATE '2024-01-01' + INTERVAL seq DAY FROM seq_1_to_250");
            try (ResultSet rs = s.executeQuery("SELECT VERSION()")) {
                rs.next();
                serverVersion = rs.getString(1);
            }
        }
        server = TestServer.start(ServerOptions.defaults().withDemoSource(false));
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (server != null) {
            server.close();
        }
        try (Connection c = DB.admin(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE);
            s.execute("DROP USER IF EXISTS '" + USER + "'@'%', '" + USER + "'@'localhost'");
        }
    }

    @Test
    @Order(1)
    void theRightPasswordConnects() {
        JsonNode r = server.post("/api/test-connection/database", DB.sourceConfig(DATABASE, USER, PASSWORD)).json();
        assertThat(r.path("success").asBoolean()).as(r.toString()).isTrue();
        assertThat(r.path("server").asText()).isEqualTo("MariaDB");
        assertThat(r.path("version").asText()).isEqualTo(serverVersion);
    }

    @Test
    @Order(2)
    void aWrongPasswordIsAFailedTestWithTheServersReason() {
        JsonNode r = server.post("/api/test-connection/database", DB.sourceConfig(DATABASE, USER, WRONG)).json();
        assertThat(r.path("success").asBoolean()).isFalse();
        assertThat(r.path("message").asText()).matches(java.util.regex.Pattern.quote("Could not connect to jdbc:mariadb://"
                + DB.host() + ":" + DB.port() + "/" + DATABASE + " as user '" + USER + "': (conn=") + "\\d+"
                + java.util.regex.Pattern.quote(") Access denied for user '" + USER + "'@'") + "(localhost|127\\.0\\.0\\.1)"
                + java.util.regex.Pattern.quote("' (using password: YES)"));
    }

    @Test
    @Order(3)
    void aSavedSourceListsTablesDescribesOneAndLoadsIt() throws Exception {
        TestServer.Reply saved = server.post("/api/sources", DB.sourceConfig(DATABASE, USER, PASSWORD));
        assertThat(saved.status()).isEqualTo(201);
        sourceId = saved.json().path("id").asText();
        assertThat(saved.json().path("name").asText()).isEqualTo("mysql " + DB.host() + ":" + DB.port() + "/" + DATABASE);

        List<String> tables = new ArrayList<>();
        server.get("/api/database/tables?source_id=" + sourceId).json().path("tables")
                .forEach(t -> tables.add(t.path("qualified_name").asText()));
        assertThat(tables).containsExactly(DATABASE + ".customers");

        JsonNode schema = server.get("/api/database/schema?source_id=" + sourceId + "&table=customers").json();
        List<String> columns = new ArrayList<>();
        schema.path("columns").forEach(c -> columns.add(c.path("name").asText() + " " + c.path("arrow_type").asText()
                + (c.path("nullable").asBoolean() ? " null" : "") + (c.path("key").asBoolean() ? " key" : "")));
        assertThat(columns).containsExactly("id int32 key", "name utf8", "balance decimal128(12,2) null", "joined date32 null");

        TestServer.Reply missing = server.get("/api/database/schema?source_id=" + sourceId + "&table=customerz");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("error").path("message").asText()).isEqualTo("Table 'customerz' was not found in database '"
                + DATABASE + "'. Check the schema and the name's spelling; listTables() shows the tables that exist.");

        JsonNode run = server.awaitRun(server.post("/api/jobs", Map.of("job_id", "maria_customers",
                "source_config", Map.of("source_id", sourceId, "databaseConfig", Map.of("tableName", "customers")),
                "destination_config", Map.of("bronzeConfig", Map.of("tableName", "bronze_customers"),
                        "storage", Map.of("type", "local", "path", "maria")))).json().path("id").asText(), Duration.ofSeconds(60));
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("success");
        Path file = Path.of(URI.create(run.path("result").path("bronze_file_path").asText()));
        assertThat(file).startsWith(server.lake.resolve("maria/bronze/bronze_customers"));
        assertThat(DuckDb.rows("SELECT COUNT(*), SUM(balance), MIN(joined), MAX(joined) FROM read_parquet('" + file + "')"))
                .containsExactly("250|78437.50|2024-01-02|2024-09-07");
    }

    @Test
    @Order(4)
    void theSavedSourceTestsThroughItsPool() {
        JsonNode r = server.post("/api/test-connection/database", Map.of("source_id", sourceId)).json();
        assertThat(r.path("success").asBoolean()).as(r.toString()).isTrue();
    }

    @Test
    @Order(5)
    void malformedAndOversizedBodiesAreRefused() {
        assertThat(server.post("/api/test-connection/database", "{\"type\": \"mysql\", \"connection\": {\"password\": \""
                + PASSWORD + "\"").status()).isEqualTo(400);
        TestServer.Reply big = server.post("/api/test-connection/database", "{\"type\": \"mysql\", \"connection\": {\"password\": \""
                + PASSWORD + "\", \"properties\": {\"x\": \"" + "y".repeat(200_000) + "\"}}}");
        assertThat(big.status()).isEqualTo(413);
    }

    @Test
    @Order(6)
    void aPooledConnectionKilledOnTheServerIsDroppedNotHandedOutAgain() throws Exception {
        ConnectionConfig config = ConnectionConfig.builder().host(DB.host()).port(DB.port()).database(DATABASE)
                .username(USER).password(PASSWORD).build();
        try (JdbcConnector db = PooledConnectors.open("mysql", config, PoolSettings.of("maria-kill", 1));
                BufferAllocator allocator = new RootAllocator()) {
            Object id;
            try (ArrowReader r = db.readQuery("SELECT CAST(CONNECTION_ID() AS SIGNED) AS id", ReadOptions.defaults(), allocator)) {
                r.loadNextBatch();
                id = r.getVectorSchemaRoot().getVector(0).getObject(0);
            }
            try (Connection c = DB.admin(); Statement s = c.createStatement()) {
                s.execute("KILL " + id);
            }
            List<String> firstTry = new ArrayList<>();
            try {
                db.getSchema(TableId.of(DATABASE, "customers"));
            } catch (ConnectorException e) {
                firstTry.add(e.getMessage());  // the one borrower that met the dead connection
            }
            for (int i = 0; i < 3; i++) {
                assertThat(db.getSchema(TableId.of(DATABASE, "customers")).columns()).as(firstTry.toString()).hasSize(4);
            }
        }
    }

    @Test
    @Order(100)
    void noResponseEverHeldAPassword() {
        assertThat(server.replies).hasSizeGreaterThan(6);
        assertThat(server.allReplies()).doesNotContain(PASSWORD).doesNotContain(WRONG);
    }
}

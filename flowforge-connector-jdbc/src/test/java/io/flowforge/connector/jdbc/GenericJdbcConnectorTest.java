package io.flowforge.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.ColumnInfo;
import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectionTestResult;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.TableInfo;
import io.flowforge.connector.TableSchema;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The plan's eight test cases through {@code Connectors.open("jdbc", ...)} against H2 loaded with BFSI_Test.sql. */
class GenericJdbcConnectorTest {

    static final TableId CUSTOMERS = TableId.of("dbo", "customers");
    static BfsiH2 db;
    static DatabaseConnector connector;

    @BeforeAll
    static void load() throws Exception {
        db = BfsiH2.create();
        connector = Connectors.open("jdbc", db.config());
    }

    @AfterAll
    static void shutdown() throws Exception {
        connector.close();
        db.close();
    }

    @Test
    void case1ValidCredentialsConnect() {
        ConnectionTestResult r = connector.testConnection();
        assertThat(r.success()).as(r.message()).isTrue();
        assertThat(r.productName()).isEqualTo("H2");
        assertThat(r.productVersion()).startsWith("2.4.240");
        assertThat(r.message()).startsWith("Connected to H2 2.4.240");
    }

    @Test
    void case2InvalidCredentialsFailWithoutTheWrongPassword() {
        String wrong = "Wr0ng-Pa55word";
        ConnectionConfig bad = db.config().withPassword(wrong);
        ConnectionTestResult r = Connectors.open("jdbc", bad).testConnection();
        assertThat(r.success()).isFalse();
        assertThat(r.productName()).isNull();
        assertThat(r.message())
                .startsWith("Could not connect to " + db.url + " as user 'sa': Wrong user name or password")
                .doesNotContain(wrong);
    }

    @Test
    void unreachableDatabaseIsAFailedResultAndThePasswordInTheUrlIsMasked() {
        ConnectionConfig cfg = ConnectionConfig.builder()
                .jdbcUrl("jdbc:nosuchdb://db.example:1/x;password=Secret123").password("Secret123").build();
        ConnectionTestResult r = Connectors.open("jdbc", cfg).testConnection();
        assertThat(r.success()).isFalse();
        assertThat(r.message()).isEqualTo("Could not connect to jdbc:nosuchdb://db.example:1/x;password=******: "
                + "No suitable driver found for jdbc:nosuchdb://db.example:1/x;password=******");
    }

    @Test
    void case3ListsTheTables() {
        assertThat(connector.listTables()).extracting(TableInfo::id, TableInfo::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(TableId.of("dbo", "accounts"), TableInfo.Kind.TABLE),
                org.assertj.core.groups.Tuple.tuple(CUSTOMERS, TableInfo.Kind.TABLE));
    }

    @Test
    void case4SchemaOfCustomers() {
        TableSchema s = connector.getSchema(CUSTOMERS);
        assertThat(s.primaryKey()).containsExactly("customer_id");
        assertThat(s.columns()).extracting(ColumnInfo::name).containsExactly("customer_id", "first_name", "last_name",
                "email", "phone", "date_of_birth", "credit_limit", "account_balance", "is_active", "created_at",
                "modified_date");
        assertThat(s.columns()).extracting(ColumnInfo::nullable).containsExactly(
                false, false, false, true, true, false, false, false, false, false, true);
        ColumnInfo credit = s.column("credit_limit").orElseThrow();
        assertThat(credit.sourceTypeName()).isEqualTo("DECIMAL");
        assertThat(credit.precision()).isEqualTo(15);
        assertThat(credit.scale()).isEqualTo(2);
        assertThat(s.columns()).allMatch(ColumnInfo::isSupported);
        assertThat(s.arrowSchema().getFields()).extracting(f -> f.getName() + ":" + f.getType() + (f.isNullable() ? "?" : ""))
                .containsExactly("customer_id:Int(32, true)", "first_name:Utf8", "last_name:Utf8", "email:Utf8?",
                        "phone:Utf8?", "date_of_birth:Date(DAY)", "credit_limit:Decimal(15, 2, 128)",
                        "account_balance:Decimal(15, 2, 128)", "is_active:Bool", "created_at:Timestamp(MICROSECOND, null)",
                        "modified_date:Timestamp(MICROSECOND, null)?");
    }

    @Test
    void schemaOfAMissingTableNamesTableAndDatabase() {
        assertThatThrownBy(() -> connector.getSchema(TableId.of("dbo", "nope")))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("Table 'dbo.nope' was not found in database '" + db.name
                        + "'. Check the schema and the name's spelling; listTables() shows the tables that exist.");
    }

    @Test
    void case5ReadsTenRows() throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader r = connector.readQuery("SELECT TOP 10 * FROM dbo.customers ORDER BY customer_id",
                        ReadOptions.defaults(), allocator)) {
            List<Map<String, Object>> rows = rows(r);
            assertThat(rows).hasSize(10);
            Map<String, Object> zoe = rows.get(2);
            assertThat(zoe.get("customer_id")).isEqualTo(3);
            assertThat(zoe.get("first_name")).hasToString("Zoë");
            assertThat(zoe.get("last_name")).hasToString("Müller");
            assertThat(zoe.get("email")).isNull();
            assertThat(zoe.get("phone")).hasToString("+1-555-0003");
            assertThat(zoe.get("date_of_birth")).isEqualTo((int) LocalDate.of(1950, 10, 19).toEpochDay());
            assertThat(zoe.get("credit_limit")).isEqualTo(new BigDecimal("4000.00"));
            assertThat(zoe.get("account_balance")).isEqualTo(new BigDecimal("237.57"));
            assertThat(zoe.get("is_active")).isEqualTo(true);
            assertThat(zoe.get("created_at")).isEqualTo(LocalDateTime.of(2023, 1, 1, 3, 39));
            assertThat(zoe.get("modified_date")).isEqualTo(LocalDateTime.of(2024, 1, 1, 1, 0));
            Map<String, Object> li = rows.get(4);
            assertThat(li.get("first_name")).hasToString("李");
            assertThat(li.get("modified_date")).isNull();
            assertThat(rows.get(3).get("first_name")).hasToString("Łukasz");
            assertThat(rows.get(3).get("is_active")).isEqualTo(false);
            assertThat(rows.get(5).get("last_name")).hasToString("O'Brien");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 500, 10_000})
    void case6ReadsAll500RowsAcrossBatches(int batchSize) throws Exception {
        BigDecimal expectedSum;
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT SUM(account_balance) FROM dbo.customers")) {
            rs.next();
            expectedSum = rs.getBigDecimal(1);
        }
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader r = connector.readTable(CUSTOMERS, ReadOptions.defaults().withBatchSize(batchSize), allocator)) {
            int batches = 0;
            long rows = 0;
            long idSum = 0;
            BigDecimal sum = BigDecimal.ZERO;
            VectorSchemaRoot root = r.getVectorSchemaRoot();
            while (r.loadNextBatch()) {
                batches++;
                assertThat(root.getRowCount()).isLessThanOrEqualTo(batchSize);
                for (int i = 0; i < root.getRowCount(); i++) {
                    idSum += (Integer) root.getVector("customer_id").getObject(i);
                    sum = sum.add((BigDecimal) root.getVector("account_balance").getObject(i));
                }
                rows += root.getRowCount();
            }
            assertThat(rows).isEqualTo(500);
            assertThat(batches).isEqualTo((500 + batchSize - 1) / batchSize);
            assertThat(idSum).isEqualTo(500L * 501 / 2);
            assertThat(sum).isEqualTo(expectedSum);
        }
    }

    @Test
    void case7NullsAreCountedExactly() throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader r = connector.readTable(CUSTOMERS, ReadOptions.defaults().withBatchSize(64), allocator)) {
            long emails = 0;
            long phones = 0;
            long modified = 0;
            VectorSchemaRoot root = r.getVectorSchemaRoot();
            while (r.loadNextBatch()) {
                emails += root.getVector("email").getNullCount();
                phones += root.getVector("phone").getNullCount();
                modified += root.getVector("modified_date").getNullCount();
            }
            assertThat(emails).isEqualTo(50);
            assertThat(phones).isEqualTo(50);
            assertThat(modified).isEqualTo(50);
        }
    }

    @Test
    void case8ArrowTypesOfARead() throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader r = connector.readTable(TableId.of("dbo", "accounts"), ReadOptions.defaults(), allocator)) {
            assertThat(r.getVectorSchemaRoot().getSchema().getFields())
                    .extracting(f -> f.getName() + ":" + f.getType() + ":" + f.getMetadata().get(StandardColumnMappings.SOURCE_TYPE_KEY))
                    .containsExactly("account_id:Int(32, true):INTEGER", "customer_id:Int(32, true):INTEGER",
                            "account_type:Utf8:CHARACTER VARYING", "opened_on:Date(DAY):DATE",
                            "balance:Decimal(15, 2, 128):DECIMAL");
            assertThat(rows(r)).hasSize(40);
        }
    }

    @Test
    void serviceLoaderFindsTheJdbcConnector() {
        assertThat(Connectors.available()).contains("jdbc");
        assertThat(Connectors.factory("jdbc")).isInstanceOf(GenericJdbcConnectorFactory.class);
        assertThat(connector).isInstanceOf(GenericJdbcConnector.class);
        assertThat(connector.identifier()).isEqualTo("jdbc");
    }

    @Test
    void factoryListsWhatIsMissing() {
        assertThatThrownBy(() -> Connectors.open("jdbc", ConnectionConfig.builder().host("h").build()))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("The jdbc connector cannot be created: jdbcUrl is missing (for example "
                        + "jdbc:postgresql://host:5432/db).");
        assertThatThrownBy(() -> Connectors.open("jdbc",
                ConnectionConfig.builder().jdbcUrl("postgres://u:pw@h/db").password("pw").build()))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("The jdbc connector cannot be created: jdbcUrl must start with 'jdbc:', was "
                        + "'postgres://u:******@h/db'.");
    }

    /** Every row of a reader as column name to Arrow value. */
    static List<Map<String, Object>> rows(ArrowReader r) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        VectorSchemaRoot root = r.getVectorSchemaRoot();
        while (r.loadNextBatch()) {
            for (int i = 0; i < root.getRowCount(); i++) {
                Map<String, Object> row = new java.util.LinkedHashMap<>();
                for (FieldVector v : root.getFieldVectors()) {
                    row.put(v.getName(), v.getObject(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    static List<String> fieldNames(ArrowReader r) throws Exception {
        return r.getVectorSchemaRoot().getSchema().getFields().stream().map(Field::getName).toList();
    }
}

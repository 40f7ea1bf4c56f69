package io.flowforge.connector.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.ColumnInfo;
import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectionTestResult;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.IncrementalRead;
import io.flowforge.connector.IncrementalRequest;
import io.flowforge.connector.IncrementalWindow;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.TableInfo;
import io.flowforge.connector.TableSchema;
import io.flowforge.connector.TemporalPrecision;
import io.flowforge.connector.Watermark;
import io.flowforge.connector.WatermarkPosition;
import io.flowforge.connector.arrow.ArrowTypeText;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.flowforge.connector.testkit.SqlServerContainers;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mssqlserver.MSSQLServerContainer;

/**
 * The connector against a real SQL Server 2022 in a container: the plan's test cases 1-8 on
 * BFSI_Test, a round trip of every type, and rowversion windows bounded by
 * {@code MIN_ACTIVE_ROWVERSION()}. Skipped (and reported as skipped) where Docker is absent.
 */
@Testcontainers(disabledWithoutDocker = true)
class SqlServerConnectorTest {

    static final MSSQLServerContainer MSSQL = SqlServerContainers.shared();

    private static ConnectionConfig config;

    @BeforeAll
    static void createBfsiTest() throws Exception {
        SqlServerContainers.started();
        try (Connection c = DriverManager.getConnection(MSSQL.getJdbcUrl(), MSSQL.getUsername(), MSSQL.getPassword());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE BFSI_Test");
        }
        config = ConnectionConfig.builder().host(MSSQL.getHost()).port(MSSQL.getMappedPort(1433)).database("BFSI_Test")
                .username(MSSQL.getUsername()).password(MSSQL.getPassword())
                .property("trustServerCertificate", "true").build();
        runScript(Files.readString(Path.of("../sql/BFSI_Test.sql")));
    }

    /** Runs a script whose statements end with ';' at the end of a line. */
    static void runScript(String script) throws Exception {
        try (Connection c = DriverManager.getConnection(new SqlServerDialect().jdbcUrl(config),
                new SqlServerDialect().driverProperties(config)); Statement s = c.createStatement()) {
            StringBuilder statement = new StringBuilder();
            for (String line : script.lines().toList()) {
                if (line.strip().startsWith("--") || line.isBlank()) {
                    continue;
                }
                statement.append(line).append('\n');
                if (line.stripTrailing().endsWith(";")) {
                    String sql = statement.toString().stripTrailing();
                    s.execute(sql.substring(0, sql.length() - 1));
                    statement.setLength(0);
                }
            }
        }
    }

    private static DatabaseConnector connector() {
        return Connectors.open("sql-server", config);
    }

    /** Every row of a reader, each as column name to value (timestamps and times as their raw long). */
    static List<Map<String, Object>> rows(ArrowReader reader) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        while (reader.loadNextBatch()) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            for (int r = 0; r < root.getRowCount(); r++) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (FieldVector v : root.getFieldVectors()) {
                    row.put(v.getName(), v.isNull(r) ? null : value(v, r));
                }
                out.add(row);
            }
        }
        return out;
    }

    private static Object value(FieldVector v, int i) {
        if (v instanceof TimeStampVector t) return t.get(i);
        if (v instanceof TimeMicroVector t) return t.get(i);
        if (v instanceof TimeNanoVector t) return t.get(i);
        if (v instanceof VarCharVector s) return s.getObject(i).toString();
        Object o = v.getObject(i);
        return o instanceof byte[] b ? HexFormat.of().formatHex(b) : o;
    }

    private static List<Map<String, Object>> readAll(DatabaseConnector c, TableId t, ReadOptions o) throws Exception {
        try (RootAllocator allocator = new RootAllocator(); ArrowReader reader = c.readTable(t, o, allocator)) {
            return rows(reader);
        }
    }

    @Test
    void case1ConnectsWithValidCredentials() {
        try (DatabaseConnector c = connector()) {
            ConnectionTestResult r = c.testConnection();
            assertThat(r.success()).as(r.message()).isTrue();
            assertThat(r.productName()).isEqualTo("Microsoft SQL Server");
        }
    }

    @Test
    void case2FailsWithInvalidCredentialsWithoutThePassword() {
        String wrong = "Wrong-Passw0rd!";
        try (DatabaseConnector c = Connectors.open("sql-server", config.withPassword(wrong))) {
            ConnectionTestResult r = c.testConnection();
            assertThat(r.success()).isFalse();
            assertThat(r.message()).startsWith("Could not connect to jdbc:sqlserver://").contains("Login failed for user 'sa'")
                    .doesNotContain(wrong).doesNotContain(MSSQL.getPassword());
        }
    }

    @Test
    void case3ListsTheTables() {
        try (DatabaseConnector c = connector()) {
            List<TableInfo> tables = c.listTables();
            // Other tests in this class add tables of their own; the list stays sorted by schema and name.
            assertThat(tables).extracting(t -> t.id().qualifiedName()).contains("dbo.accounts", "dbo.customers").isSorted();
            TableInfo customers = tables.stream().filter(t -> t.id().name().equals("customers")).findFirst().orElseThrow();
            assertThat(customers.kind()).isEqualTo(TableInfo.Kind.TABLE);
            assertThat(customers.approximateRowCount().getAsLong()).isEqualTo(500);
        }
    }

    @Test
    void case4DescribesCustomersWithItsPrimaryKey() {
        try (DatabaseConnector c = connector()) {
            TableSchema s = c.getSchema(TableId.of("dbo", "customers"));
            assertThat(s.primaryKey()).containsExactly("customer_id");
            assertThat(s.columns()).extracting(ColumnInfo::name).containsExactly("customer_id", "first_name", "last_name",
                    "email", "phone", "date_of_birth", "credit_limit", "account_balance", "is_active", "created_at",
                    "modified_date");
            assertThat(s.columns()).extracting(ColumnInfo::sourceTypeName).containsExactly("int", "nvarchar", "nvarchar",
                    "varchar", "varchar", "date", "decimal", "decimal", "bit", "datetime", "datetime");
            assertThat(s.columns()).extracting(ci -> ArrowTypeText.of(ci.arrowField().orElseThrow())).containsExactly("int32",
                    "utf8", "utf8", "utf8", "utf8", "date32", "decimal128(15,2)", "decimal128(15,2)", "bool",
                    "timestamp[ms]", "timestamp[ms]");
            assertThat(s.column("customer_id").orElseThrow().nullable()).isFalse();
            assertThat(s.column("email").orElseThrow().nullable()).isTrue();
            assertThat(s.column("first_name").orElseThrow().precision()).isEqualTo(50);
            assertThatThrownBy(() -> c.getSchema(TableId.of("dbo", "nope"))).isInstanceOf(ConnectorException.class)
                    .hasMessageStartingWith("Table 'dbo.nope' was not found in database 'BFSI_Test'.");
        }
    }

    @Test
    void case5ReadsTenRows() throws Exception {
        try (DatabaseConnector c = connector(); RootAllocator allocator = new RootAllocator();
                ArrowReader reader = c.readQuery("SELECT TOP 10 * FROM dbo.customers ORDER BY customer_id",
                        ReadOptions.defaults(), allocator)) {
            List<Map<String, Object>> rows = rows(reader);
            assertThat(rows).hasSize(10);
            assertThat(rows.get(2)).containsEntry("customer_id", 3).containsEntry("first_name", "Zoë")
                    .containsEntry("last_name", "Müller").containsEntry("email", null)
                    .containsEntry("credit_limit", new BigDecimal("4000.00"));
        }
    }

    @Test
    void case6ReadsAll500RowsInBatches() throws Exception {
        try (DatabaseConnector c = connector(); RootAllocator allocator = new RootAllocator();
                ArrowReader reader = c.readTable(TableId.of("dbo", "customers"), ReadOptions.defaults().withBatchSize(100),
                        allocator)) {
            int batches = 0;
            long rows = 0;
            while (reader.loadNextBatch()) {
                batches++;
                rows += reader.getVectorSchemaRoot().getRowCount();
            }
            assertThat(rows).isEqualTo(500);
            assertThat(batches).isEqualTo(5);
        }
    }

    @Test
    void case7And8NullsAndTypes() throws Exception {
        try (DatabaseConnector c = connector()) {
            List<Map<String, Object>> rows = readAll(c, TableId.of("dbo", "customers"), ReadOptions.defaults());
            assertThat(rows.stream().filter(r -> r.get("email") == null)).hasSize(50);
            assertThat(rows.stream().filter(r -> r.get("phone") == null)).hasSize(50);
            assertThat(rows.stream().filter(r -> r.get("modified_date") == null)).hasSize(50);
            Map<String, Object> first = rows.stream().filter(r -> r.get("customer_id").equals(1)).findFirst().orElseThrow();
            assertThat(first).containsEntry("is_active", true).containsEntry("date_of_birth", -7208) // 1950-04-08
                    .containsEntry("created_at", 1_672_535_580_000L) // 2023-01-01T01:13:00 as UTC wall clock
                    .containsEntry("account_balance", new BigDecimal("79.19"));
        }
    }

    private static final String TYPES_TABLE = "CREATE TABLE dbo.all_types (id int NOT NULL PRIMARY KEY, c_bit bit, "
            + "c_tinyint tinyint, c_smallint smallint, c_int int, c_bigint bigint, c_decimal decimal(38,10), "
            + "c_money money, c_smallmoney smallmoney, c_float float, c_real real, c_date date, c_time time(7), "
            + "c_datetime datetime, c_smalldatetime smalldatetime, c_datetime2 datetime2(7), c_dto datetimeoffset(7), "
            + "c_char char(3), c_varchar varchar(max), c_nchar nchar(3), c_nvarchar nvarchar(max), c_text text, "
            + "c_ntext ntext, c_xml xml, c_binary binary(4), c_varbinary varbinary(max), c_image image, "
            + "c_rv rowversion, c_guid uniqueidentifier, c_variant sql_variant, c_geography geography, "
            + "c_geometry geometry, c_hierarchyid hierarchyid);\n"
            + "INSERT INTO dbo.all_types (id, c_bit, c_tinyint, c_smallint, c_int, c_bigint, c_decimal, c_money, "
            + "c_smallmoney, c_float, c_real, c_date, c_time, c_datetime, c_smalldatetime, c_datetime2, c_dto, c_char, "
            + "c_varchar, c_nchar, c_nvarchar, c_text, c_ntext, c_xml, c_binary, c_varbinary, c_image, c_guid, c_variant, "
            + "c_geography, c_geometry, c_hierarchyid) VALUES "
            + "(1, 0, 0, -32768, -2147483648, -9223372036854775808, -9999999999999999999999999999.9999999999, "
            + "-922337203685477.5808, -214748.3648, -1.79E+308, -3.40E+38, '0001-01-01', '00:00:00', "
            + "'1753-01-01T00:00:00', '1900-01-01T00:00:00', '0001-01-01T00:00:00', '0001-01-01T00:00:00+00:00', "
            + "'a', 'a', N'a', N'a', 'a', N'a', '<a/>', 0x00000000, 0x, 0x00, "
            + "'00000000-0000-0000-0000-000000000000', CAST(123 AS int), geography::Point(47.65, -122.34, 4326), "
            + "geometry::STGeomFromText('POINT(1 2)', 0), hierarchyid::GetRoot()),\n"
            + "(2, 1, 255, 32767, 2147483647, 9223372036854775807, 9999999999999999999999999999.9999999999, "
            + "922337203685477.5807, 214748.3647, 1.79E+308, 3.40E+38, '9999-12-31', '23:59:59.9999999', "
            + "'9999-12-31T23:59:59.997', '2079-06-06T23:59:00', '9999-12-31T23:59:59.9999999', "
            + "'9999-12-31T23:59:59.9999999+00:00', 'xyz', REPLICATE('x', 9000), N'Zoë', N'Zoë 北京 🚀', 'text', N'北京', "
            + "'<r><b>1</b></r>', 0xFFFFFFFF, 0xDEADBEEF, 0xFF, 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', "
            + "CAST('2024-01-02T03:04:05.857' AS datetime), geography::Point(47.65, -122.34, 4326), "
            + "geometry::STGeomFromText('POINT(1 2)', 0), hierarchyid::Parse('/1/3/')),\n"
            + "(3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
            + "'2024-01-02T03:04:05.1234567+05:30', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
            + "CAST(1.0E0/3 AS float), NULL, NULL, NULL);\n";

    @Test
    void everyTypeRoundTrips() throws Exception {
        runScript("DROP TABLE IF EXISTS dbo.all_types;\n" + TYPES_TABLE);
        TableId t = TableId.of("dbo", "all_types");
        try (DatabaseConnector c = connector()) {
            List<Map<String, Object>> rows = readAll(c, t, ReadOptions.defaults()); // microseconds, the default
            assertThat(rows).hasSize(3);
            Map<Object, Map<String, Object>> byId = new LinkedHashMap<>();
            rows.forEach(r -> byId.put(r.get("id"), r));
            Map<String, Object> min = byId.get(1);
            Map<String, Object> max = byId.get(2);
            Map<String, Object> nul = byId.get(3);
            assertThat(min).containsEntry("c_bit", false).containsEntry("c_tinyint", (short) 0)
                    .containsEntry("c_smallint", (short) -32768).containsEntry("c_int", Integer.MIN_VALUE)
                    .containsEntry("c_bigint", Long.MIN_VALUE)
                    .containsEntry("c_decimal", new BigDecimal("-9999999999999999999999999999.9999999999"))
                    .containsEntry("c_money", new BigDecimal("-922337203685477.5808"))
                    .containsEntry("c_smallmoney", new BigDecimal("-214748.3648")).containsEntry("c_float", -1.79E308)
                    .containsEntry("c_real", -3.40E38f).containsEntry("c_date", -719162).containsEntry("c_time", 0L)
                    .containsEntry("c_datetime", -6_847_804_800_000L).containsEntry("c_smalldatetime", -2_208_988_800_000L)
                    .containsEntry("c_datetime2", -62_135_596_800_000_000L).containsEntry("c_dto", -62_135_596_800_000_000L)
                    .containsEntry("c_char", "a  ").containsEntry("c_nchar", "a  ").containsEntry("c_xml", "<a/>")
                    .containsEntry("c_binary", "00000000").containsEntry("c_varbinary", "")
                    .containsEntry("c_guid", "00000000000000000000000000000000").containsEntry("c_variant", "123")
                    .containsEntry("c_geometry", "0101000000000000000000f03f0000000000000040")
                    .containsEntry("c_hierarchyid", "/");
            assertThat(min.get("c_geography")).isEqualTo(wkbPoint(-122.34, 47.65));
            assertThat(max).containsEntry("c_bit", true).containsEntry("c_tinyint", (short) 255)
                    .containsEntry("c_smallint", (short) 32767).containsEntry("c_int", Integer.MAX_VALUE)
                    .containsEntry("c_bigint", Long.MAX_VALUE)
                    .containsEntry("c_decimal", new BigDecimal("9999999999999999999999999999.9999999999"))
                    .containsEntry("c_money", new BigDecimal("922337203685477.5807"))
                    .containsEntry("c_smallmoney", new BigDecimal("214748.3647")).containsEntry("c_float", 1.79E308)
                    .containsEntry("c_real", 3.40E38f).containsEntry("c_date", 2932896)
                    .containsEntry("c_time", 86_399_999_999L).containsEntry("c_datetime", 253_402_300_799_997L)
                    .containsEntry("c_smalldatetime", 3_453_321_540_000L)
                    .containsEntry("c_datetime2", 253_402_300_799_999_999L).containsEntry("c_dto", 253_402_300_799_999_999L)
                    .containsEntry("c_varchar", "x".repeat(8000)) // REPLICATE of a non-max literal stops at 8000
                    .containsEntry("c_nvarchar", "Zoë 北京 🚀").containsEntry("c_ntext", "北京")
                    .containsEntry("c_xml", "<r><b>1</b></r>").containsEntry("c_binary", "ffffffff")
                    .containsEntry("c_varbinary", "deadbeef").containsEntry("c_image", "ff")
                    .containsEntry("c_guid", "ffffffffffffffffffffffffffffffff")
                    .containsEntry("c_variant", "2024-01-02T03:04:05.857").containsEntry("c_hierarchyid", "/1/3/");
            assertThat(nul).containsEntry("c_dto", 1_704_144_845_123_456L);
            // float style 3 keeps 17 significant digits: the text parses back to the same double.
            assertThat(Double.parseDouble((String) nul.get("c_variant"))).isEqualTo(1.0 / 3);
            assertThat(nul.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey))
                    .hasSize(29).doesNotContain("c_rv", "id");
            assertThat(rows).extracting(r -> ((String) r.get("c_rv")).length()).containsOnly(16);

            // Under EXACT, 100 ns values outside 1677..2262 fail, naming the column and value.
            assertThatThrownBy(() -> readAll(c, t, ReadOptions.defaults().withTemporalPrecision(TemporalPrecision.EXACT)))
                    .hasMessageStartingWith("Cannot read 'dbo.all_types': value 0001-01-01T00:00 of column 'c_datetime2' is outside the range of a nanosecond timestamp");
        }
    }

    private static String wkbPoint(double x, double y) {
        ByteBuffer b = ByteBuffer.allocate(21).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 1).putInt(1).putDouble(x).putDouble(y);
        return HexFormat.of().formatHex(b.array());
    }

    @Test
    void rowversionWindowsMissNoInFlightTransaction() throws Exception {
        runScript("DROP TABLE IF EXISTS dbo.rv_t;\nCREATE TABLE dbo.rv_t (id int NOT NULL PRIMARY KEY, v nvarchar(10), rv rowversion);\n"
                + "INSERT INTO dbo.rv_t (id, v) VALUES (1, N'a'), (2, N'b'), (3, N'c');\n");
        TableId t = TableId.of("dbo", "rv_t");
        try (DatabaseConnector c = connector(); RootAllocator allocator = new RootAllocator()) {
            WatermarkPosition next;
            try (IncrementalRead read = c.readIncremental(IncrementalRequest.initial(t, "rv"), ReadOptions.defaults(), allocator)) {
                assertThat(rows(read.reader())).extracting(r -> r.get("id")).containsExactlyInAnyOrder(1, 2, 3);
                assertThat(read.window().watermarkType()).isEqualTo(Watermark.Type.ROWVERSION);
                assertThat(read.window().upperInclusive()).isFalse();
                next = read.window().nextPosition().orElseThrow();
            }
            // Inside the next window: a committed change (id 1), then a row still uncommitted when the window
            // is planned (id 4), then a committed change above it (id 2). The window must end at the
            // uncommitted row (MIN_ACTIVE_ROWVERSION()): it reads id 1, and neither the in-flight row nor the
            // committed one above it, which both come in the window after.
            runScript("UPDATE dbo.rv_t SET v = N'a2' WHERE id = 1;\n");
            try (Connection writer = DriverManager.getConnection(new SqlServerDialect().jdbcUrl(config),
                    new SqlServerDialect().driverProperties(config)); Statement s = writer.createStatement()) {
                writer.setAutoCommit(false);
                s.executeUpdate("INSERT INTO dbo.rv_t (id, v) VALUES (4, N'in flight')");
                runScript("UPDATE dbo.rv_t SET v = N'b2' WHERE id = 2;\n");
                IncrementalWindow planned = c.planIncremental(IncrementalRequest.after(t, "rv", next));
                writer.commit();
                try (ArrowReader reader = c.readWindow(planned, ReadOptions.defaults(), allocator)) {
                    assertThat(rows(reader)).extracting(r -> r.get("id") + "=" + r.get("v")).containsExactly("1=a2");
                }
                next = planned.nextPosition().orElseThrow();
            }
            try (IncrementalRead read = c.readIncremental(IncrementalRequest.after(t, "rv", next), ReadOptions.defaults(),
                    allocator)) {
                assertThat(rows(read.reader())).extracting(r -> r.get("id") + "=" + r.get("v"))
                        .containsExactlyInAnyOrder("4=in flight", "2=b2");
            }
        }
    }

    @Test
    void datetimeWatermarksCompareAsDatetime() throws Exception {
        runScript("DROP TABLE IF EXISTS dbo.dt_t;\nCREATE TABLE dbo.dt_t (id int NOT NULL PRIMARY KEY, m datetime NOT NULL);\n"
                + "INSERT INTO dbo.dt_t VALUES (1, '2024-01-01T10:00:00.857'), (2, '2024-01-01T10:00:00.857'), "
                + "(3, '2024-01-01T11:00:00');\n");
        TableId t = TableId.of("dbo", "dt_t");
        try (DatabaseConnector c = connector(); RootAllocator allocator = new RootAllocator()) {
            WatermarkPosition at857 = new WatermarkPosition(Watermark.ofTimestamp(
                    java.time.LocalDateTime.parse("2024-01-01T10:00:00.857")), false);
            try (IncrementalRead read = c.readIncremental(IncrementalRequest.after(t, "m", at857)
                    .withUpperBound(io.flowforge.connector.UpperBoundStrategy.MAX_INCLUSIVE), ReadOptions.defaults(), allocator)) {
                // .857 is stored as the tick .8566667: compared as datetime2 the two rows would be missed.
                assertThat(rows(read.reader())).extracting(r -> r.get("id")).containsExactlyInAnyOrder(1, 2, 3);
            }
        }
    }
}

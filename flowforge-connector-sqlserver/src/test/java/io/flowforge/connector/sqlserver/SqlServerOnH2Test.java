package io.flowforge.connector.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.IncrementalRead;
import io.flowforge.connector.IncrementalRequest;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.UpperBoundStrategy;
import io.flowforge.connector.jdbc.DefaultJdbcDialect;
import io.flowforge.connector.jdbc.JdbcColumn;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SQL this dialect generates, run on H2 in {@code MODE=MSSQLServer}: {@code [ ]} quoting of
 * hostile names (H2 2.4 does not accept {@code ]]} inside brackets, so the doubling of {@code ]}
 * is pinned in {@link SqlServerDialectTest} only), TOP, and incremental windows with bound parameters. H2 has no {@code sys.*}
 * catalog, so columns come from JDBC metadata, renamed to the SQL Server types the catalog would
 * report; H2's driver answers, so nothing here checks mssql-jdbc.
 */
class SqlServerOnH2Test {

    private static final String TABLE = "we\"ird [t able; --'";
    private String url;
    private Connection keepAlive;

    /** SQL Server's dialect, except the catalog (JDBC metadata) and the driver properties H2 would reject. */
    private static final class H2CatalogDialect extends SqlServerDialect {
        private final DefaultJdbcDialect metadata = new DefaultJdbcDialect();
        private final Map<String, String> sqlServerTypes;

        H2CatalogDialect(Map<String, String> sqlServerTypes) {
            this.sqlServerTypes = sqlServerTypes;
        }

        @Override
        public Properties driverProperties(ConnectionConfig config) {
            return metadata.driverProperties(config);
        }

        @Override
        public List<JdbcColumn> columns(Connection connection, TableId table) throws SQLException {
            List<JdbcColumn> out = new ArrayList<>();
            for (JdbcColumn c : metadata.columns(connection, table)) {
                out.add(new JdbcColumn(c.name(), c.ordinal(), c.jdbcType(), sqlServerTypes.getOrDefault(c.name(), c.typeName()),
                        c.precision(), c.scale(), c.nullable()));
            }
            return out;
        }
    }

    @BeforeEach
    void createTable() throws SQLException {
        url = "jdbc:h2:mem:sqlserver_" + System.nanoTime() + ";MODE=MSSQLServer;DB_CLOSE_DELAY=-1";
        keepAlive = DriverManager.getConnection(url, "sa", "");
        try (Statement s = keepAlive.createStatement()) {
            // SQL Server's clock function, which H2 lacks; planning stamps its observations with it.
            s.execute("CREATE ALIAS SYSUTCDATETIME FOR \"" + H2SqlServerFunctions.class.getName() + ".sysUtcDateTime\"");
            s.execute("CREATE TABLE [we\"ird [t able; --'] ([id] INT PRIMARY KEY, [modified] DATETIME, "
                    + "[na me\"] NVARCHAR(50), [amount] DECIMAL(15,2))");
            s.execute("INSERT INTO [we\"ird [t able; --'] VALUES "
                    + "(1, '2024-01-01 10:00:00.857', 'a', 1.50), (2, '2024-01-01 10:00:00.857', 'b', 2.00), "
                    + "(3, '2024-01-01 11:00:00', 'x'']; DROP TABLE t; --', NULL), (4, '2024-01-01 12:00:00', NULL, 4.25), "
                    + "(5, NULL, 'no date', 5.00)");
            s.execute("SET QUERY_STATISTICS TRUE");
        }
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        try (Statement s = keepAlive.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    private SqlServerConnector connector() {
        ConnectionConfig config = ConnectionConfig.builder().jdbcUrl(url).username("sa").password("").build();
        return new SqlServerConnector(config, new H2CatalogDialect(Map.of("id", "int", "modified", "datetime",
                "na me\"", "nvarchar", "amount", "decimal")));
    }

    private static List<String> rows(ArrowReader reader) throws IOException {
        List<String> out = new ArrayList<>();
        while (reader.loadNextBatch()) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            for (int r = 0; r < root.getRowCount(); r++) {
                List<String> cells = new ArrayList<>();
                for (var v : root.getFieldVectors()) {
                    cells.add(String.valueOf(v.getObject(r)));
                }
                out.add(String.join("|", cells));
            }
        }
        return out;
    }

    private List<String> statementsRun(String fragment) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = keepAlive.createStatement();
                ResultSet rs = s.executeQuery("SELECT SQL_STATEMENT FROM INFORMATION_SCHEMA.QUERY_STATISTICS")) {
            while (rs.next()) {
                if (rs.getString(1).contains(fragment)) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    @Test
    void readsATableWithAHostileNameAndHostileValues() throws Exception {
        try (SqlServerConnector c = connector(); RootAllocator allocator = new RootAllocator();
                ArrowReader reader = c.readTable(TableId.of(null, TABLE), ReadOptions.defaults(), allocator)) {
            assertThat(reader.getVectorSchemaRoot().getSchema().getFields()).extracting(f -> f.getName())
                    .containsExactly("id", "modified", "na me\"", "amount");
            assertThat(rows(reader)).containsExactly(
                    "1|2024-01-01T10:00:00.857|a|1.50", "2|2024-01-01T10:00:00.857|b|2.00",
                    "3|2024-01-01T11:00|x']; DROP TABLE t; --|null", "4|2024-01-01T12:00|null|4.25",
                    "5|null|no date|5.00");
        }
        assertThat(statementsRun("FROM [we\"ird [t able; --']"))
                .contains("SELECT [id], [modified], [na me\"], [amount] FROM [we\"ird [t able; --']");
    }

    @Test
    void topInAQuery() throws Exception {
        try (SqlServerConnector c = connector(); RootAllocator allocator = new RootAllocator();
                ArrowReader reader = c.readQuery("SELECT TOP 2 [id], [na me\"] FROM [we\"ird [t able; --'] ORDER BY [id] DESC",
                        ReadOptions.defaults(), allocator)) {
            assertThat(rows(reader)).containsExactly("5|no date", "4|null");
        }
    }

    @Test
    void incrementalWindowsOnADatetimeColumnBindTheirBoundsAsDatetime() throws Exception {
        TableId table = TableId.of(null, TABLE);
        try (SqlServerConnector c = connector(); RootAllocator allocator = new RootAllocator()) {
            // H2 shows no open transactions and nothing writes concurrently here: lag 0 keeps this about binding.
            IncrementalRequest first = IncrementalRequest.initial(table, "modified")
                    .withUpperBound(UpperBoundStrategy.MAX_EXCLUSIVE).withLag(java.time.Duration.ZERO);
            List<String> firstRows;
            var next = (io.flowforge.connector.WatermarkPosition) null;
            try (IncrementalRead read = c.readIncremental(first, ReadOptions.defaults(), allocator)) {
                firstRows = rows(read.reader());
                next = read.window().nextPosition().orElseThrow();
            }
            // The newest value (12:00) may still gain rows, so it waits for the next run; NULLs come on the first.
            assertThat(firstRows).extracting(r -> r.substring(0, 1)).containsExactlyInAnyOrder("5", "1", "2", "3");
            assertThat(next.value().value()).isEqualTo("2024-01-01T12:00");
            assertThat(next.valueConsumed()).isFalse();

            try (Statement s = keepAlive.createStatement()) {
                s.execute("INSERT INTO [we\"ird [t able; --'] VALUES (6, '2024-01-01 12:00:00', 'same instant', 6.00), "
                        + "(7, '2024-01-01 13:00:00', 'later', 7.00)");
            }
            try (IncrementalRead read = c.readIncremental(IncrementalRequest.after(table, "modified", next)
                    .withUpperBound(UpperBoundStrategy.MAX_EXCLUSIVE).withLag(java.time.Duration.ZERO), ReadOptions.defaults(), allocator)) {
                assertThat(rows(read.reader())).extracting(r -> r.substring(0, 1)).containsExactlyInAnyOrder("4", "6");
                assertThat(read.window().upper().orElseThrow().value()).isEqualTo("2024-01-01T13:00");
            }
        }
        List<String> windowSql = statementsRun("CAST(? AS datetime)");
        assertThat(windowSql).contains(
                "SELECT [id], [modified], [na me\"], [amount] FROM [we\"ird [t able; --'] WHERE ([modified] < CAST(? AS datetime) "
                        + "OR [modified] IS NULL)",
                "SELECT [id], [modified], [na me\"], [amount] FROM [we\"ird [t able; --'] WHERE [modified] >= CAST(? AS datetime) "
                        + "AND [modified] < CAST(? AS datetime)");
        assertThat(statementsRun("ORDER BY [modified]")).as("a fixed window needs no sort").isEmpty();
        assertThat(String.join("\n", statementsRun("modified"))).doesNotContain("2024-01-01");
    }

    @Test
    void splitsOfABigintAtItsLimitsBindOnlyLongsAndReadEveryRowOnce() throws Exception {
        try (Statement s = keepAlive.createStatement()) {
            s.execute("CREATE TABLE [lim] ([id] BIGINT NOT NULL PRIMARY KEY)");
            s.execute("INSERT INTO [lim] VALUES (-9223372036854775808), (0), (9223372036854775806), (9223372036854775807)");
        }
        ConnectionConfig config = ConnectionConfig.builder().jdbcUrl(url).username("sa").password("").build();
        try (SqlServerConnector c = new SqlServerConnector(config, new H2CatalogDialect(Map.of("id", "bigint")));
                RootAllocator allocator = new RootAllocator()) {
            for (int n : new int[] {1, 2, 3}) {
                List<String> ids = new ArrayList<>();
                for (var split : c.planSplits(TableId.of(null, "lim"), java.util.Optional.of("id"), n)) {
                    assertThat(split.range().upper().orElseThrow().toJavaValue()).isInstanceOf(Long.class);
                    try (ArrowReader r = c.readSplit(split, ReadOptions.defaults(), allocator)) {
                        ids.addAll(rows(r));
                    }
                }
                assertThat(ids).as(n + " splits").containsExactlyInAnyOrder(
                        "-9223372036854775808", "0", "9223372036854775806", "9223372036854775807");
            }
        }
    }

    @Test
    void moneyWatermarksCompareAsMoney() throws Exception {
        try (Statement s = keepAlive.createStatement()) {
            s.execute("CREATE TABLE [pay] ([id] INT PRIMARY KEY, [amount] MONEY NOT NULL)");
            s.execute("INSERT INTO [pay] VALUES (1, 10.0000), (2, 10.5000), (3, 922337203685477.5807)");
        }
        ConnectionConfig config = ConnectionConfig.builder().jdbcUrl(url).username("sa").password("").build();
        TableId pay = TableId.of(null, "pay");
        try (SqlServerConnector c = new SqlServerConnector(config, new H2CatalogDialect(Map.of("id", "int", "amount", "money")));
                RootAllocator allocator = new RootAllocator()) {
            var next = new io.flowforge.connector.WatermarkPosition(io.flowforge.connector.Watermark.ofDecimal(
                    new java.math.BigDecimal("10.0000")), true);
            // No writer here and H2 shows no transactions: lag 0 keeps the test about binding.
            try (IncrementalRead read = c.readIncremental(IncrementalRequest.after(pay, "amount", next)
                    .withUpperBound(UpperBoundStrategy.MAX_INCLUSIVE).withLag(java.time.Duration.ZERO),
                    ReadOptions.defaults(), allocator)) {
                assertThat(rows(read.reader())).containsExactlyInAnyOrder("2|10.5000", "3|922337203685477.5807");
            }
        }
        assertThat(statementsRun("FROM [pay] WHERE")).contains(
                "SELECT [id], [amount] FROM [pay] WHERE [amount] > CAST(? AS money) AND [amount] <= CAST(? AS money)");
    }

    @Test
    void databaseNowUpperBoundUsesGetdate() throws Exception {
        TableId table = TableId.of(null, TABLE);
        try (SqlServerConnector c = connector(); RootAllocator allocator = new RootAllocator();
                IncrementalRead read = c.readIncremental(IncrementalRequest.initial(table, "modified"),
                        ReadOptions.defaults(), allocator)) {
            assertThat(rows(read.reader())).hasSize(5);
            assertThat(read.window().upperInclusive()).isFalse();
        }
        assertThat(statementsRun("GETDATE()")).contains("SELECT GETDATE()");
    }
}

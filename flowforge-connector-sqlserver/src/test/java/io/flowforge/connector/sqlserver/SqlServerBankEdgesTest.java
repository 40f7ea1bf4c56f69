package io.flowforge.connector.sqlserver;

import static io.flowforge.connector.sqlserver.SqlServerConnectorTest.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.IncrementalRead;
import io.flowforge.connector.IncrementalRequest;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.TableInfo;
import io.flowforge.connector.TableSplit;
import io.flowforge.connector.UpperBoundStrategy;
import io.flowforge.connector.Watermark;
import io.flowforge.connector.WatermarkPosition;
import io.flowforge.connector.arrow.ConversionCount;
import io.flowforge.connector.arrow.ConversionReport;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.flowforge.connector.testkit.SqlServerContainers;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mssqlserver.MSSQLServerContainer;

/**
 * Issue 18's cases against a real SQL Server 2022 in a container: sentinel dates, bigint split
 * bounds, datetimeoffset before 1583, a long wait for the first rows, snapshot reads past
 * uncommitted rows, a watermark in another code page, the catalog's precisions and sysdiagrams, and
 * the oldest open transaction. Skipped where Docker is absent: none of it has run on the machine it
 * was written on.
 */
@Testcontainers(disabledWithoutDocker = true)
class SqlServerBankEdgesTest {

    static final MSSQLServerContainer MSSQL = SqlServerContainers.shared();

    private static ConnectionConfig config;

    @BeforeAll
    static void createDatabase() throws Exception {
        SqlServerContainers.started();
        try (Connection c = DriverManager.getConnection(MSSQL.getJdbcUrl(), MSSQL.getUsername(), MSSQL.getPassword());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE Bank COLLATE SQL_Latin1_General_CP1_CI_AS");
            s.execute("ALTER DATABASE Bank SET ALLOW_SNAPSHOT_ISOLATION ON");
        }
        config = ConnectionConfig.builder().host(MSSQL.getHost()).port(MSSQL.getMappedPort(1433)).database("Bank")
                .username(MSSQL.getUsername()).password(MSSQL.getPassword())
                .property("trustServerCertificate", "true").build();
    }

    /** A plain mssql-jdbc session (program_name is the driver's, not FlowForge's), autocommit as given. */
    private static Connection session(boolean autoCommit, Properties extra) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", MSSQL.getUsername());
        p.setProperty("password", MSSQL.getPassword());
        p.setProperty("trustServerCertificate", "true");
        p.setProperty("databaseName", "Bank");
        p.putAll(extra);
        Connection c = DriverManager.getConnection("jdbc:sqlserver://" + MSSQL.getHost() + ":" + MSSQL.getMappedPort(1433), p);
        c.setAutoCommit(autoCommit);
        return c;
    }

    private static void sql(String... statements) throws SQLException {
        try (Connection c = session(true, new Properties()); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static List<Object> column(ArrowReader reader, String name) throws Exception {
        return rows(reader).stream().map(r -> r.get(name)).toList();
    }

    @Test
    void item1SentinelDatesReadByDefaultAndTheDroppedDigitsAreCounted() throws Exception {
        sql("CREATE TABLE dbo.scd (id int PRIMARY KEY, valid_to datetime2(7) NOT NULL, at_time time(7))",
                "INSERT INTO dbo.scd VALUES (1, '9999-12-31T23:59:59.9999999', '23:59:59.9999999'),"
                        + " (2, '0001-01-01T00:00:00', '00:00:00'), (3, '2024-01-02T03:04:05.1234560', NULL)");
        try (DatabaseConnector c = Connectors.open("sql-server", config); RootAllocator allocator = new RootAllocator();
                ArrowReader r = c.readTable(TableId.of("dbo", "scd"), ReadOptions.defaults(), allocator)) {
            List<Map<String, Object>> rows = rows(r);
            assertThat(rows).extracting(m -> m.get("valid_to")).containsExactlyInAnyOrder(
                    253_402_300_799_999_999L, -62_135_596_800_000_000L, 1_704_164_645_123_456L);
            assertThat(ConversionReport.of(r)).extracting(ConversionCount::describe).containsExactly(
                    "dbo.scd.valid_to: 1 values with a non-zero 7th (or later) fractional digit truncated to microseconds",
                    "dbo.scd.at_time: 1 values with a non-zero 7th (or later) fractional digit truncated to microseconds");
        }
    }

    @Test
    void item2TheLastSplitOfABigintAtItsMaximumReadsItsRows() throws Exception {
        sql("CREATE TABLE dbo.big_keys (id bigint NOT NULL PRIMARY KEY, v int)",
                "INSERT INTO dbo.big_keys VALUES (-9223372036854775808, 1), (9223372036854775806, 2), (9223372036854775807, 3)");
        try (DatabaseConnector c = Connectors.open("sql-server", config); RootAllocator allocator = new RootAllocator()) {
            for (int n : new int[] {1, 2, 3}) {
                List<Object> ids = new ArrayList<>();
                for (TableSplit split : c.planSplits(TableId.of("dbo", "big_keys"), Optional.empty(), n)) {
                    try (ArrowReader r = c.readSplit(split, ReadOptions.defaults(), allocator)) {
                        ids.addAll(column(r, "id"));
                    }
                }
                assertThat(ids).as(n + " splits").containsExactlyInAnyOrder(Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE);
            }
        }
    }

    @Test
    void item3DatetimeoffsetBefore1583IsReadExactlyByATableReadAndRefusedByAQuery() throws Exception {
        sql("CREATE TABLE dbo.old_dto (id int PRIMARY KEY, dto datetimeoffset(7))",
                "INSERT INTO dbo.old_dto VALUES (1, '1582-10-10T12:00:00+00:00'), (2, '1500-03-01T00:30:00+01:00'),"
                        + " (3, '0001-01-01T00:00:00+00:00')");
        try (DatabaseConnector c = Connectors.open("sql-server", config); RootAllocator allocator = new RootAllocator()) {
            try (ArrowReader r = c.readTable(TableId.of("dbo", "old_dto"), ReadOptions.defaults(), allocator)) {
                assertThat(column(r, "dto")).containsExactlyInAnyOrder(
                        micros("1582-10-10T12:00:00"), micros("1500-02-28T23:30:00"), micros("0001-01-01T00:00:00"));
            }
            try (ArrowReader r = c.readQuery("SELECT dto FROM dbo.old_dto WHERE id = 1", ReadOptions.defaults(), allocator)) {
                assertThatThrownBy(r::loadNextBatch).isInstanceOf(ConnectorException.class)
                        .hasMessageContaining("is before 1583-01-01, which mssql-jdbc decodes through the Julian calendar");
            }
        }
    }

    private static long micros(String utc) {
        LocalDateTime t = LocalDateTime.parse(utc);
        return t.toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1_000;
    }

    @Test
    void item5AndItem6ALongWaitForTheFirstRowOutlivesTheSocketTimeoutAndSnapshotDoesNotWait() throws Exception {
        sql("CREATE TABLE dbo.locked (id int PRIMARY KEY, v nvarchar(10))", "INSERT INTO dbo.locked VALUES (1, N'old')");
        ConnectionConfig shortSocket = ConnectionConfig.builder().host(MSSQL.getHost()).port(MSSQL.getMappedPort(1433))
                .database("Bank").username(MSSQL.getUsername()).password(MSSQL.getPassword())
                .property("trustServerCertificate", "true").socketTimeout(Duration.ofSeconds(2)).build();
        try (Connection writer = session(false, new Properties()); Statement w = writer.createStatement();
                RootAllocator allocator = new RootAllocator()) {
            w.executeUpdate("UPDATE dbo.locked SET v = N'new' WHERE id = 1"); // uncommitted: holds an X lock
            // Snapshot (the database allows it, so auto takes it): the committed value, at once.
            try (DatabaseConnector c = Connectors.open("sql-server", shortSocket);
                    ArrowReader r = c.readTable(TableId.of("dbo", "locked"), ReadOptions.defaults(), allocator)) {
                assertThat(column(r, "v")).containsExactly("old");
            }
            // Locking READ COMMITTED waits behind the lock, longer than the 2 s socket timeout; the writer
            // commits after 4 s, and the read must then finish rather than die with "Read timed out".
            CompletableFuture<Void> commitLater = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(4_000);
                    writer.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (DatabaseConnector c = Connectors.open("sql-server", ConnectionConfig.builder().host(MSSQL.getHost())
                    .port(MSSQL.getMappedPort(1433)).database("Bank").username(MSSQL.getUsername())
                    .password(MSSQL.getPassword()).property("trustServerCertificate", "true")
                    .property("flowforge.isolation", "read_committed").socketTimeout(Duration.ofSeconds(2)).build());
                    ArrowReader r = c.readTable(TableId.of("dbo", "locked"), ReadOptions.defaults(), allocator)) {
                assertThat(column(r, "v")).containsExactly("new");
            }
            commitLater.join();
        }
    }

    @Test
    void item6SnapshotIsRefusedWhereTheDatabaseDoesNotAllowIt() throws Exception {
        sql("CREATE TABLE dbo.plain (id int PRIMARY KEY)");
        try (Connection c = DriverManager.getConnection(MSSQL.getJdbcUrl(), MSSQL.getUsername(), MSSQL.getPassword());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE NoVersions");
        }
        ConnectionConfig noVersions = ConnectionConfig.builder().host(MSSQL.getHost()).port(MSSQL.getMappedPort(1433))
                .database("NoVersions").username(MSSQL.getUsername()).password(MSSQL.getPassword())
                .property("trustServerCertificate", "true").property("flowforge.isolation", "snapshot").build();
        try (DatabaseConnector c = Connectors.open("sql-server", noVersions); RootAllocator allocator = new RootAllocator()) {
            assertThatThrownBy(() -> c.readQuery("SELECT 1 AS x", ReadOptions.defaults(), allocator))
                    .hasMessage("flowforge.isolation=snapshot needs snapshot isolation in database 'NoVersions', which does "
                            + "not allow it: ALTER DATABASE [NoVersions] SET ALLOW_SNAPSHOT_ISOLATION ON, or use "
                            + "flowforge.isolation=auto to read under READ COMMITTED.");
        }
    }

    @Test
    void item7AVarcharWatermarkInAnotherCodePageSelectsTheRightRows() throws Exception {
        sql("CREATE TABLE dbo.names (id int PRIMARY KEY, n varchar(20) COLLATE Cyrillic_General_CI_AS NOT NULL)",
                "INSERT INTO dbo.names VALUES (1, N'Жук'), (2, N'Жука'), (3, N'Яблоко')");
        TableId t = TableId.of("dbo", "names");
        try (DatabaseConnector c = Connectors.open("sql-server", config); RootAllocator allocator = new RootAllocator();
                IncrementalRead read = c.readIncremental(IncrementalRequest.after(t, "n",
                        new WatermarkPosition(Watermark.ofString("Жук"), true)).withUpperBound(UpperBoundStrategy.MAX_INCLUSIVE),
                        ReadOptions.defaults(), allocator)) {
            // Through the database's code page (1252) 'Жук' would be '???', below every Cyrillic name.
            assertThat(column(read.reader(), "id")).containsExactlyInAnyOrder(2, 3);
        }
    }

    @Test
    void item7MoneyWatermarksTheCatalogsPrecisionsAndSysdiagrams() throws Exception {
        sql("CREATE TABLE dbo.pay (id int PRIMARY KEY, amount money NOT NULL, f float, r real, v sql_variant)",
                "CREATE INDEX ix_amount ON dbo.pay (amount)",
                "INSERT INTO dbo.pay (id, amount) VALUES (1, 10.0000), (2, 10.5000), (3, 922337203685477.5807)",
                "CREATE TABLE dbo.sysdiagrams (name sysname NOT NULL, principal_id int NOT NULL, diagram_id int PRIMARY KEY)",
                "EXEC sys.sp_addextendedproperty @name = N'microsoft_database_tools_support', @value = 1,"
                        + " @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'sysdiagrams'");
        try (DatabaseConnector c = Connectors.open("sql-server", config); RootAllocator allocator = new RootAllocator()) {
            try (IncrementalRead read = c.readIncremental(IncrementalRequest.after(TableId.of("dbo", "pay"), "amount",
                    new WatermarkPosition(Watermark.ofDecimal(new java.math.BigDecimal("10.0000")), true))
                    .withUpperBound(UpperBoundStrategy.MAX_INCLUSIVE), ReadOptions.defaults(), allocator)) {
                assertThat(column(read.reader(), "id")).containsExactlyInAnyOrder(2, 3);
            }
            var schema = c.getSchema(TableId.of("dbo", "pay"));
            assertThat(schema.column("f").orElseThrow().precision()).isEqualTo(15);
            assertThat(schema.column("r").orElseThrow().precision()).isEqualTo(7);
            assertThat(schema.column("v").orElseThrow().precision()).isEqualTo(0);
            assertThat(c.listTables()).extracting(TableInfo::id).extracting(TableId::qualifiedName)
                    .contains("dbo.pay").doesNotContain("dbo.sysdiagrams");
        }
    }

    @Test
    void item7AnIpv6LiteralHostConnects() {
        org.junit.jupiter.api.Assumptions.assumeTrue(MSSQL.getHost().equals("localhost") || MSSQL.getHost().equals("127.0.0.1"),
                "the container's port is published on this host");
        ConnectionConfig v6 = ConnectionConfig.builder().host("::1").port(MSSQL.getMappedPort(1433)).database("Bank")
                .username(MSSQL.getUsername()).password(MSSQL.getPassword()).property("trustServerCertificate", "true").build();
        try (DatabaseConnector c = Connectors.open("sql-server", v6)) {
            var result = c.testConnection();
            org.junit.jupiter.api.Assumptions.assumeFalse(result.message() != null && result.message().contains("Connection refused"),
                    "Docker publishes the port on IPv4 only here");
            assertThat(result.success()).as(result.message()).isTrue();
        }
    }

    @Test
    void theOldestOpenTransactionOfAnotherSessionIsSeenInUtc() throws Exception {
        sql("CREATE TABLE dbo.tx (id int PRIMARY KEY)");
        String query = new SqlServerDialect().oldestOpenTransactionQuery().orElseThrow();
        Properties flowForge = new Properties();
        flowForge.setProperty("applicationName", SqlServerDialect.APPLICATION_NAME);
        try (Connection observer = session(true, flowForge); Statement o = observer.createStatement()) {
            try (Connection own = session(false, flowForge); Statement s = own.createStatement()) {
                s.executeUpdate("INSERT INTO dbo.tx VALUES (1)"); // FlowForge's own session: not counted
                assertThat(oldest(o, query)).isNull();
                own.rollback();
            }
            try (Connection writer = session(false, new Properties()); Statement s = writer.createStatement()) {
                s.executeUpdate("INSERT INTO dbo.tx VALUES (2)");
                LocalDateTime seen = oldest(o, query);
                LocalDateTime utcNow;
                try (ResultSet rs = o.executeQuery("SELECT SYSUTCDATETIME()")) {
                    rs.next();
                    utcNow = rs.getObject(1, LocalDateTime.class);
                }
                assertThat(seen).isNotNull().isBetween(utcNow.minusMinutes(1), utcNow);
                writer.commit();
            }
            assertThat(oldest(o, query)).isNull();
        }
        // Without VIEW SERVER STATE the query fails, which the caller counts as "cannot see".
        sql("CREATE LOGIN plain_reader WITH PASSWORD = 'Pl4in-Reader!2024', CHECK_POLICY = OFF",
                "CREATE USER plain_reader FOR LOGIN plain_reader");
        Properties plain = new Properties();
        plain.setProperty("user", "plain_reader");
        plain.setProperty("password", "Pl4in-Reader!2024");
        plain.setProperty("trustServerCertificate", "true");
        plain.setProperty("databaseName", "Bank");
        try (Connection c = DriverManager.getConnection("jdbc:sqlserver://" + MSSQL.getHost() + ":" + MSSQL.getMappedPort(1433), plain);
                Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery(query)).isInstanceOf(SQLException.class).hasMessageContaining("permission");
        }
    }

    private static LocalDateTime oldest(Statement s, String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(2)).isZero();
            return rs.getObject(1, LocalDateTime.class);
        }
    }
}

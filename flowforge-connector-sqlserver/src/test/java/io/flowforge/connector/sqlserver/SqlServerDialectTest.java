package io.flowforge.connector.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.Watermark;
import io.flowforge.connector.jdbc.JdbcColumn;
import io.flowforge.connector.jdbc.SelectedColumns;
import io.flowforge.connector.testkit.OwnDriverContract;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The dialect with no database: URL, driver properties, quoting, select lists and watermark SQL. */
class SqlServerDialectTest {

    /** The connector asks its own driver for connections (OwnDriverContract checks it live). */
    @Test
    void theFactorysDriverTakesTheDialectsUrls() throws Exception {
        OwnDriverContract.assertFactorysDriverTakesTheDialectsUrls(new SqlServerConnectorFactory(), new SqlServerDialect());
    }

    private static final String PASSWORD = "FlowForge2024!";
    private final SqlServerDialect dialect = new SqlServerDialect();

    private static ConnectionConfig config() {
        return ConnectionConfig.builder().host("db.example.com").database("BFSI_Test").username("sa")
                .password(PASSWORD).build();
    }

    @Test
    void urlHasHostPortAndDatabaseButNeverThePassword() {
        assertThat(dialect.jdbcUrl(config())).isEqualTo("jdbc:sqlserver://db.example.com:1433;databaseName=BFSI_Test");
        ConnectionConfig withPort = ConnectionConfig.builder().host("h").port(14330).database("a;b}c")
                .username("u").password(PASSWORD).build();
        assertThat(dialect.jdbcUrl(withPort)).isEqualTo("jdbc:sqlserver://h:14330;databaseName={a;b}}c}")
                .doesNotContain(PASSWORD);
    }

    @Test
    void anIpv6HostGoesInServerNameAsTheDriverParsesIt() throws Exception {
        ConnectionConfig v6 = ConnectionConfig.builder().host("::1").port(14330).database("BFSI_Test").username("sa")
                .password(PASSWORD).build();
        String url = dialect.jdbcUrl(v6);
        assertThat(url).isEqualTo("jdbc:sqlserver://;serverName=::1;port=14330;databaseName=BFSI_Test");
        assertThat(driverParse(url)).containsEntry("serverName", "::1").containsEntry("portNumber", "14330")
                .containsEntry("databaseName", "BFSI_Test");
        assertThat(dialect.jdbcUrl(ConnectionConfig.builder().host("[fe80::1%eth0]").database("d").username("sa")
                .password(PASSWORD).build())).isEqualTo("jdbc:sqlserver://;serverName=fe80::1%eth0;port=1433;databaseName=d");
        // The authority form the URL had before: mssql-jdbc's own parser reads server '[' and port ':1]:14330'.
        assertThat(driverParse("jdbc:sqlserver://[::1]:14330;databaseName=BFSI_Test")).containsEntry("serverName", "[");
        assertThat(driverParse(dialect.jdbcUrl(config()))).containsEntry("serverName", "db.example.com")
                .containsEntry("portNumber", "1433");
    }

    /** The connection properties mssql-jdbc's own URL parser reads from a URL. */
    static java.util.Map<String, String> driverParse(String url) throws Exception {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        for (var info : new com.microsoft.sqlserver.jdbc.SQLServerDriver().getPropertyInfo(url, new Properties())) {
            if (info.value != null) {
                out.put(info.name, info.value);
            }
        }
        return out;
    }

    @Test
    void passwordAndDefaultsGoInDriverProperties() {
        Properties p = dialect.driverProperties(ConnectionConfig.builder().host("h").database("d").username("sa")
                .password(PASSWORD).loginTimeout(Duration.ofMillis(1500)).socketTimeout(Duration.ofMinutes(2))
                .property("trustServerCertificate", "true").property("selectMethod", "cursor").build());
        assertThat(p).containsEntry("user", "sa").containsEntry("password", PASSWORD)
                .containsEntry("responseBuffering", "adaptive").containsEntry("applicationName", "FlowForge")
                .containsEntry("loginTimeout", "2") // seconds, rounded up
                .containsEntry("socketTimeout", "120000") // milliseconds
                .containsEntry("trustServerCertificate", "true")
                .containsEntry("selectMethod", "cursor") // the caller's properties win
                .doesNotContainKey("sendStringParametersAsUnicode");
        assertThat(dialect.driverProperties(config())).containsEntry("selectMethod", "direct")
                .containsEntry("loginTimeout", "15").containsEntry("socketTimeout", "1800000");
    }

    @Test
    void maskedUrlHidesAPasswordGivenInAnOverrideUrl() {
        String url = "jdbc:sqlserver://h:1433;databaseName=d;user=sa;password=" + PASSWORD + ";encrypt=false";
        assertThat(dialect.maskedUrl(url)).isEqualTo("jdbc:sqlserver://h:1433;databaseName=d;user=sa;password=******;encrypt=false");
        assertThat(dialect.maskedUrl(dialect.jdbcUrl(ConnectionConfig.builder().jdbcUrl(url).build())))
                .doesNotContain(PASSWORD);
    }

    @Test
    void quotingDoublesTheClosingBracket() {
        assertThat(dialect.quoteIdentifier("a]b")).isEqualTo("[a]]b]");
        assertThat(dialect.quoteIdentifier("x] ; DROP TABLE t; --")).isEqualTo("[x]] ; DROP TABLE t; --]");
        assertThat(dialect.quoteIdentifier("[c]")).isEqualTo("[[c]]]");
        assertThat(dialect.quoteTable(TableId.of("dbo", "my table"))).isEqualTo("[dbo].[my table]");
        assertThat(dialect.quoteTable(TableId.of(null, "customers"))).isEqualTo("[customers]");
    }

    @Test
    void selectListAppliesServerSideConversions() {
        List<JdbcColumn> columns = List.of(
                new JdbcColumn("id", 1, Types.INTEGER, "int", 10, 0, false),
                new JdbcColumn("shape", 2, microsoft.sql.Types.GEOGRAPHY, "geography", 2147483647, 0, true),
                new JdbcColumn("node", 3, Types.VARBINARY, "hierarchyid", 892, 0, true),
                new JdbcColumn("we]ird", 4, Types.NVARCHAR, "nvarchar", 50, 0, true));
        SelectedColumns selected = SelectedColumns.resolve("dbo.t", columns, new SqlServerTypeMapping(), ReadOptions.defaults());
        assertThat(selected.selectList(dialect)).isEqualTo(
                "[id], [shape].STAsBinary() AS [shape], [node].ToString() AS [node], [we]]ird]");
    }

    @Test
    void watermarkComparisonsPerType() {
        assertThat(dialect.watermarkParameter(column("datetime", Types.TIMESTAMP, 3))).isEqualTo("CAST(? AS datetime)");
        assertThat(dialect.watermarkParameter(column("smalldatetime", Types.TIMESTAMP, 0))).isEqualTo("CAST(? AS smalldatetime)");
        assertThat(dialect.watermarkParameter(column("date", Types.DATE, 0))).isEqualTo("CAST(? AS date)");
        assertThat(dialect.watermarkParameter(column("varchar", Types.VARCHAR, 0))).isEqualTo("CAST(? AS varchar(8000))");
        // The parameter takes the column's collation before it becomes varchar: its code page, not the database's.
        assertThat(dialect.watermarkParameter(new JdbcColumn("c", 1, Types.VARCHAR, "varchar", 50, 0, true,
                "Cyrillic_General_CI_AS"))).isEqualTo("CAST(? COLLATE Cyrillic_General_CI_AS AS varchar(8000))");
        assertThat(dialect.watermarkParameter(new JdbcColumn("c", 1, Types.CHAR, "char", 5, 0, true,
                "Latin1_General_100_CI_AS_SC_UTF8"))).isEqualTo("CAST(? COLLATE Latin1_General_100_CI_AS_SC_UTF8 AS varchar(8000))");
        assertThat(dialect.watermarkParameter(new JdbcColumn("c", 1, Types.VARCHAR, "varchar", 50, 0, true,
                "x; DROP TABLE t"))).as("never spliced unless a plain name").isEqualTo("CAST(? AS varchar(8000))");
        assertThat(dialect.watermarkParameter(new JdbcColumn("c", 1, Types.NVARCHAR, "nvarchar", 50, 0, true,
                "Cyrillic_General_CI_AS"))).isEqualTo("?");
        // A decimal parameter ranks above money, which would convert the column and lose the index seek.
        assertThat(dialect.watermarkParameter(column("money", Types.DECIMAL, 4))).isEqualTo("CAST(? AS money)");
        assertThat(dialect.watermarkParameter(column("smallmoney", Types.DECIMAL, 4))).isEqualTo("CAST(? AS smallmoney)");
        assertThat(dialect.watermarkParameter(column("datetime2", Types.TIMESTAMP, 7))).isEqualTo("?");
        assertThat(dialect.watermarkParameter(column("timestamp", Types.BINARY, 0))).isEqualTo("?");

        assertThat(dialect.watermarkType(column("datetime2", Types.TIMESTAMP, 7))).contains(Watermark.Type.TIMESTAMP);
        assertThat(dialect.watermarkType(column("datetimeoffset", -155, 7))).contains(Watermark.Type.TIMESTAMP_TZ);
        assertThat(dialect.watermarkType(column("timestamp", Types.BINARY, 0))).contains(Watermark.Type.ROWVERSION);
        assertThat(dialect.watermarkType(column("money", Types.DECIMAL, 4))).contains(Watermark.Type.DECIMAL);
        assertThat(dialect.watermarkType(column("uniqueidentifier", Types.CHAR, 0))).isEmpty();
        assertThat(dialect.watermarkType(column("varbinary", Types.VARBINARY, 0))).isEmpty();

        assertThat(dialect.currentTimeExpression(column("datetime", Types.TIMESTAMP, 3))).isEqualTo("GETDATE()");
        assertThat(dialect.currentTimeExpression(column("datetime2", Types.TIMESTAMP, 7))).isEqualTo("SYSDATETIME()");
        assertThat(dialect.currentTimeExpression(column("datetimeoffset", -155, 7))).isEqualTo("SYSDATETIMEOFFSET()");
        assertThat(dialect.currentTimeExpression(column("date", Types.DATE, 0))).isEqualTo("CAST(GETDATE() AS date)");
        assertThat(dialect.rowversionUpperBoundExpression()).contains("MIN_ACTIVE_ROWVERSION()");
        assertThat(dialect.isRowversion(column("timestamp", Types.BINARY, 0))).isTrue();
        assertThat(dialect.isRowversion(column("rowversion", Types.BINARY, 0))).isTrue();
        assertThat(dialect.isRowversion(column("TIMESTAMP", Types.TIMESTAMP, 6))).isFalse();
    }

    @Test
    void watermarksAreBoundAtFullPrecisionNeverSpliced() throws Exception {
        List<String> calls = new ArrayList<>();
        PreparedStatement ps = (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (p, m, args) -> {
                    Object v = args[1] instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : args[1];
                    calls.add(m.getName() + "(" + args[0] + ", " + v + " : " + args[1].getClass().getSimpleName() + ")");
                    return null;
                });
        dialect.bindWatermark(ps, 1, Watermark.ofTimestamp(LocalDateTime.parse("2024-01-02T03:04:05.1234567")),
                column("datetime2", Types.TIMESTAMP, 7));
        dialect.bindWatermark(ps, 2, Watermark.ofTimestampTz(OffsetDateTime.parse("2024-01-02T03:04:05.1234567+05:30")),
                column("datetimeoffset", -155, 7));
        dialect.bindWatermark(ps, 3, Watermark.ofRowversion(java.util.HexFormat.of().parseHex("00000000000007d1")),
                column("timestamp", Types.BINARY, 0));
        dialect.bindWatermark(ps, 4, Watermark.ofString("Zoë"), column("nvarchar", Types.NVARCHAR, 0));
        dialect.bindWatermark(ps, 5, Watermark.ofString("abc"), column("varchar", Types.VARCHAR, 0));
        assertThat(calls).containsExactly(
                "setObject(1, 2024-01-02T03:04:05.123456700 : LocalDateTime)",
                "setObject(2, 2024-01-02T03:04:05.123456700+05:30 : OffsetDateTime)",
                "setBytes(3, 00000000000007d1 : byte[])",
                "setNString(4, Zoë : String)",
                "setString(5, abc : String)");
    }

    @Test
    void theServerClockAndTheOldestOpenTransactionAreInUtc() {
        assertThat(dialect.serverInstantExpression()).isEqualTo("SYSUTCDATETIME()");
        assertThat(dialect.oldestOpenTransactionQuery()).contains("SELECT DATEADD(minute, -DATEPART(TZOFFSET, "
                + "SYSDATETIMEOFFSET()), CAST(MIN(at.transaction_begin_time) AS datetime2(3))) AS oldest_begin_utc, "
                + "0 AS unseen_sessions FROM sys.dm_tran_active_transactions at "
                + "JOIN sys.dm_tran_session_transactions st ON st.transaction_id = at.transaction_id "
                + "JOIN sys.dm_exec_sessions s ON s.session_id = st.session_id "
                + "WHERE st.session_id <> @@SPID AND s.is_user_process = 1 AND at.transaction_type IN (1, 4) "
                + "AND ISNULL(s.program_name, N'') <> N'FlowForge' "
                + "AND (s.database_id = DB_ID() OR EXISTS (SELECT 1 FROM sys.dm_tran_database_transactions dt "
                + "WHERE dt.transaction_id = at.transaction_id AND dt.database_id = DB_ID()))");
        // FlowForge's own sessions are told apart by the application name the driver properties set.
        assertThat(dialect.driverProperties(config())).containsEntry("applicationName", SqlServerDialect.APPLICATION_NAME);
    }

    @Test
    void anIntegerWatermarkBeyondALongIsRefusedInsteadOfWrapped() {
        PreparedStatement ps = (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (p, m, args) -> {
                    throw new AssertionError("nothing may be bound: " + m.getName());
                });
        // mssql-jdbc sends a BigInteger parameter as BigInteger.longValue() (dtv.java), so 2^63 would be -2^63.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dialect.bindWatermark(ps, 1,
                Watermark.ofInteger(java.math.BigInteger.ONE.shiftLeft(63)), column("bigint", Types.BIGINT, 0)))
                .isInstanceOf(io.flowforge.connector.ConnectorException.class)
                .hasMessage("Watermark 9223372036854775808 of column 'c' is outside SQL Server's integer range "
                        + "(-9223372036854775808..9223372036854775807) and cannot be bound as a parameter.");
    }

    @Test
    void catalogRowsLookLikeTheDriversColumns() {
        assertThat(SqlServerCatalog.column("name", 2, "nvarchar", 200, 0, 0, true).precision()).isEqualTo(100);
        assertThat(SqlServerCatalog.column("doc", 3, "nvarchar", -1, 0, 0, true).precision()).isEqualTo(1073741823);
        assertThat(SqlServerCatalog.column("blob", 4, "varbinary", -1, 0, 0, true).precision()).isEqualTo(2147483647);
        assertThat(SqlServerCatalog.column("t", 5, "text", 16, 0, 0, true).precision()).isEqualTo(2147483647);
        assertThat(SqlServerCatalog.column("amount", 6, "decimal", 9, 15, 2, false))
                .isEqualTo(new JdbcColumn("amount", 6, Types.DECIMAL, "decimal", 15, 2, false));
        assertThat(SqlServerCatalog.column("rv", 7, "timestamp", 8, 0, 0, false).jdbcType()).isEqualTo(Types.BINARY);
        assertThat(SqlServerCatalog.column("dto", 8, "datetimeoffset", 10, 34, 7, true).jdbcType()).isEqualTo(-155);
        assertThat(SqlServerCatalog.column("p", 9, "PhoneNumber", 8000, 0, 0, true).jdbcType()).isEqualTo(Types.VARBINARY);
        // sys.columns says 53 / 24 (bits) and 0 with max_length 8016; the driver reports 15 / 7 / 0.
        assertThat(SqlServerCatalog.column("f", 10, "float", 8, 53, 0, true).precision()).isEqualTo(15);
        assertThat(SqlServerCatalog.column("r", 11, "real", 4, 24, 0, true).precision()).isEqualTo(7);
        assertThat(SqlServerCatalog.column("v", 12, "sql_variant", 8016, 0, 0, true).precision()).isEqualTo(0);
        assertThat(SqlServerCatalog.column("s", 13, "varchar", 50, 0, 0, true, "Cyrillic_General_CI_AS").collation())
                .isEqualTo("Cyrillic_General_CI_AS");
        assertThat(SqlServerCatalog.COLUMNS_SQL).contains("c.collation_name");
    }

    @Test
    void listTablesLeavesOutWhatTheManagementToolsCreate() {
        // dbo.sysdiagrams is not is_ms_shipped; SSMS marks it with this extended property and hides it by it.
        assertThat(SqlServerCatalog.LIST_TABLES_SQL).contains("o.is_ms_shipped = 0").contains(
                "NOT EXISTS (SELECT 1 FROM sys.extended_properties ep WHERE ep.class = 1 AND ep.major_id = o.object_id"
                        + " AND ep.minor_id = 0 AND ep.name = N'microsoft_database_tools_support')");
    }

    private static JdbcColumn column(String type, int jdbcType, int scale) {
        return new JdbcColumn("c", 1, jdbcType, type, 27, scale, true);
    }
}

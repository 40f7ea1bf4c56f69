package io.flowforge.connector.sqlserver;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.testkit.ConnectorContractTest;
import io.flowforge.connector.testkit.OwnDriverContract;
import io.flowforge.connector.testkit.ContractDatabase;
import io.flowforge.connector.testkit.SqlServerContainers;
import io.flowforge.connector.testkit.TypeCase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mssqlserver.MSSQLServerContainer;

/**
 * The contract suite for the {@code sql-server} connector on SQL Server 2022 in a container
 * ({@link SqlServerContainers#IMAGE}, shared with the module's other SQL Server suites).
 * Skipped where Docker is absent (reported as skipped by {@code .ci/run}).
 */
@Testcontainers(disabledWithoutDocker = true)
class SqlServerContractTest extends ConnectorContractTest implements OwnDriverContract {

    static final MSSQLServerContainer MSSQL = SqlServerContainers.shared();

    @Override
    protected ContractDatabase database() {
        SqlServerContainers.started();
        return new SqlServerDatabase();
    }

    static final class SqlServerDatabase extends ContractDatabase {

        private String url() {
            return MSSQL.getJdbcUrl() + ";trustServerCertificate=true";
        }

        @Override
        public String connectorIdentifier() {
            return "sql-server";
        }

        @Override
        public String displayName() {
            return "SQL Server";
        }

        @Override
        public String location() {
            return MSSQL.getJdbcUrl();
        }

        @Override
        public Connection openAdmin() throws SQLException {
            return DriverManager.getConnection(url(), MSSQL.getUsername(), MSSQL.getPassword());
        }

        @Override
        public ConnectionConfig config(String schema) {
            return ConnectionConfig.builder().jdbcUrl(url()).username(MSSQL.getUsername()).password(MSSQL.getPassword()).build();
        }

        @Override
        public BadCredentials badCredentials(String schema) {
            return new BadCredentials(config(schema).withPassword("Not-the-password-1"),
                    List.of("Login failed for user '" + MSSQL.getUsername() + "'"), "SQL Server refuses a wrong password for sa");
        }

        @Override
        public String productName() {
            return "Microsoft SQL Server";
        }

        @Override
        public String quote(String identifier) {
            return "[" + identifier.replace("]", "]]") + "]";
        }

        /** SQL Server has no DROP SCHEMA ... CASCADE: drop its views and tables first. */
        @Override
        public String dropSchema(String schema) {
            String name = schema.replace("'", "''");
            return "DECLARE @sql nvarchar(max) = N'';"
                    + " SELECT @sql += N'DROP VIEW ' + QUOTENAME(s.name) + N'.' + QUOTENAME(o.name) + N';'"
                    + " FROM sys.views o JOIN sys.schemas s ON s.schema_id = o.schema_id WHERE s.name = N'" + name + "';"
                    + " SELECT @sql += N'DROP TABLE ' + QUOTENAME(s.name) + N'.' + QUOTENAME(o.name) + N';'"
                    + " FROM sys.tables o JOIN sys.schemas s ON s.schema_id = o.schema_id WHERE s.name = N'" + name + "';"
                    + " EXEC sp_executesql @sql; EXEC (N'DROP SCHEMA " + quote(schema).replace("'", "''") + "');";
        }

        @Override
        public String integerType() {
            return "INT";
        }

        @Override
        public String textType(int length) {
            return "NVARCHAR(" + length + ")";
        }

        @Override
        public String timestampType() {
            return "DATETIME2(6)";
        }

        @Override
        public String nowExpression() {
            return "SYSDATETIME()";
        }

        @Override
        public String generateRows(String table, int rows) {
            return "INSERT INTO " + table + " SELECT TOP (" + rows + ") n, REPLICATE('x', 200) + CAST(n AS varchar(10))"
                    + " FROM (SELECT CAST(ROW_NUMBER() OVER (ORDER BY (SELECT NULL)) AS int) AS n"
                    + " FROM sys.all_objects a CROSS JOIN sys.all_objects b) g";
        }

        @Override
        public String analyze(String table) {
            return "UPDATE STATISTICS " + table;
        }

        @Override
        public boolean bufferedReadExhaustsHeap() {
            return false; // mssql-jdbc's default adaptive buffering streams even a plain executeQuery
        }

        @Override
        public List<TypeCase> typeCases() {
            return List.of(
                    TypeCase.of("bit", ArrowType.Bool.INSTANCE, "0", "false", "1", "true"),
                    TypeCase.of("tinyint", new ArrowType.Int(16, true), "0", "0", "255", "255"),
                    TypeCase.of("smallint", new ArrowType.Int(16, true), "-32768", "-32768", "32767", "32767"),
                    TypeCase.of("int", new ArrowType.Int(32, true), "-2147483648", "-2147483648", "2147483647", "2147483647"),
                    TypeCase.of("bigint", new ArrowType.Int(64, true), "-9223372036854775808", "-9223372036854775808",
                            "9223372036854775807", "9223372036854775807"),
                    TypeCase.of("decimal(38,10)", new ArrowType.Decimal(38, 10, 128),
                            "-9999999999999999999999999999.9999999999", "-9999999999999999999999999999.9999999999",
                            "9999999999999999999999999999.9999999999", "9999999999999999999999999999.9999999999"),
                    TypeCase.of("money", new ArrowType.Decimal(19, 4, 128), "-922337203685477.5808", "-922337203685477.5808",
                            "922337203685477.5807", "922337203685477.5807"),
                    TypeCase.of("float", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE),
                            "-1.79E+308", "-1.79E308", "1.79E+308", "1.79E308"),
                    TypeCase.of("real", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE),
                            "-3.40E+38", "-3.4E38", "3.40E+38", "3.4E38"),
                    TypeCase.of("date", new ArrowType.Date(DateUnit.DAY), "'0001-01-01'", "0001-01-01", "'9999-12-31'", "9999-12-31"),
                    TypeCase.of("time(7)", new ArrowType.Time(TimeUnit.NANOSECOND, 64), "'00:00:00'", "00:00:00.000000000",
                            "'23:59:59.9999999'", "23:59:59.999999900"),
                    TypeCase.of("datetime2(6)", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null),
                            "'0001-01-01 00:00:00'", "0001-01-01T00:00:00.000000",
                            "'9999-12-31 23:59:59.999999'", "9999-12-31T23:59:59.999999"),
                    TypeCase.of("datetimeoffset(6)", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"),
                            "'0001-01-01 00:00:00 +00:00'", "0001-01-01T00:00:00.000000Z",
                            "'9999-12-31 23:59:59.999999 +00:00'", "9999-12-31T23:59:59.999999Z"),
                    TypeCase.of("nvarchar(100)", ArrowType.Utf8.INSTANCE, "N''", "", "N'zzz'", "zzz"),
                    TypeCase.of("varbinary(16)", ArrowType.Binary.INSTANCE, "0x", "0x", "0x00ff", "0x00ff"),
                    TypeCase.of("uniqueidentifier", new ArrowType.FixedSizeBinary(16),
                            "'00000000-0000-0000-0000-000000000000'", "00000000-0000-0000-0000-000000000000",
                            "'ffffffff-ffff-ffff-ffff-ffffffffffff'", "ffffffff-ffff-ffff-ffff-ffffffffffff"));
        }
    }
}

package io.flowforge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.flowforge.bronze.DuckDb;
import io.flowforge.connector.testkit.SqlServerContainers;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mssqlserver.MSSQLServerContainer;

/**
 * Schema drift against a real SQL Server (Testcontainers; skipped where there is no Docker): the
 * changes a bank's DBA makes — {@code int} to {@code bigint}, {@code datetime} to {@code datetime2},
 * a wider {@code decimal}, an added column — are classified as on PostgreSQL and MariaDB, land as
 * schema version 2, and every file reads together in DuckDB; a narrowed decimal stops the run before
 * anything is read.
 */
@Testcontainers(disabledWithoutDocker = true)
class SqlServerSchemaDriftTest {

    static final MSSQLServerContainer MSSQL = SqlServerContainers.shared();

    @TempDir Path dir;

    @BeforeAll
    static void database() throws Exception {
        SqlServerContainers.started();
        exec("CREATE DATABASE drift");
    }

    private static void exec(String... sql) throws Exception {
        try (Connection c = DriverManager.getConnection(MSSQL.getJdbcUrl(), MSSQL.getUsername(), MSSQL.getPassword());
                Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    private JobConfig job(String table, String policy) {
        return JobConfigParser.parse("""
                {"job_id": "drift_%1$s", "source_config": {"type": "sql-server",
                   "connection": {"host": "%2$s", "port": %3$d, "database": "drift", "username": "%4$s",
                                  "password": "%5$s", "properties": {"trustServerCertificate": "true"}},
                   "databaseConfig": {"tableName": "dbo.%1$s", "isIncremental": true, "deltaColumn": "modified_at",
                                      "lagSeconds": 0%6$s}},
                 "destination_config": {"bronzeConfig": {"tableName": "bronze_%1$s"},
                   "storage": {"type": "local", "path": "%7$s"}}}
                """.formatted(table, MSSQL.getHost(), MSSQL.getMappedPort(1433), MSSQL.getUsername(), MSSQL.getPassword(),
                policy, dir.resolve("lake")));
    }

    private String files(String table) {
        return "read_parquet('" + dir.resolve("lake/bronze/bronze_" + table) + "/*.parquet', union_by_name = true)";
    }

    @Test
    void intToBigintDatetimeToDatetime2AndAnAddedColumnEvolveAndReadTogether() throws Exception {
        exec("CREATE TABLE drift.dbo.acct (id int NOT NULL PRIMARY KEY, n int NOT NULL, amount decimal(15,2) NOT NULL,"
                        + " booked datetime NOT NULL, modified_at datetime2(7) NOT NULL)",
                "INSERT INTO drift.dbo.acct VALUES (1, 10, 1.25, '2024-03-10 02:30:00.003', SYSUTCDATETIME()),"
                        + " (2, 20, 2.25, '2024-03-10 02:30:00.007', SYSUTCDATETIME())");
        IngestionResult first = BronzeIngestion.ingestFromDatabase(job("acct", ""));
        assertThat(first.recordsProcessed()).isEqualTo(2);
        assertThat(first.schema().orElseThrow().version()).isEqualTo(1);

        exec("ALTER TABLE drift.dbo.acct ALTER COLUMN n bigint NOT NULL",
                "ALTER TABLE drift.dbo.acct ALTER COLUMN amount decimal(18,2) NOT NULL",
                "ALTER TABLE drift.dbo.acct ALTER COLUMN booked datetime2(7) NOT NULL",
                "ALTER TABLE drift.dbo.acct ADD branch nvarchar(10) NULL",
                "INSERT INTO drift.dbo.acct VALUES (3, 9000000000, 3.25, '2024-03-10 02:30:00.1234567', SYSUTCDATETIME(), N'Zürich')");
        IngestionResult second = BronzeIngestion.ingestFromDatabase(job("acct", ""));

        assertThat(second.recordsProcessed()).isEqualTo(1);
        SchemaReport s = second.schema().orElseThrow();
        assertThat(s.version()).isEqualTo(2);
        assertThat(s.changes()).extracting(SchemaChange::kind, SchemaChange::column).contains(
                tuple(SchemaChange.Kind.ADDED, "branch"),
                tuple(SchemaChange.Kind.WIDENED, "n"),
                tuple(SchemaChange.Kind.WIDENED, "amount"),
                tuple(SchemaChange.Kind.WIDENED, "booked")); // datetime (milliseconds) to datetime2 (microseconds)
        Path newFile = Path.of(URI.create(second.bronzeFilePath().orElseThrow()));
        assertThat(DuckDb.rows("SELECT value FROM parquet_kv_metadata('" + newFile + "') WHERE key = 'flowforge.schema_version'"))
                .containsExactly("2");
        assertThat(DuckDb.rows("SELECT id || '|' || n || '|' || amount || '|' || strftime(booked, '%Y-%m-%d %H:%M:%S.%f') || '|'"
                + " || coalesce(branch, 'NULL') FROM " + files("acct") + " ORDER BY id")).containsExactly(
                "1|10|1.25|2024-03-10 02:30:00.003000|NULL",
                "2|20|2.25|2024-03-10 02:30:00.007000|NULL",
                "3|9000000000|3.25|2024-03-10 02:30:00.123456|Zürich");
    }

    @Test
    void aNarrowedColumnStopsTheRunBeforeAnythingIsRead() throws Exception {
        exec("CREATE TABLE drift.dbo.narrow (id int NOT NULL PRIMARY KEY, rate decimal(18,6) NOT NULL, modified_at datetime2(7) NOT NULL)",
                "INSERT INTO drift.dbo.narrow VALUES (1, 1.25, SYSUTCDATETIME())");
        BronzeIngestion.ingestFromDatabase(job("narrow", ""));
        exec("ALTER TABLE drift.dbo.narrow ALTER COLUMN rate decimal(12,2) NOT NULL",
                "INSERT INTO drift.dbo.narrow VALUES (2, 2.5, SYSUTCDATETIME())");

        assertThatThrownBy(() -> BronzeIngestion.ingestFromDatabase(job("narrow", "")))
                .hasMessageContaining("- narrowed or incompatible: rate ");
        assertThat(DuckDb.rows("SELECT count(*) FROM " + files("narrow"))).containsExactly("1");
    }
}

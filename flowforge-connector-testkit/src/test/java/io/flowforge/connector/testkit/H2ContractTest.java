package io.flowforge.connector.testkit;

import io.flowforge.connector.ConnectionConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The contract suite for the generic {@code jdbc} connector on H2 (a file database with
 * AUTO_SERVER, so the memory test's child JVM can reach it).
 */
class H2ContractTest extends ConnectorContractTest {

    @Override
    protected ContractDatabase database() {
        return new H2Database("jdbc");
    }

    static final class H2Database extends ContractDatabase {
        private final String url = "jdbc:h2:file:" + Path.of("target", "h2-contract-" + UUID.randomUUID()).toAbsolutePath()
                + ";AUTO_SERVER=TRUE";
        private static final String USER = "sa";
        private static final String PASSWORD = "ff-h2-contract";
        private final String identifier;

        /** H2 read by the connector {@code identifier}: the generic {@code jdbc} one, or the guide's example. */
        H2Database(String identifier) {
            this.identifier = identifier;
        }

        @Override
        public String connectorIdentifier() {
            return identifier;
        }

        @Override
        public String displayName() {
            return "H2";
        }

        @Override
        public String location() {
            return url;
        }

        @Override
        public Connection openAdmin() throws SQLException {
            return DriverManager.getConnection(url, USER, PASSWORD);
        }

        @Override
        public ConnectionConfig config(String schema) {
            return ConnectionConfig.builder().jdbcUrl(url).username(USER).password(PASSWORD).build();
        }

        @Override
        public BadCredentials badCredentials(String schema) {
            return new BadCredentials(config(schema).withPassword("not-the-password"), List.of("Wrong user name or password"),
                    "H2 refuses a wrong password for user sa");
        }

        /** The password as H2's URL setting, and as user info of a TCP URL (a host H2 cannot reach). */
        @Override
        public List<UrlSecretCase> urlSecretCases(String schema, String secret) {
            return List.of(
                    new UrlSecretCase(ConnectionConfig.builder().jdbcUrl(url + ";PASSWORD=" + secret).username(USER).build(),
                            "Wrong user name or password"),
                    new UrlSecretCase(ConnectionConfig.builder().jdbcUrl("jdbc:h2:tcp://user:" + secret + "@127.0.0.1:1/x")
                            .username(USER).build(), null));
        }

        @Override
        public String productName() {
            return "H2";
        }

        /** The database file is the run's own: delete it with the last object. */
        @Override
        public void cleanUp(Connection admin, String schema) throws SQLException {
            try (java.sql.Statement s = admin.createStatement()) {
                s.execute("DROP ALL OBJECTS DELETE FILES");
            }
        }

        @Override
        public String nowExpression() {
            return "LOCALTIMESTAMP(6)";
        }

        @Override
        public String generateRows(String table, int rows) {
            return "INSERT INTO " + table + " SELECT CAST(X AS INTEGER), REPEAT('x', 200) || X FROM SYSTEM_RANGE(1, " + rows + ")";
        }

        @Override
        public boolean hasRowCountEstimates() {
            return false;
        }

        @Override
        public int largeTableRows() {
            return 200_000; // H2 inserts ~30k rows/s here; the control run, which needs a million, does not apply
        }

        @Override
        public boolean bufferedReadExhaustsHeap() {
            return false; // H2 sends results over TCP in fetch-size blocks whatever the client asks
        }

        @Override
        public List<WallClockCase> wallClockCases() {
            ArrowType.Timestamp micros = new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
            return List.of(
                    WallClockCase.wallClock("TIMESTAMP(6)", micros, "TIMESTAMP '%s'", 6),
                    WallClockCase.wallClock("TIMESTAMP(0)", micros, "TIMESTAMP '%s'", 0),
                    WallClockCase.wallClock("TIMESTAMP(9)", micros, "TIMESTAMP '%s'", 6),   // microseconds by default
                    WallClockCase.instant("TIMESTAMP(6) WITH TIME ZONE", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"),
                            "TIMESTAMP WITH TIME ZONE '%s+00:00'", 6),
                    WallClockCase.date("DATE", new ArrowType.Date(DateUnit.DAY), "DATE '%s'"),
                    WallClockCase.time("TIME(6)", new ArrowType.Time(TimeUnit.MICROSECOND, 64), "TIME '%s'", 6));
        }

        @Override
        public List<TypeCase> typeCases() {
            return List.of(
                    TypeCase.of("BOOLEAN", ArrowType.Bool.INSTANCE, "FALSE", "false", "TRUE", "true"),
                    TypeCase.of("TINYINT", new ArrowType.Int(16, true), "-128", "-128", "127", "127"),
                    TypeCase.of("SMALLINT", new ArrowType.Int(16, true), "-32768", "-32768", "32767", "32767"),
                    TypeCase.of("INTEGER", new ArrowType.Int(32, true), "-2147483648", "-2147483648", "2147483647", "2147483647"),
                    TypeCase.of("BIGINT", new ArrowType.Int(64, true), "-9223372036854775808", "-9223372036854775808",
                            "9223372036854775807", "9223372036854775807"),
                    TypeCase.of("REAL", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE),
                            "-3.4028235E38", "-3.4028235E38", "3.4028235E38", "3.4028235E38"),
                    TypeCase.of("DOUBLE PRECISION", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE),
                            "-1.7976931348623157E308", "-1.7976931348623157E308", "1.7976931348623157E308", "1.7976931348623157E308"),
                    TypeCase.of("DECIMAL(38,10)", new ArrowType.Decimal(38, 10, 128),
                            "-9999999999999999999999999999.9999999999", "-9999999999999999999999999999.9999999999",
                            "9999999999999999999999999999.9999999999", "9999999999999999999999999999.9999999999"),
                    TypeCase.of("DATE", new ArrowType.Date(DateUnit.DAY), "DATE '0001-01-01'", "0001-01-01",
                            "DATE '9999-12-31'", "9999-12-31"),
                    TypeCase.of("TIME(6)", new ArrowType.Time(TimeUnit.MICROSECOND, 64), "TIME '00:00:00'", "00:00:00.000000",
                            "TIME '23:59:59.999999'", "23:59:59.999999"),
                    TypeCase.of("TIMESTAMP(6)", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null),
                            "TIMESTAMP '0001-01-01 00:00:00'", "0001-01-01T00:00:00.000000",
                            "TIMESTAMP '9999-12-31 23:59:59.999999'", "9999-12-31T23:59:59.999999"),
                    // Microseconds by default (the whole 0001..9999 range); nanoseconds are TemporalPrecision.EXACT's.
                    TypeCase.of("TIMESTAMP(9)", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null),
                            "TIMESTAMP '0001-01-01 00:00:00'", "0001-01-01T00:00:00.000000",
                            "TIMESTAMP '9999-12-31 23:59:59.999999'", "9999-12-31T23:59:59.999999"),
                    TypeCase.of("TIMESTAMP(6) WITH TIME ZONE", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"),
                            "TIMESTAMP WITH TIME ZONE '0001-01-01 00:00:00+00:00'", "0001-01-01T00:00:00.000000Z",
                            "TIMESTAMP WITH TIME ZONE '9999-12-31 23:59:59.999999+05:30'", "9999-12-31T18:29:59.999999Z"),
                    TypeCase.of("CHAR(3)", ArrowType.Utf8.INSTANCE, "'a'", "a  ", "'zzz'", "zzz"),
                    TypeCase.of("VARCHAR(1000)", ArrowType.Utf8.INSTANCE, "''", "", "'" + "z".repeat(1000) + "'", "z".repeat(1000)),
                    TypeCase.of("VARBINARY(16)", ArrowType.Binary.INSTANCE, "X''", "0x", "X'00ff'", "0x00ff"),
                    TypeCase.of("UUID", new ArrowType.FixedSizeBinary(16), "'00000000-0000-0000-0000-000000000000'",
                            "00000000-0000-0000-0000-000000000000", "'ffffffff-ffff-ffff-ffff-ffffffffffff'",
                            "ffffffff-ffff-ffff-ffff-ffffffffffff"));
        }
    }
}

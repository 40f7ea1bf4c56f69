package io.flowforge.connector.postgresql;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.testkit.ConnectorContractTest;
import io.flowforge.connector.testkit.OwnDriverContract;
import io.flowforge.connector.testkit.ContractDatabase;
import io.flowforge.connector.testkit.LiveDatabases;
import io.flowforge.connector.testkit.TypeCase;
import io.flowforge.connector.testkit.WallClockCase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The contract suite for the {@code postgresql} connector against a live server:
 * {@code FLOWFORGE_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test}),
 * {@code FLOWFORGE_PG_USER} (default {@code postgres}) and {@code FLOWFORGE_PG_PASSWORD}.
 */
class PostgreSqlContractTest extends ConnectorContractTest implements OwnDriverContract {

    @Override
    protected ContractDatabase database() {
        return new PostgreSqlDatabase();
    }

    /** The live PostgreSQL server and its type table. */
    static final class PostgreSqlDatabase extends ContractDatabase {
        final String url = LiveDatabases.setting("FLOWFORGE_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        final String user = LiveDatabases.setting("FLOWFORGE_PG_USER", "postgres");
        final String password = LiveDatabases.setting("FLOWFORGE_PG_PASSWORD", "");

        @Override
        public String connectorIdentifier() {
            return PostgreSqlConnectorFactory.IDENTIFIER;
        }

        @Override
        public String displayName() {
            return "PostgreSQL";
        }

        @Override
        public String location() {
            return url + " as " + user + " (set FLOWFORGE_PG_URL, FLOWFORGE_PG_USER, FLOWFORGE_PG_PASSWORD)";
        }

        @Override
        public Connection openAdmin() throws SQLException {
            java.util.Properties p = new java.util.Properties();
            p.setProperty("user", user);
            p.setProperty("password", password);
            p.setProperty("connectTimeout", "5");
            return DriverManager.getConnection(url, p);
        }

        @Override
        public ConnectionConfig config(String schema) {
            return builder().build();
        }

        /** {@link #config} reading through {@code method} ({@code flowforge.readMethod}: copy or jdbc). */
        ConnectionConfig config(String schema, String method) {
            return builder().property(PostgreSqlConnector.READ_METHOD_PROPERTY, method).build();
        }

        private ConnectionConfig.Builder builder() {
            ConnectionConfig.Builder b = ConnectionConfig.builder().jdbcUrl(url).username(user);
            if (!password.isEmpty()) {
                b.password(password);
            }
            return b;
        }

        /**
         * The password as user info (pgjdbc takes {@code user:pw@host} for a host name and names it
         * in the cause of its failure) and as a URL parameter.
         */
        @Override
        public List<UrlSecretCase> urlSecretCases(String schema, String secret) {
            String userInfo = url.replace("//", "//user:" + secret + "@");
            String parameter = url + (url.contains("?") ? "&" : "?") + "user=ff_nobody&password=" + secret;
            return List.of(
                    new UrlSecretCase(ConnectionConfig.builder().jdbcUrl(userInfo).build(), "user:******@"),
                    new UrlSecretCase(ConnectionConfig.builder().jdbcUrl(parameter).build(), "role \"ff_nobody\""));
        }

        /**
         * A role that does not exist. A server that trusts local connections (as the one CI uses)
         * ignores passwords, so a wrong password cannot be refused there; an unknown role always is.
         * With password authentication the server words it as a failed password.
         */
        @Override
        public BadCredentials badCredentials(String schema) {
            String role = "ff_no_such_role_" + schema;
            return new BadCredentials(
                    ConnectionConfig.builder().jdbcUrl(url).username(role).password("ff-wrong-password").build(),
                    List.of("role \"" + role + "\" does not exist", "password authentication failed for user \"" + role + "\""),
                    "PostgreSQL refuses a login as a role that does not exist");
        }

        @Override
        public String productName() {
            return "PostgreSQL";
        }

        @Override
        public String nowExpression() {
            return "LOCALTIMESTAMP";
        }

        @Override
        public String generateRows(String table, int rows) {
            return "INSERT INTO " + table + " SELECT g, repeat('x', 200) || g FROM generate_series(1, " + rows + ") g";
        }

        @Override
        public String analyze(String table) {
            return "ANALYZE " + table;
        }

        @Override
        public String slowRowsView(String qualifiedView) {
            return "CREATE VIEW " + qualifiedView + " AS SELECT g AS id, (SELECT 1 FROM pg_sleep(CASE WHEN g = 2001 THEN 60"
                    + " ELSE 0 END)) AS s FROM generate_series(1, 3000) g";
        }

        @Override
        public String runningQueriesCount(String marker, boolean sleeping) {
            return "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + PostgreSqlDialect.APPLICATION_NAME
                    + "' AND query LIKE '%" + marker + "%' AND " + (sleeping ? "wait_event = 'PgSleep'" : "state = 'active'");
        }

        /** Both read paths: binary COPY (the default) and JDBC fetching. */
        @Override
        public Map<String, ConnectionConfig> cancelConfigs(String schema) {
            return Map.of("copy", config(schema, "copy"), "jdbc", config(schema, "jdbc"));
        }

        @Override
        public List<WallClockCase> wallClockCases() {
            ArrowType.Timestamp micros = new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
            return List.of(
                    WallClockCase.wallClock("timestamp", micros, "TIMESTAMP '%s'", 6),
                    WallClockCase.wallClock("timestamp(0)", micros, "TIMESTAMP '%s'", 0),
                    WallClockCase.instant("timestamptz", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"),
                            "TIMESTAMPTZ '%s+00'", 6),
                    WallClockCase.date("date", new ArrowType.Date(DateUnit.DAY), "DATE '%s'"),
                    WallClockCase.time("time", new ArrowType.Time(TimeUnit.MICROSECOND, 64), "TIME '%s'", 6));
        }

        @Override
        public List<TypeCase> typeCases() {
            return PostgreSqlTypeCases.CASES;
        }
    }
}

package io.flowforge.connector.mysql;

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
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The contract suite for the {@code mysql} connector against a live MariaDB (or MySQL) server:
 * {@code FLOWFORGE_MYSQL_URL} (default {@code jdbc:mariadb://127.0.0.1:3306/test}),
 * {@code FLOWFORGE_MYSQL_USER} (default {@code root}) and {@code FLOWFORGE_MYSQL_PASSWORD}. The
 * user must be able to create databases and users.
 */
class MariaDbContractTest extends ConnectorContractTest implements OwnDriverContract {

    @Override
    protected ContractDatabase database() {
        return new MariaDbDatabase();
    }

    /** The live server and its type table; a schema is a database here. */
    static final class MariaDbDatabase extends ContractDatabase {
        final String url = LiveDatabases.setting("FLOWFORGE_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/test");
        final String user = LiveDatabases.setting("FLOWFORGE_MYSQL_USER", "root");
        final String password = LiveDatabases.setting("FLOWFORGE_MYSQL_PASSWORD", "");

        @Override
        public String connectorIdentifier() {
            return MySqlConnectorFactory.IDENTIFIER;
        }

        @Override
        public String displayName() {
            return "MariaDB";
        }

        @Override
        public String location() {
            return url + " as " + user + " (set FLOWFORGE_MYSQL_URL, FLOWFORGE_MYSQL_USER, FLOWFORGE_MYSQL_PASSWORD)";
        }

        @Override
        public Connection openAdmin() throws SQLException {
            Properties p = new Properties();
            p.setProperty("user", user);
            p.setProperty("password", password);
            p.setProperty("connectTimeout", "5000");
            return DriverManager.getConnection(url, p);
        }

        /** The URL with the run's own database in place of the configured one. */
        String urlFor(String schema) {
            int hosts = url.indexOf("//") + 2;
            int slash = url.indexOf('/', hosts);
            int query = url.indexOf('?', hosts);
            String base = slash >= 0 ? url.substring(0, slash) : query >= 0 ? url.substring(0, query) : url;
            return base + "/" + schema + (query >= 0 ? url.substring(query) : "");
        }

        @Override
        public ConnectionConfig config(String schema) {
            return ConnectionConfig.builder().jdbcUrl(urlFor(schema)).username(user).password(password).build();
        }

        /**
         * The password as user info (Connector/J reads {@code user:pw@host:port} as host {@code user}
         * and echoes the rest as a bad port; a second ':' makes it echo only the piece before it) and
         * as a URL parameter.
         */
        @Override
        public List<UrlSecretCase> urlSecretCases(String schema, String secret) {
            String url = urlFor(schema);
            String userInfo = url.replace("//", "//user:" + secret + "@");
            String piece = url.replace("//", "//user:" + secret + ":tail@");
            String parameter = url + (url.contains("?") ? "&" : "?") + "user=ff_nobody&password=" + secret;
            return List.of(
                    new UrlSecretCase(ConnectionConfig.builder().jdbcUrl(userInfo).build(), "Incorrect port value : ******@"),
                    new UrlSecretCase(ConnectionConfig.builder().jdbcUrl(piece).build(), "Incorrect port value : ******"),
                    new UrlSecretCase(ConnectionConfig.builder().jdbcUrl(parameter).build(), "Access denied for user 'ff_nobody'"));
        }

        /** A user made for the run with a password of its own, then a login with a wrong one. */
        @Override
        public BadCredentials badCredentials(String schema) throws SQLException {
            String name = "ff_" + schema.substring(3);
            try (Connection c = openAdmin(); Statement s = c.createStatement()) {
                s.execute("CREATE USER IF NOT EXISTS '" + name + "'@'%' IDENTIFIED BY 'ff-Right-pass-1'");
                s.execute("GRANT SELECT ON `" + schema + "`.* TO '" + name + "'@'%'");
            }
            ConnectionConfig wrong = ConnectionConfig.builder().jdbcUrl(urlFor(schema)).username(name)
                    .password("ff-wrong-password").build();
            return new BadCredentials(wrong, List.of("Access denied for user '" + name + "'"),
                    "MariaDB refuses a wrong password for a user that exists");
        }

        @Override
        public void cleanUp(Connection admin, String schema) throws SQLException {
            try (Statement s = admin.createStatement()) {
                s.execute("DROP USER IF EXISTS 'ff_" + schema.substring(3) + "'@'%'");
            }
        }

        @Override
        public String productName() {
            return "MariaDB";
        }

        @Override
        public String createSchema(String schema) {
            return "CREATE DATABASE " + quote(schema) + " CHARACTER SET utf8mb4";
        }

        @Override
        public String dropSchema(String schema) {
            return "DROP DATABASE " + quote(schema);
        }

        @Override
        public String quote(String identifier) {
            return "`" + identifier.replace("`", "``") + "`";
        }

        @Override
        public String slowRowsView(String qualifiedView) {
            return "CREATE VIEW " + qualifiedView + " AS SELECT seq AS id, IF(seq = 2001, SLEEP(60), 0) AS s FROM seq_1_to_3000";
        }

        @Override
        public String runningQueriesCount(String marker, boolean sleeping) {
            return "SELECT count(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE '%" + marker
                    + "%' AND INFO NOT LIKE '%PROCESSLIST%' AND " + (sleeping ? "STATE = 'User sleep'" : "COMMAND = 'Query'");
        }

        @Override
        public String identityColumnType() {
            return "INTEGER AUTO_INCREMENT";
        }

        @Override
        public String integerType() {
            return "INT";
        }

        @Override
        public String timestampType() {
            return "DATETIME(6)";
        }

        @Override
        public String nowExpression() {
            return "NOW(6)";
        }

        /** MariaDB's Sequence engine ({@code seq_1_to_N}); MySQL would need a recursive CTE instead. */
        @Override
        public String generateRows(String table, int rows) {
            return "INSERT INTO " + table + " SELECT seq, CONCAT(REPEAT('x', 200), seq) FROM seq_1_to_" + rows;
        }

        @Override
        public String analyze(String table) {
            return "ANALYZE TABLE " + table;
        }

        /** timestamp literals are UTC instants, converted to the inserting session's zone. */
        @Override
        public List<WallClockCase> wallClockCases() {
            ArrowType.Timestamp micros = new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
            return List.of(
                    WallClockCase.wallClock("datetime(6)", micros, "'%s'", 6),
                    WallClockCase.wallClock("datetime", micros, "'%s'", 0),
                    WallClockCase.instant("timestamp(6) NULL", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"),
                            "CONVERT_TZ('%s', '+00:00', @@session.time_zone)", 6),
                    WallClockCase.date("date", new ArrowType.Date(DateUnit.DAY), "'%s'"),
                    WallClockCase.time("time(6)", new ArrowType.Time(TimeUnit.MICROSECOND, 64), "'%s'", 6));
        }

        @Override
        public List<TypeCase> typeCases() {
            return MariaDbTypeCases.CASES;
        }
    }
}

package io.flowforge.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectionTestResult;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.TableId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link PooledConnectors}: HikariCP pools behind JDBC connectors, on H2 through a counting driver. */
class PooledConnectorsTest {

    static {
        // HikariCP prints its whole configuration at DEBUG: the secrets test reads those lines.
        System.setProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "debug");
        CountingDriver.register();
    }

    private static final String PASSWORD = "Pool-S3cret!pw";
    private String h2;
    private Connection keeper;

    @BeforeEach
    void createDatabase() throws SQLException {
        h2 = "h2:mem:pool_" + UUID.randomUUID().toString().replace("-", "");
        keeper = DriverManager.getConnection("jdbc:" + h2, "sa", PASSWORD);
        try (Statement s = keeper.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20))");
            s.execute("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
        }
        CountingDriver.CONNECTS.set(0);
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        try (Statement s = keeper.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    private ConnectionConfig config() {
        return ConnectionConfig.builder().jdbcUrl("jdbc:counting:" + h2).username("sa").password(PASSWORD).build();
    }

    private int sessions() throws SQLException {
        try (Statement s = keeper.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
            rs.next();
            return rs.getInt(1) - 1;  // not the keeper
        }
    }

    @Test
    void reusesOneConnectionForSequentialCalls() {
        try (JdbcConnector db = PooledConnectors.open("jdbc", config(), PoolSettings.of("reuse", 2))) {
            for (int i = 0; i < 20; i++) {
                assertThat(db.listTables()).extracting(t -> t.id().name()).contains("T");
                assertThat(db.getSchema(TableId.of("PUBLIC", "T")).primaryKey()).containsExactly("ID");
            }
        }
        // HikariCP's start-up check opens one connection and, with minIdle 0, closes it again.
        assertThat(CountingDriver.CONNECTS.get()).isEqualTo(1 + 1);

        // The control: the same calls without a pool open a connection each.
        CountingDriver.CONNECTS.set(0);
        try (DatabaseConnector db = Connectors.open("jdbc", config())) {
            for (int i = 0; i < 20; i++) {
                db.listTables();
            }
        }
        assertThat(CountingDriver.CONNECTS.get()).isEqualTo(20);
    }

    @Test
    void concurrentCallsShareAtMostMaxSizeConnections() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (JdbcConnector db = PooledConnectors.open("jdbc", config(), PoolSettings.of("shared", 2))) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(threads.submit(() -> db.getSchema(TableId.of("PUBLIC", "T")).columns().size()));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get()).isEqualTo(2);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(CountingDriver.CONNECTS.get()).as("the start-up check, then at most 2").isBetween(2, 3);
    }

    @Test
    void handsConnectionsBackReset() throws SQLException {
        try (JdbcConnector db = PooledConnectors.open("jdbc", config(), PoolSettings.of("reset", 1))) {
            int isolation;
            try (Connection c = db.openConnection()) {
                isolation = c.getTransactionIsolation();
                c.setAutoCommit(false);
                c.setReadOnly(true);
                c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                c.setReadOnly(false);
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO t VALUES (3, 'uncommitted')");
                }
                c.setReadOnly(true);
            }
            try (Connection c = db.openConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                assertThat(c.getAutoCommit()).isTrue();
                assertThat(c.isReadOnly()).isFalse();
                assertThat(c.getTransactionIsolation()).isEqualTo(isolation).isNotEqualTo(Connection.TRANSACTION_SERIALIZABLE);
                rs.next();
                assertThat(rs.getInt(1)).as("the borrower's open transaction was rolled back").isEqualTo(2);
            }
        }
        assertThat(CountingDriver.CONNECTS.get()).as("the start-up check, then the same physical connection").isEqualTo(2);
    }

    @Test
    void aConnectionKilledOnTheServerIsDroppedNotHandedOutAgain() throws SQLException {
        try (JdbcConnector db = PooledConnectors.open("jdbc", config(), PoolSettings.of("killed", 1))) {
            int session;
            try (Connection c = db.openConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT SESSION_ID()")) {
                rs.next();
                session = rs.getInt(1);
            }
            try (Statement s = keeper.createStatement()) {
                s.execute("CALL ABORT_SESSION(" + session + ")");
            }
            // The first borrower may meet the dead connection (it is handed out without a check
            // when it was used less than 500 ms ago); its failure must evict it.
            try {
                db.getSchema(TableId.of("PUBLIC", "T"));
            } catch (RuntimeException expected) {
                assertThat(expected).hasMessageContaining("Could not read the schema of table 'PUBLIC.T'");
            }
            for (int i = 0; i < 3; i++) {
                assertThat(db.getSchema(TableId.of("PUBLIC", "T")).columns()).hasSize(2);
            }
        }
        assertThat(CountingDriver.CONNECTS.get()).as("the start-up check, the killed one, its replacement").isEqualTo(3);
    }

    @Test
    void aFailedFirstConnectionIsReportedLikeUnpooledAndRetriedLater() throws SQLException {
        String later = "h2:mem:later_" + UUID.randomUUID().toString().replace("-", "");
        ConnectionConfig missing = ConnectionConfig.builder().jdbcUrl("jdbc:counting:" + later + ";IFEXISTS=TRUE")
                .username("sa").password(PASSWORD).build();
        ConnectionTestResult unpooled;
        try (DatabaseConnector db = Connectors.open("jdbc", missing)) {
            unpooled = db.testConnection();
        }
        try (JdbcConnector db = PooledConnectors.open("jdbc", missing, PoolSettings.of("retry", 2)
                .withConnectionTimeout(Duration.ofSeconds(1)))) {
            ConnectionTestResult failed = db.testConnection();
            assertThat(failed.success()).isFalse();
            assertThat(failed.message()).isEqualTo(unpooled.message()).contains("not found");

            try (Connection created = DriverManager.getConnection("jdbc:" + later, "sa", PASSWORD)) {
                ConnectionTestResult ok = db.testConnection();
                assertThat(ok.success()).as(ok.message()).isTrue();
                assertThat(ok.productName()).isEqualTo("H2");
                try (Statement s = created.createStatement()) {
                    s.execute("SHUTDOWN");
                }
            }
        }
    }

    @Test
    void closesThePoolWithTheConnector() throws SQLException {
        JdbcConnector db = PooledConnectors.open("jdbc", config(), PoolSettings.of("closing", 3).withMinIdle(3));
        db.listTables();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sessions() < 3 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(sessions()).as("minIdle connections opened").isEqualTo(3);
        db.close();
        assertThat(sessions()).as("every pooled connection closed").isZero();
        assertThatThrownBy(db::openConnection).isInstanceOf(SQLException.class)
                .hasMessage("The connection pool 'closing' is closed");
        assertThat(db.testConnection().message()).endsWith(": The connection pool 'closing' is closed");
    }

    @Test
    void aConnectorGetsOnePoolOnly() {
        try (JdbcConnector db = PooledConnectors.open("jdbc", config(), PoolSettings.of("once", 1))) {
            assertThatThrownBy(() -> PooledConnectors.pool(db, PoolSettings.of("twice", 1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("This jdbc connector already takes its connections from HikariConnectionSource[pool=once");
        }
    }

    @Test
    void secretsNeverReachThePoolsLogsErrorsOrToString() {
        String urlSecret = "Url-S3cret!x";
        String propSecret = "Prop-S3cret!y";
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String failure;
        String description;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            // H2 takes a password in the URL (upper case: HikariCP's own URL masking would miss it).
            ConnectionConfig good = ConnectionConfig.builder().jdbcUrl("jdbc:counting:" + h2 + ";PASSWORD=" + PASSWORD)
                    .username("sa").build();
            try (JdbcConnector db = PooledConnectors.open("jdbc", good, PoolSettings.of("logged", 1))) {
                assertThat(db.testConnection().success()).isTrue();
            }
            ConnectionConfig echo = ConnectionConfig.builder().jdbcUrl("jdbc:echo:db;PASSWORD=" + urlSecret)
                    .username("sa").password(PASSWORD).property("secretKey", propSecret).build();
            try (JdbcConnector db = PooledConnectors.open("jdbc", echo, PoolSettings.of("echo", 1))) {
                failure = db.testConnection().message();
                description = db.toString() + " " + connectionSourceOf(db);
            }
        } finally {
            System.setErr(err);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).as("HikariCP logged its configuration at DEBUG").contains("logged - configuration:")
                .contains("dataSource");
        // The URL masking runs to the next ';' or '&', so it also hides the echoed password after it.
        assertThat(failure).isEqualTo("Could not connect to jdbc:echo:db;PASSWORD=****** as user 'sa': "
                + "login failed for jdbc:echo:db;PASSWORD=******");
        for (String text : List.of(logs, failure, description)) {
            assertThat(text).doesNotContain(PASSWORD).doesNotContain(urlSecret).doesNotContain(propSecret);
        }
    }

    private static String connectionSourceOf(JdbcConnector db) {
        try {
            var field = JdbcConnector.class.getDeclaredField("connectionSource");
            field.setAccessible(true);
            return String.valueOf(field.get(db));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void poolSettingsRefuseValuesHikariWouldReplaceSilently() {
        assertThatThrownBy(() -> PoolSettings.of("p", 0)).hasMessage("pool 'p': maxSize must be at least 1, was 0");
        assertThatThrownBy(() -> PoolSettings.of("p", 2).withMinIdle(3))
                .hasMessage("pool 'p': minIdle must be from 0 to maxSize (2), was 3");
        assertThatThrownBy(() -> PoolSettings.of("p", 2).withConnectionTimeout(Duration.ofMillis(100)))
                .hasMessage("pool 'p': connectionTimeout must be at least 250 ms, was 100 ms");
        assertThatThrownBy(() -> PoolSettings.of("p", 2).withIdleTimeout(Duration.ofSeconds(5)))
                .hasMessage("pool 'p': idleTimeout must be 0 (never) or at least 10 s, was 5000 ms");
        assertThatThrownBy(() -> PoolSettings.of("p", 2).withMaxLifetime(Duration.ofSeconds(5)))
                .hasMessage("pool 'p': maxLifetime must be 0 (never) or at least 30 s, was 5000 ms");
        assertThatThrownBy(() -> PoolSettings.of("my pool", 2))
                .hasMessage("pool name 'my pool' may hold only letters, digits, '.', '_' and '-' (1 to 64 characters)");
    }
}

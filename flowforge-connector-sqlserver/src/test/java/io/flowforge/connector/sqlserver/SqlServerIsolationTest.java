package io.flowforge.connector.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.ReadOptions;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The read isolation with no database: a recording connection whose {@code sys.databases} row says
 * what the database allows, and the statements the dialect sends before the read's query.
 */
class SqlServerIsolationTest {

    private final List<String> calls = new ArrayList<>();

    /** A connection whose sys.databases row is (db, snapshot_isolation_state, is_read_committed_snapshot_on), or fails. */
    private Connection connection(Object[] settings) {
        ResultSet rs = (ResultSet) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ResultSet.class},
                new java.lang.reflect.InvocationHandler() {
                    private boolean read;

                    @Override
                    public Object invoke(Object p, java.lang.reflect.Method m, Object[] args) {
                        return switch (m.getName()) {
                            case "next" -> !read && (read = true);
                            case "getString" -> settings[0];
                            case "getInt" -> settings[1];
                            case "getBoolean" -> settings[2];
                            case "close" -> null;
                            default -> throw new UnsupportedOperationException(m.getName());
                        };
                    }
                });
        Statement st = (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class},
                (p, m, args) -> switch (m.getName()) {
                    case "executeQuery" -> {
                        calls.add("executeQuery(" + args[0] + ")");
                        if (settings == null) {
                            throw new SQLException("Invalid object name 'sys.databases'.");
                        }
                        yield rs;
                    }
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        PreparedStatement ps = (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (p, m, args) -> {
                    calls.add(m.getName() + (args == null ? "" : "(" + args[0] + ")"));
                    return null;
                });
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (p, m, args) -> switch (m.getName()) {
                    case "createStatement" -> st;
                    case "isReadOnly" -> false;
                    case "prepareStatement" -> {
                        calls.add("prepareStatement(" + args[0] + ")");
                        yield ps;
                    }
                    case "setTransactionIsolation", "setAutoCommit", "setReadOnly" -> {
                        calls.add(m.getName() + "(" + args[0] + ")");
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private List<String> prepare(SqlServerIsolation isolation, Object[] settings) throws SQLException {
        new SqlServerDialect(isolation).prepareStreaming(connection(settings), "SELECT [id] FROM [dbo].[t]", ReadOptions.defaults());
        return calls;
    }

    @Test
    void autoReadsUnderSnapshotWhenTheDatabaseAllowsItBeforeTheTransactionStarts() throws SQLException {
        assertThat(prepare(SqlServerIsolation.AUTO, new Object[] {"BFSI_Test", 1, false})).containsExactly(
                "executeQuery(" + SqlServerIsolation.SETTINGS_SQL + ")",
                "setTransactionIsolation(4096)", // ISQLServerConnection.TRANSACTION_SNAPSHOT, before autocommit goes off
                "setAutoCommit(false)", "setReadOnly(true)", "prepareStatement(SELECT [id] FROM [dbo].[t])", "setFetchSize(10000)");
        assertThat(SqlServerIsolation.TRANSACTION_SNAPSHOT)
                .isEqualTo(com.microsoft.sqlserver.jdbc.ISQLServerConnection.TRANSACTION_SNAPSHOT);
    }

    @Test
    void autoStaysReadCommittedOtherwiseAndNeverReadsUncommitted() throws SQLException {
        for (Object[] settings : new Object[][] {{"BFSI_Test", 0, true}, {"BFSI_Test", 0, false}, {"BFSI_Test", 3, false}, null}) {
            calls.clear();
            assertThat(prepare(SqlServerIsolation.AUTO, settings)).as(java.util.Arrays.toString(settings))
                    .noneMatch(c -> c.startsWith("setTransactionIsolation")).contains("setAutoCommit(false)");
        }
        calls.clear();
        assertThat(prepare(SqlServerIsolation.READ_COMMITTED, new Object[] {"BFSI_Test", 1, true}))
                .containsExactly("setAutoCommit(false)", "setReadOnly(true)", "prepareStatement(SELECT [id] FROM [dbo].[t])", "setFetchSize(10000)");
    }

    @Test
    void snapshotFailsBeforeReadingWhereTheDatabaseDoesNotAllowIt() {
        assertThatThrownBy(() -> prepare(SqlServerIsolation.SNAPSHOT, new Object[] {"BFSI]Test", 0, true}))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("flowforge.isolation=snapshot needs snapshot isolation in database 'BFSI]Test', which does "
                        + "not allow it: ALTER DATABASE [BFSI]]Test] SET ALLOW_SNAPSHOT_ISOLATION ON, or use "
                        + "flowforge.isolation=auto to read under READ COMMITTED.");
        assertThat(calls).noneMatch(c -> c.startsWith("prepareStatement"));
    }

    @Test
    void thePropertyIsCheckedWhenTheConnectorIsCreatedAndNotPassedToTheDriver() {
        ConnectionConfig.Builder b = ConnectionConfig.builder().host("h").database("d").username("sa").password("pw");
        assertThatThrownBy(() -> Connectors.open("sql-server", b.property("flowforge.isolation", "nolock").build()))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("Connection property flowforge.isolation is 'nolock'; use auto (the default), snapshot or read_committed.");
        assertThat(SqlServerIsolation.of(b.property("flowforge.isolation", "SNAPSHOT").build())).isEqualTo(SqlServerIsolation.SNAPSHOT);
        assertThat(new SqlServerDialect().driverProperties(b.property("flowforge.isolation", "snapshot").build()))
                .doesNotContainKey("flowforge.isolation");
    }
}

package io.flowforge.connector.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.ReadOptions;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The socket timeout is lifted while a read waits for its first rows and put back once they
 * arrive, with no database: a recording connection and statement.
 */
class SqlServerFirstRowWaitTest {

    private final List<String> calls = new ArrayList<>();

    private PreparedStatement statement(int socketTimeoutMillis, SQLException executeFailure) {
        Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (p, m, args) -> switch (m.getName()) {
                    case "getNetworkTimeout" -> socketTimeoutMillis;
                    case "setNetworkTimeout" -> {
                        calls.add("setNetworkTimeout(" + args[1] + ")");
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        ResultSet rs = (ResultSet) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ResultSet.class},
                (p, m, args) -> "toString".equals(m.getName()) ? "rs" : null);
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (p, m, args) -> switch (m.getName()) {
                    case "getConnection" -> connection;
                    case "executeQuery" -> {
                        calls.add("executeQuery");
                        if (executeFailure != null) {
                            throw executeFailure;
                        }
                        yield rs;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void theSocketTimeoutIsLiftedForTheFirstRowsAndRestoredAfter() throws Exception {
        ResultSet rs = new SqlServerDialect().executeStreaming(statement(1_800_000, null), ReadOptions.defaults());
        assertThat(rs).hasToString("rs");
        assertThat(calls).containsExactly("setNetworkTimeout(0)", "executeQuery", "setNetworkTimeout(1800000)");
    }

    @Test
    void aFailedExecutionStillRestoresTheSocketTimeoutAndKeepsItsError() {
        SQLException failure = new SQLException("Invalid object name 'dbo.nope'.");
        assertThatThrownBy(() -> new SqlServerDialect().executeStreaming(statement(5_000, failure), ReadOptions.defaults()))
                .isSameAs(failure);
        assertThat(calls).containsExactly("setNetworkTimeout(0)", "executeQuery", "setNetworkTimeout(5000)");
    }

    @Test
    void noSocketTimeoutLeavesTheConnectionAlone() throws Exception {
        new SqlServerDialect().executeStreaming(statement(0, null), ReadOptions.defaults());
        assertThat(calls).containsExactly("executeQuery");
    }
}

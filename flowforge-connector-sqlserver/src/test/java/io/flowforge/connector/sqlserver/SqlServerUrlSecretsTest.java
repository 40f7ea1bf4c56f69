package io.flowforge.connector.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectionTestResult;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code sql-server} connector with a password inside its {@code jdbcUrl}, in each form
 * mssql-jdbc reads, against a port nothing listens on (so no SQL Server is needed): the password
 * never shows, and where mssql-jdbc echoes the URL's user info, the echo shows masked.
 */
class SqlServerUrlSecretsTest {

    private static final String SECRET = "SqlUrlSecret42";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "jdbc:sqlserver://user:SECRET@127.0.0.1:1;loginTimeout=1 | The port number ******@127.0.0.1:1 is not valid.",
        "jdbc:sqlserver://127.0.0.1:1;user=sa;password=SECRET;loginTimeout=1 | port 1 has failed",
        "jdbc:sqlserver://127.0.0.1:1;user=sa;password={SECRET;a}}b};loginTimeout=1 | port 1 has failed",
    })
    void aPasswordInsideTheUrlNeverShows(String url, String expected) {
        ConnectionConfig config = ConnectionConfig.builder().jdbcUrl(url.replace("SECRET", SECRET))
                .username("sa").password("another-password-1").build();
        assertThat(config.toString()).doesNotContain(SECRET);
        try (DatabaseConnector connector = Connectors.open("sql-server", config)) {
            ConnectionTestResult r = connector.testConnection();
            assertThat(r.success()).isFalse();
            assertThat(r.message()).contains(expected).doesNotContain(SECRET);
            StringBuilder chain = new StringBuilder();
            try {
                connector.listTables();
            } catch (RuntimeException e) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    chain.append(t).append('\n');
                }
            }
            assertThat(chain.toString()).contains(expected).doesNotContain(SECRET);
        }
    }
}

package io.flowforge.connector.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import org.junit.jupiter.api.Test;

/** Discovery through the services file and the configuration checks, with no database. */
class SqlServerConnectorFactoryTest {

    @Test
    void isFoundByItsIdentifier() {
        assertThat(Connectors.available()).contains("sql-server");
        assertThat(Connectors.factory("sql-server")).isInstanceOf(SqlServerConnectorFactory.class);
    }

    @Test
    void listsEveryMissingOptionInOneMessage() {
        assertThatThrownBy(() -> Connectors.open("sql-server", ConnectionConfig.builder().build()))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("The sql-server connection configuration is incomplete: missing host, database, username, "
                        + "password (port is optional and defaults to 1433).");
        assertThatThrownBy(() -> Connectors.open("sql-server",
                ConnectionConfig.builder().host("h").database("d").username("sa").build()))
                .hasMessage("The sql-server connection configuration is incomplete: missing password "
                        + "(port is optional and defaults to 1433).");
    }

    @Test
    void rejectsAHostThatWouldAddUrlProperties() {
        assertThatThrownBy(() -> Connectors.open("sql-server", ConnectionConfig.builder()
                .host("h;integratedSecurity=true").username("sa").password("secret-pw").build()))
                .hasMessage("The sql-server connection configuration is incomplete: missing database (port is optional "
                        + "and defaults to 1433); host 'h;integratedSecurity=true' must not contain ';' or spaces: give "
                        + "the server name, optionally with \\instance, and the port separately.")
                .message().doesNotContain("secret-pw");
    }

    @Test
    void createsWithoutConnecting() {
        try (DatabaseConnector c = Connectors.open("sql-server", ConnectionConfig.builder().host("nowhere.invalid")
                .database("BFSI_Test").username("sa").password("pw").build())) {
            assertThat(c).isInstanceOf(SqlServerConnector.class);
            assertThat(c.identifier()).isEqualTo("sql-server");
        }
        try (DatabaseConnector c = Connectors.open("sql-server", ConnectionConfig.builder()
                .jdbcUrl("jdbc:sqlserver://h;databaseName=d").property("integratedSecurity", "true")
                .property("authenticationScheme", "JavaKerberos").build())) {
            assertThat(c.identifier()).isEqualTo("sql-server");
        }
    }

    @Test
    void aFailedConnectionTestNamesTheServerButNotThePassword() {
        String password = "FlowForge2024!";
        try (DatabaseConnector c = Connectors.open("sql-server", ConnectionConfig.builder().host("127.0.0.1").port(1)
                .database("BFSI_Test").username("sa").password(password)
                .loginTimeout(java.time.Duration.ofSeconds(2)).build())) {
            var result = c.testConnection();
            assertThat(result.success()).isFalse();
            assertThat(result.message()).startsWith("Could not connect to jdbc:sqlserver://127.0.0.1:1;databaseName=BFSI_Test as user 'sa': ")
                    .doesNotContain(password);
        }
    }
}

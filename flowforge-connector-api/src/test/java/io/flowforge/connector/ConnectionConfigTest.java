package io.flowforge.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConnectionConfigTest {

    private static final String PASSWORD = "FlowForge2024!";

    @Test
    void toStringNeverShowsThePasswordOrSecretProperties() {
        ConnectionConfig c = ConnectionConfig.builder()
                .host("db").port(1433).database("BFSI_Test").username("sa").password(PASSWORD)
                .jdbcUrl("jdbc:sqlserver://db;password=" + PASSWORD)
                .property("trustServerCertificate", "true")
                .property("keyStoreSecret", "s3cr3t-value")
                .build();
        String s = c.toString();
        assertThat(s).doesNotContain(PASSWORD).doesNotContain("s3cr3t-value")
                .contains("password=******").contains("keyStoreSecret=******")
                .contains("trustServerCertificate=true").contains("database=BFSI_Test");
    }

    @Test
    void redactRemovesThePasswordFromDriverMessages() {
        ConnectionConfig c = ConnectionConfig.builder().username("sa").password(PASSWORD).build();
        assertThat(c.redact("Login failed for user 'sa' with password " + PASSWORD + "."))
                .isEqualTo("Login failed for user 'sa' with password ******.");
    }

    @Test
    void secretPrintsAsAMask() {
        assertThat(Secret.of(PASSWORD)).hasToString("******");
        assertThat(String.valueOf(Secret.of(PASSWORD))).doesNotContain(PASSWORD);
    }

    @Test
    void badPortIsRejectedWithTheValue() {
        assertThatThrownBy(() -> ConnectionConfig.builder().port(70000).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port must be between 1 and 65535, was 70000");
    }

    @Test
    void defaultsTimeouts() {
        ConnectionConfig c = ConnectionConfig.builder().build();
        assertThat(c.loginTimeout()).isEqualTo(ConnectionConfig.DEFAULT_LOGIN_TIMEOUT);
        assertThat(c.socketTimeout()).isEqualTo(ConnectionConfig.DEFAULT_SOCKET_TIMEOUT);
    }
}

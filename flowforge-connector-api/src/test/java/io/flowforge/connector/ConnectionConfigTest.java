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
    void redactKnowsThePasswordsInsideTheJdbcUrl() {
        // MariaDB Connector/J takes "user:Secret@127.0.0.1" as host and port, and echoes the port part.
        ConnectionConfig mariaDb = ConnectionConfig.builder().jdbcUrl("jdbc:mariadb://user:Secret@127.0.0.1:3306/test").build();
        assertThat(mariaDb.redact("Incorrect port value : Secret@127.0.0.1"))
                .isEqualTo("Incorrect port value : ******@127.0.0.1");
        ConnectionConfig pg = ConnectionConfig.builder().jdbcUrl("jdbc:postgresql://db/test?user=u&password=Pg%3Bsecret").build();
        assertThat(pg.redact("rejected Pg;secret and Pg%3Bsecret")).isEqualTo("rejected ****** and ******");
        ConnectionConfig sqlServer = ConnectionConfig.builder()
                .jdbcUrl("jdbc:sqlserver://db:1433;user=sa;password={a;b}}c};encrypt=false").build();
        assertThat(sqlServer.redact("login with a;b}c failed")).isEqualTo("login with ****** failed");
    }

    @Test
    void toStringMasksEveryUrlForm() {
        assertThat(ConnectionConfig.builder().jdbcUrl("jdbc:sqlserver://db:1433;user=sa;password={a;b}}c};encrypt=false")
                .build().toString()).contains("jdbcUrl=jdbc:sqlserver://db:1433;user=sa;password=******;encrypt=false");
        assertThat(ConnectionConfig.builder().jdbcUrl("jdbc:mariadb://db:3306/test?user=u&password=Maria1&useSsl=true")
                .build().toString()).contains("jdbcUrl=jdbc:mariadb://db:3306/test?user=u&password=******&useSsl=true");
        assertThat(ConnectionConfig.builder().jdbcUrl("jdbc:mariadb://user:Se@cret/x@db:3306/test").build().toString())
                .contains("jdbcUrl=jdbc:mariadb://user:******@db:3306/test");
        assertThat(ConnectionConfig.builder().jdbcUrl("jdbc:oracle:thin:scott/Tiger1@//db:1521/svc").build().toString())
                .contains("jdbcUrl=jdbc:oracle:thin:scott/******@//db:1521/svc");
        assertThat(ConnectionConfig.builder().jdbcUrl("jdbc:db2://db:50000/sample:user=u;PassWord=Db2pw;").build().toString())
                .contains("jdbcUrl=jdbc:db2://db:50000/sample:user=u;PassWord=******;");
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

package io.flowforge.connector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlSecretsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // MariaDB / MySQL user info, and their user= / password= parameters
        "jdbc:mariadb://user:Secret@127.0.0.1:3306/test | jdbc:mariadb://user:******@127.0.0.1:3306/test",
        "jdbc:mysql://user:Se:c@ret@h1:3306,h2:3306/db?ssl=true | jdbc:mysql://user:******@h1:3306,h2:3306/db?ssl=true",
        "jdbc:mariadb://db:3306/test?user=root&password=Secret9 | jdbc:mariadb://db:3306/test?user=root&password=******",
        "jdbc:mariadb://address=(host=db)(port=3306)(password=Pw1)/test | jdbc:mariadb://address=(host=db)(port=3306)(password=******)/test",
        // PostgreSQL
        "jdbc:postgresql://db/test?password=Pg%26pw&sslpassword=Key1 | jdbc:postgresql://db/test?password=******&sslpassword=******",
        // SQL Server, plain and braced (a doubled brace is a literal one)
        "jdbc:sqlserver://db:1433;user=sa;password=Sql1;encrypt=false | jdbc:sqlserver://db:1433;user=sa;password=******;encrypt=false",
        "jdbc:sqlserver://db;password={a;b}}c};encrypt=false | jdbc:sqlserver://db;password=******;encrypt=false",
        "jdbc:sqlserver://db;PWD = x1;accessToken=ey.J | jdbc:sqlserver://db;PWD = ******;accessToken=******",
        // Generic JDBC: DB2 properties after ':', Oracle's user/password@
        "jdbc:db2://db:50000/sample:user=u;password=Db2pw; | jdbc:db2://db:50000/sample:user=u;password=******;",
        "jdbc:oracle:thin:scott/Tiger1@//db:1521/svc | jdbc:oracle:thin:scott/******@//db:1521/svc",
        // Nothing secret
        "jdbc:h2:mem:test;MODE=MSSQLServer | jdbc:h2:mem:test;MODE=MSSQLServer",
        "jdbc:mariadb://user@db:3306/test | jdbc:mariadb://user@db:3306/test",
    })
    void maskHidesEverySecretForm(String url, String masked) {
        assertThat(UrlSecrets.mask(url)).isEqualTo(masked);
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "PASSWORD", "sslpassword", "trustStorePassword", "pwd", "passwd", "pass",
        "secret", "clientSecret", "accessToken", "credentials", "accessKey", "secretKey", "sslkey"})
    void secretKeys(String key) {
        assertThat(UrlSecrets.isSecretKey(key)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"user", "host", "ssl", "keyStoreType", "passthrough", "encrypt", "databaseName"})
    void ordinaryKeys(String key) {
        assertThat(UrlSecrets.isSecretKey(key)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void redactMasksPiecesADriverEchoesOnlyAsWords() {
        // MariaDB Connector/J reads //user:Se:cret@127.0.0.1 as host "user" and port "Se".
        String url = "jdbc:mariadb://user:Se:cret@127.0.0.1:3306/test";
        assertThat(UrlSecrets.redact("Incorrect port value : Se", url)).isEqualTo("Incorrect port value : ******");
        assertThat(UrlSecrets.redact("Server said cret@127.0.0.1 and Se:cret", url))
                .isEqualTo("Server said ******@127.0.0.1 and ******");
    }

    @org.junit.jupiter.api.Test
    void valuesAreTheSecretsThemselvesDecodedAndInPieces() {
        assertThat(UrlSecrets.values("jdbc:postgresql://db/test?password=Pg%26pw")).containsExactly("Pg%26pw", "Pg&pw");
        assertThat(UrlSecrets.values("jdbc:sqlserver://db;password={a;b}}c}")).containsExactly("{a;b}}c}", "a;b}c");
        assertThat(UrlSecrets.values("jdbc:mariadb://user:Sec:ret@db/test")).containsExactly("Sec:ret");
        assertThat(UrlSecrets.values(null)).isEmpty();
    }
}

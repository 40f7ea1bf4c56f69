package io.flowforge.connector.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Entra ID (Azure AD) and Windows logins, checked before connecting, with no database: the
 * settings as mssql-jdbc's own URL parser reads them, and the libraries on the class path (here the
 * optional azure-identity, msal4j and the JDK HTTP client are present; tests take them away).
 */
class SqlServerLoginsTest {

    private static final Predicate<String> NOTHING = name -> false;
    private static final String LINUX = "Linux";

    private static ConnectionConfig.Builder base() {
        return ConnectionConfig.builder().host("bank-sql.example.com").database("BFSI_Test");
    }

    @Test
    void entraIdPasswordWithoutMsal4jNamesWhatToAdd() {
        ConnectionConfig config = base().username("etl@bank.example").password("pw")
                .property("authentication", "ActiveDirectoryPassword").build();
        assertThatThrownBy(() -> SqlServerConnectorFactory.validate(config, NOTHING, LINUX))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("The sql-server connection configuration is incomplete: authentication=ActiveDirectoryPassword"
                        + " needs the MSAL4J library (com.microsoft.azure:msal4j, which com.azure:azure-identity brings),"
                        + " which is not on the class path: add com.azure:azure-identity and"
                        + " com.azure:azure-core-http-jdk-httpclient, which flowforge-connector-sqlserver declares as"
                        + " optional dependencies.");
        assertThatCode(() -> new SqlServerConnectorFactory().validate(config)).as("with the optional dependencies").doesNotThrowAnyException();
    }

    @Test
    void managedIdentityNeedsAzureIdentityToo() {
        // Spelled as in a URL, in another case: read as mssql-jdbc reads it.
        ConnectionConfig config = ConnectionConfig.builder()
                .jdbcUrl("jdbc:sqlserver://bank-sql.example.com;databaseName=d;Authentication=activedirectorymsi").build();
        Predicate<String> msalOnly = Set.of(SqlServerLogins.MSAL4J_CLASS)::contains;
        assertThatThrownBy(() -> SqlServerConnectorFactory.validate(config, msalOnly, LINUX))
                .hasMessage("The sql-server connection configuration is incomplete: authentication=activedirectorymsi needs"
                        + " com.azure:azure-identity, which is not on the class path: add com.azure:azure-identity and"
                        + " com.azure:azure-core-http-jdk-httpclient, which flowforge-connector-sqlserver declares as"
                        + " optional dependencies.");
        // With the optional dependencies present the check passes, which also finds the JDK HTTP client by ServiceLoader.
        try (DatabaseConnector c = Connectors.open("sql-server", config)) {
            assertThat(c.identifier()).isEqualTo("sql-server");
        }
        assertThatCode(() -> new SqlServerConnectorFactory().validate(base().property("authentication", "ActiveDirectoryDefault")
                .build())).doesNotThrowAnyException();
    }

    @Test
    void entraIdPasswordNeedsUserAndPassword() {
        assertThatThrownBy(() -> new SqlServerConnectorFactory().validate(base().property("authentication",
                "ActiveDirectoryPassword").build()))
                .hasMessage("The sql-server connection configuration is incomplete: authentication=ActiveDirectoryPassword"
                        + " needs username and password (the Entra ID user and its password).");
    }

    @Test
    void integratedSecurityOffWindowsNeedsKerberosOrNtlm() {
        ConnectionConfig native_ = base().property("integratedSecurity", "true").build();
        assertThatThrownBy(() -> SqlServerConnectorFactory.validate(native_, NOTHING, LINUX))
                .hasMessage("The sql-server connection configuration is incomplete: integratedSecurity=true on Linux needs"
                        + " authenticationScheme=JavaKerberos (a Kerberos ticket from kinit, or a JAAS login configuration)"
                        + " or authenticationScheme=NTLM with username and password: mssql-jdbc's default,"
                        + " NativeAuthentication, works only on Windows (with its mssql-jdbc_auth DLL).");
        assertThatCode(() -> SqlServerConnectorFactory.validate(native_, NOTHING, "Windows Server 2022"))
                .doesNotThrowAnyException();
        assertThatCode(() -> new SqlServerConnectorFactory().validate(base().property("integratedSecurity", "true")
                .property("authenticationScheme", "JavaKerberos").build(), NOTHING, LINUX)).doesNotThrowAnyException();
        assertThatThrownBy(() -> new SqlServerConnectorFactory().validate(base().property("integratedSecurity", "true")
                .property("authenticationScheme", "NTLM").username("BANK\\etl").build(), NOTHING, LINUX))
                .hasMessage("The sql-server connection configuration is incomplete: authenticationScheme=NTLM needs"
                        + " username and password (the Windows account, with domain=... if it is not in the user name).");
    }

    @Test
    void aSqlLoginStillNeedsUserAndPassword() {
        assertThatThrownBy(() -> new SqlServerConnectorFactory().validate(base().property("authentication", "SqlPassword").build(),
                NOTHING, LINUX))
                .hasMessage("The sql-server connection configuration is incomplete: missing username, password "
                        + "(port is optional and defaults to 1433).");
    }
}

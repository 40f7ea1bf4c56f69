package io.flowforge.connector.sqlserver;

import static java.util.Objects.requireNonNull;

import com.microsoft.sqlserver.jdbc.SQLServerDriver;
import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.jdbc.ConfigProblems;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * What each way of logging in needs beyond the driver, checked before anything connects, so that a
 * missing library or setting is named instead of failing in the driver ("Failed to load MSAL4J").
 * The login settings are read as mssql-jdbc itself reads them ({@link SQLServerDriver#getPropertyInfo}:
 * the URL's properties and the configuration's, case-insensitive).
 *
 * <ul>
 *   <li>{@code authentication=ActiveDirectory*} (Microsoft Entra ID): every method needs MSAL4J
 *       (mssql-jdbc checks for it before choosing one); {@code ActiveDirectoryManagedIdentity}
 *       ({@code ActiveDirectoryMSI}) and {@code ActiveDirectoryDefault} also need azure-identity and
 *       an azure-core HTTP client. {@code ActiveDirectoryIntegrated} off Windows needs MSAL4J and a
 *       Kerberos ticket; on Windows mssql-jdbc can use its native DLL instead.
 *   <li>{@code integratedSecurity=true} (a Windows login): mssql-jdbc's default scheme,
 *       {@code NativeAuthentication}, needs Windows and the {@code mssql-jdbc_auth} DLL; elsewhere
 *       {@code authenticationScheme=JavaKerberos} (a ticket from {@code kinit} or a JAAS login) or
 *       {@code NTLM} (with username and password) is needed.
 * </ul>
 */
final class SqlServerLogins {

    static final String MSAL4J_CLASS = "com.microsoft.aad.msal4j.PublicClientApplication";
    static final String AZURE_IDENTITY_CLASS = "com.azure.identity.ManagedIdentityCredential";
    static final String HTTP_CLIENT_PROVIDER = "com.azure.core.http.HttpClientProvider";

    private static final String MSAL4J = "the MSAL4J library (com.microsoft.azure:msal4j, which com.azure:azure-identity brings)";
    private static final String ADD = "add com.azure:azure-identity and com.azure:azure-core-http-jdk-httpclient, which"
            + " flowforge-connector-sqlserver declares as optional dependencies";

    private SqlServerLogins() {}

    /** Whether the driver authenticates other than by SQL login (no username/password needed from FlowForge). */
    static boolean otherThanSqlLogin(Map<String, String> settings) {
        String auth = settings.getOrDefault("authentication", "NotSpecified");
        return !(auth.equalsIgnoreCase("NotSpecified") || auth.equalsIgnoreCase("SqlPassword"))
                || "true".equalsIgnoreCase(settings.get("integratedSecurity"));
    }

    /** Records what the configured login needs and lacks. */
    static void check(Map<String, String> settings, boolean hasUser, boolean hasPassword, ConfigProblems p,
            Predicate<String> classPresent, String osName) {
        requireNonNull(settings, "settings is null");
        boolean windows = osName.toLowerCase(Locale.ROOT).startsWith("windows");
        String auth = settings.getOrDefault("authentication", "NotSpecified");
        String method = auth.toLowerCase(Locale.ROOT);
        if (method.startsWith("activedirectory")) {
            boolean msal = classPresent.test(MSAL4J_CLASS);
            boolean integrated = method.equals("activedirectoryintegrated");
            if (!msal && !(integrated && windows)) {
                p.check(false, "authentication=" + auth + " needs " + MSAL4J + ", which is not on the class path: " + ADD);
            }
            if (method.equals("activedirectorymanagedidentity") || method.equals("activedirectorymsi")
                    || method.equals("activedirectorydefault")) {
                p.check(classPresent.test(AZURE_IDENTITY_CLASS), "authentication=" + auth
                        + " needs com.azure:azure-identity, which is not on the class path: " + ADD);
                p.check(!classPresent.test(AZURE_IDENTITY_CLASS) || httpClientPresent(classPresent), "authentication="
                        + auth + " needs an azure-core HTTP client (com.azure:azure-core-http-jdk-httpclient or"
                        + " azure-core-http-netty), none is on the class path: " + ADD);
            }
            if (method.equals("activedirectorypassword")) {
                p.check(hasUser && hasPassword, "authentication=ActiveDirectoryPassword needs username and password"
                        + " (the Entra ID user and its password)");
            }
        }
        if ("true".equalsIgnoreCase(settings.get("integratedSecurity"))) {
            String scheme = settings.getOrDefault("authenticationScheme", "NativeAuthentication");
            if (scheme.equalsIgnoreCase("NativeAuthentication") && !windows) {
                p.check(false, "integratedSecurity=true on " + osName + " needs authenticationScheme=JavaKerberos (a"
                        + " Kerberos ticket from kinit, or a JAAS login configuration) or authenticationScheme=NTLM with"
                        + " username and password: mssql-jdbc's default, NativeAuthentication, works only on Windows"
                        + " (with its mssql-jdbc_auth DLL)");
            } else if (scheme.equalsIgnoreCase("NTLM")) {
                p.check(hasUser && hasPassword, "authenticationScheme=NTLM needs username and password (the Windows"
                        + " account, with domain=... if it is not in the user name)");
            }
        }
    }

    private static boolean httpClientPresent(Predicate<String> classPresent) {
        if (!classPresent.test(HTTP_CLIENT_PROVIDER)) {
            return false;
        }
        try {
            Class<?> provider = Class.forName(HTTP_CLIENT_PROVIDER);
            return java.util.ServiceLoader.load(provider).findFirst().isPresent();
        } catch (ClassNotFoundException | java.util.ServiceConfigurationError e) {
            return false;
        }
    }

    /** Whether a class can be loaded here. */
    static boolean classPresent(String name) {
        try {
            Class.forName(name, false, SqlServerLogins.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * The login-related settings as mssql-jdbc reads them from the URL and the properties; empty if
     * the URL cannot be parsed (the driver then reports that itself).
     */
    static Map<String, String> settings(String url, Properties properties) {
        Map<String, String> out = new HashMap<>();
        try {
            for (DriverPropertyInfo info : new SQLServerDriver().getPropertyInfo(url, properties)) {
                if (info.value != null && (info.name.equals("authentication") || info.name.equals("integratedSecurity")
                        || info.name.equals("authenticationScheme"))) {
                    out.put(info.name, info.value);
                }
            }
        } catch (SQLException | RuntimeException e) {
            // Left to the driver, which names a malformed URL when it connects.
        }
        return out;
    }

    /** {@link #settings(String, Properties)} of a configuration, without its password. */
    static Map<String, String> settings(ConnectionConfig config) {
        Properties p = new Properties();
        config.properties().forEach(p::setProperty);
        String url;
        try {
            url = new SqlServerDialect().jdbcUrl(config);
        } catch (RuntimeException e) {
            url = "jdbc:sqlserver://";
        }
        return settings(url, p);
    }
}

package io.flowforge.connector.sqlserver;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.jdbc.ConfigProblems;
import io.flowforge.connector.jdbc.JdbcConnectorFactory;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Creates {@link SqlServerConnector}s for the identifier {@code sql-server}. It checks the
 * configuration before anything connects and lists every missing option in one message.
 */
public final class SqlServerConnectorFactory extends JdbcConnectorFactory {

    public static final String IDENTIFIER = "sql-server";

    private final Predicate<String> classPresent;
    private final String osName;

    public SqlServerConnectorFactory() {
        this(SqlServerLogins::classPresent, System.getProperty("os.name", ""));
    }

    /** A factory that sees the class path and operating system a test gives it. */
    SqlServerConnectorFactory(Predicate<String> classPresent, String osName) {
        // A ';' would let the host name add connection properties to the URL.
        super(new Settings(IDENTIFIER, "com.microsoft.sqlserver.jdbc.SQLServerDriver", "sqlserver",
                SqlServerDialect.DEFAULT_PORT, ";", "give the server name, optionally with \\instance, and the port separately",
                List.of("database")), SqlServerConnector::new);
        this.classPresent = classPresent;
        this.osName = osName;
    }

    /**
     * Username and password (unless the driver authenticates another way, with
     * {@code authentication=ActiveDirectory*} or {@code integratedSecurity=true}), and what that
     * other way needs ({@link SqlServerLogins}).
     */
    @Override
    protected void check(ConnectionConfig config, ConfigProblems p) {
        Map<String, String> settings = SqlServerLogins.settings(config);
        boolean hasUser = !ConfigProblems.blank(config.username());
        boolean hasPassword = config.passwordSecret().isPresent();
        if (!SqlServerLogins.otherThanSqlLogin(settings)) {
            p.require("username", hasUser);
            p.require("password", hasPassword);
        }
        SqlServerLogins.check(settings, hasUser, hasPassword, p, classPresent, osName);
    }

    static void validate(ConnectionConfig config, Predicate<String> classPresent, String osName) {
        new SqlServerConnectorFactory(classPresent, osName).validate(config);
    }
}

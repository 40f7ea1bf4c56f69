package io.flowforge.connector.jdbc;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.DatabaseConnectorFactory;
import io.flowforge.connector.PublicEvolving;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The factory of a JDBC connector, described by what differs between databases: the identifier,
 * the driver class, the URL scheme a {@code jdbcUrl} must start with, the default port, the
 * options needed when there is no {@code jdbcUrl}, and the characters a host name must not hold
 * (they would rewrite the URL built around it). A database's factory is then a constructor:
 *
 * <pre>{@code
 * public final class MyDbConnectorFactory extends JdbcConnectorFactory {
 *     public MyDbConnectorFactory() {
 *         super(new Settings("mydb", "com.example.Driver", "mydb", 4711, "/?&@",
 *                 "give the host name, and the port and database separately", List.of("database", "username")),
 *                 config -> new JdbcConnector("mydb", config, new MyDbDialect(), new MyDbTypeMapping()) {});
 *     }
 * }
 * }</pre>
 *
 * It checks the configuration before anything connects and names every problem in one message;
 * {@link #check} adds a database's own rules. Its connectors ask the driver it names directly, not
 * {@link java.sql.DriverManager}, for the URLs that driver accepts (see {@code JdbcConnector}):
 * the driver class is named once, here.
 */
@PublicEvolving
public abstract class JdbcConnectorFactory implements DatabaseConnectorFactory {

    /**
     * What a factory checks and creates.
     *
     * @param identifier the connector's identifier, e.g. {@code mysql}
     * @param driverClassName the JDBC driver's class: loaded with the factory's class loader, it
     *        opens the connectors' connections; {@code flowforge --version} prints it
     * @param urlScheme a {@code jdbcUrl} must start with {@code jdbc:<urlScheme>:}
     * @param defaultPort the port used when the configuration gives none (named in the error)
     * @param hostForbidden characters a host name must not hold (white space never may)
     * @param hostHint what to give instead of such a host name
     * @param requiredWithoutUrl options needed, in this order, when no {@code jdbcUrl} is given:
     *        {@code database} and/or {@code username}
     */
    public record Settings(String identifier, String driverClassName, String urlScheme, int defaultPort,
            String hostForbidden, String hostHint, List<String> requiredWithoutUrl) {
        public Settings {
            requireNonNull(identifier, "identifier is null");
            requireNonNull(driverClassName, "driverClassName is null");
            requireNonNull(urlScheme, "urlScheme is null");
            requireNonNull(hostForbidden, "hostForbidden is null");
            requireNonNull(hostHint, "hostHint is null");
            requiredWithoutUrl = List.copyOf(requiredWithoutUrl);
            for (String option : requiredWithoutUrl) {
                if (!option.equals("database") && !option.equals("username")) {
                    throw new IllegalArgumentException("required option must be database or username, was " + option);
                }
            }
        }
    }

    private final Settings settings;
    private final Function<ConnectionConfig, ? extends JdbcConnector> connector;
    private volatile java.sql.Driver driver;

    protected JdbcConnectorFactory(Settings settings, Function<ConnectionConfig, ? extends JdbcConnector> connector) {
        this.settings = requireNonNull(settings, "settings is null");
        this.connector = requireNonNull(connector, "connector is null");
    }

    @Override
    public final String identifier() {
        return settings.identifier();
    }

    @Override
    public final Optional<String> driverClassName() {
        return Optional.of(settings.driverClassName());
    }

    @Override
    public final DatabaseConnector create(ConnectionConfig config) {
        validate(config);
        return withDriver(connector.apply(config));
    }

    /** The connector with a HikariCP pool of {@code maxConnections}, built from its own URL and properties. */
    @Override
    public final DatabaseConnector createPooled(ConnectionConfig config, int maxConnections) {
        validate(config);
        return PooledConnectors.pool(withDriver(connector.apply(config)), PoolSettings.of(identifier(), maxConnections));
    }

    private JdbcConnector withDriver(JdbcConnector c) {
        c.useDriver(driver());
        return c;
    }

    /** The named driver, loaded once by the class loader that loaded this factory's class. */
    private java.sql.Driver driver() {
        java.sql.Driver d = driver;
        if (d == null) {
            String name = settings.driverClassName();
            try {
                Class<?> c = Class.forName(name, true, getClass().getClassLoader());
                d = (java.sql.Driver) c.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
                throw new ConnectorException("The " + identifier() + " connector cannot load its JDBC driver " + name
                        + " (" + e + "); put the driver's jar on the class path beside the connector's.", e);
            }
            driver = d;
        }
        return d;
    }

    /**
     * Fails with one message naming every missing or malformed option: the host (its forbidden
     * characters) and {@link Settings#requiredWithoutUrl} unless a {@code jdbcUrl} is given, else
     * the URL's scheme; then {@link #check}.
     */
    public final void validate(ConnectionConfig config) {
        requireNonNull(config, "config is null");
        ConfigProblems p = new ConfigProblems(settings.identifier(), settings.defaultPort());
        if (config.jdbcUrlOverride().isEmpty()) {
            p.host(config.host(), settings.hostForbidden(), settings.hostHint());
            for (String option : settings.requiredWithoutUrl()) {
                p.require(option, !ConfigProblems.blank(option.equals("database") ? config.database() : config.username()));
            }
        } else {
            String prefix = "jdbc:" + settings.urlScheme() + ":";
            p.check(config.jdbcUrl().startsWith(prefix), "jdbcUrl must start with '" + prefix + "'" + urlSchemeNote());
        }
        check(config, p);
        p.throwIfAny();
    }

    /** Text after the URL-scheme problem, e.g. why this scheme; empty by default. */
    protected String urlSchemeNote() {
        return "";
    }

    /** A database's own configuration rules, recorded in {@code problems}; none by default. */
    protected void check(ConnectionConfig config, ConfigProblems problems) {}
}

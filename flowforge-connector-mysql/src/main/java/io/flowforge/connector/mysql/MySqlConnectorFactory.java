package io.flowforge.connector.mysql;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.jdbc.JdbcConnector;
import io.flowforge.connector.jdbc.JdbcConnectorFactory;
import java.util.List;

/**
 * Creates connectors for the identifier {@code mysql}: MySQL and MariaDB servers, both through
 * MariaDB Connector/J. Host and username are needed unless a {@code jdbcUrl} is given; the
 * database is optional. A host name must not hold {@code / ? & , @}: they would let it change the
 * URL's path, hosts, connection properties or user info (user:pw@host, whose password the driver
 * echoes in its errors).
 */
public final class MySqlConnectorFactory extends JdbcConnectorFactory {

    public static final String IDENTIFIER = "mysql";

    public MySqlConnectorFactory() {
        super(new Settings(IDENTIFIER, "org.mariadb.jdbc.Driver", "mariadb", MySqlDialect.DEFAULT_PORT, "/?&,@",
                "give the host name, and the port and database separately; the user and password as username and password",
                List.of("username")), MySqlConnector::new);
    }

    @Override
    protected String urlSchemeNote() {
        return " (MariaDB Connector/J reaches MySQL servers too)";
    }

    /** The {@code mysql} connector: the shared JDBC connector with MySQL's dialect and type mapping. */
    static final class MySqlConnector extends JdbcConnector {
        MySqlConnector(ConnectionConfig config) {
            super(IDENTIFIER, config, new MySqlDialect(), new MySqlTypeMapping());
        }
    }
}

package io.flowforge.connector.postgresql;

import io.flowforge.connector.jdbc.JdbcConnectorFactory;
import java.util.List;

/**
 * Creates {@link PostgreSqlConnector}s for the identifier {@code postgresql}. Host, database and
 * username are needed unless a {@code jdbcUrl} is given. A password is not: PostgreSQL servers
 * often authenticate by trust, peer, certificate or a {@code .pgpass} file. A host name must not
 * hold {@code / ? & @}: they would let it change the URL's path, add connection properties or user
 * info (user:pw@host, which pgjdbc echoes as an unknown host).
 */
public final class PostgreSqlConnectorFactory extends JdbcConnectorFactory {

    public static final String IDENTIFIER = "postgresql";

    public PostgreSqlConnectorFactory() {
        super(new Settings(IDENTIFIER, "org.postgresql.Driver", "postgresql", PostgreSqlDialect.DEFAULT_PORT, "/?&@",
                "give the host name, and the port and database separately; the user and password as username and password",
                List.of("database", "username")), PostgreSqlConnector::new);
    }
}

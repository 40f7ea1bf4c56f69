package io.flowforge.connector.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where a {@link JdbcConnector} takes its connections from when it does not open a new driver
 * connection per call: a pool, for example ({@link PooledConnectors}). Closing the connector
 * closes its source.
 */
interface ConnectionSource extends AutoCloseable {

    /** A connection for one operation; the caller closes it, which hands it back. */
    Connection connection() throws SQLException;

    /** Closes the source and every connection it holds; later {@link #connection()} calls fail. */
    @Override
    void close();
}

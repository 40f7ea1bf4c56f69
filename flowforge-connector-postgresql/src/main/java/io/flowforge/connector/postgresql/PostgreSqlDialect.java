package io.flowforge.connector.postgresql;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.TableInfo;
import io.flowforge.connector.Watermark;
import io.flowforge.connector.jdbc.DefaultJdbcDialect;
import io.flowforge.connector.jdbc.JdbcColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * What is PostgreSQL's own on the shared JDBC path: the pgjdbc URL and properties, {@code "name"}
 * quoting, the {@code pg_catalog} catalog, streaming (autocommit off and a fetch size, without
 * which pgjdbc reads the whole result into memory), and watermarks matched to the column's type.
 */
public class PostgreSqlDialect extends DefaultJdbcDialect {

    public static final int DEFAULT_PORT = 5432;
    public static final String APPLICATION_NAME = "FlowForge";

    @Override
    public String jdbcUrl(ConnectionConfig config) {
        return hostPortDatabaseUrl(config, "postgresql", "PostgreSQL", DEFAULT_PORT);
    }

    /**
     * The user and password (only ever here, never in the URL), then the extraction defaults, then
     * the configuration's own properties, which win. pgjdbc takes both timeouts in seconds.
     */
    @Override
    public Properties driverProperties(ConnectionConfig config) {
        Properties p = new Properties();
        p.setProperty("ApplicationName", APPLICATION_NAME);
        p.setProperty("loginTimeout", Long.toString(seconds(config.loginTimeout())));
        p.setProperty("connectTimeout", Long.toString(seconds(config.loginTimeout())));
        p.setProperty("socketTimeout", Long.toString(seconds(config.socketTimeout())));
        p.putAll(super.driverProperties(config));
        // FlowForge's own switch, not pgjdbc's.
        p.remove(PostgreSqlConnector.READ_METHOD_PROPERTY);
        return p;
    }

    /**
     * PostgreSQL's cancel request for whatever the connection runs. pgjdbc's {@code Statement.cancel()}
     * does nothing once {@code executeQuery} has returned, so it cannot stop a streaming read that
     * waits for the server to produce the next rows of its cursor; {@code PGConnection.cancelQuery()}
     * sends the request regardless (a request that arrives while nothing runs is ignored by the server).
     */
    @Override
    public void cancelRunning(Connection connection, java.sql.Statement statement) throws SQLException {
        connection.unwrap(org.postgresql.PGConnection.class).cancelQuery();
    }

    /** Whole seconds, rounded up: pgjdbc reads 0 as "none". */
    static long seconds(Duration d) {
        return wholeSecondsRoundedUp(d, Integer.MAX_VALUE);
    }

    @Override
    public String quoteIdentifier(String identifier) {
        requireNonNull(identifier, "identifier is null");
        if (identifier.indexOf('\0') >= 0) {
            throw new ConnectorException("PostgreSQL identifiers cannot contain the NUL character");
        }
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The server's clock as it runs (not the transaction's start, as {@code now()} would be). */
    @Override
    public String serverInstantExpression() {
        return "clock_timestamp()";
    }

    /**
     * The oldest {@code xact_start} among client sessions of this database other than this one and
     * FlowForge's own readers (by application name). Sessions of other roles show no
     * {@code xact_start} unless this role is a superuser or a member of {@code pg_read_all_stats}:
     * they are counted as unseen, and the bound then relies on the lag.
     */
    @Override
    public Optional<String> oldestOpenTransactionQuery() {
        return Optional.of("SELECT min(xact_start) FILTER (WHERE application_name IS DISTINCT FROM '" + APPLICATION_NAME + "'),"
                + " count(*) FILTER (WHERE state IS NULL AND application_name IS DISTINCT FROM '" + APPLICATION_NAME + "')"
                + " FROM pg_stat_activity"
                + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                + " AND (backend_type = 'client backend' OR backend_type IS NULL)");
    }

    @Override
    public String openTransactionPrivilegeHint() {
        return "GRANT pg_read_all_stats TO the login, or use a superuser";
    }

    @Override
    public List<TableInfo> listTables(Connection connection) throws SQLException {
        return PostgreSqlCatalog.listTables(connection);
    }

    @Override
    public List<JdbcColumn> columns(Connection connection, TableId table) throws SQLException {
        return PostgreSqlCatalog.columns(connection, table);
    }

    @Override
    public List<String> primaryKey(Connection connection, TableId table) throws SQLException {
        return PostgreSqlCatalog.primaryKey(connection, table);
    }

    /**
     * pgjdbc streams with a cursor only inside a transaction, on a forward-only statement with a
     * fetch size; the base dialect sets all three. The transaction is read-only, so a read can
     * never write, and is rolled back when the reader closes.
     */
    @Override
    public PreparedStatement prepareStreaming(Connection connection, String sql, ReadOptions options) throws SQLException {
        PreparedStatement ps = super.prepareStreaming(connection, sql, options);
        try {
            if (!connection.isReadOnly()) {
                connection.setReadOnly(true);
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    @Override
    public Optional<Watermark.Type> watermarkType(JdbcColumn c) {
        return switch (typeName(c)) {
            case "int2", "int4", "int8", "smallserial", "serial", "bigserial" -> Optional.of(Watermark.Type.INTEGER);
            case "numeric" -> Optional.of(Watermark.Type.DECIMAL);
            case "date" -> Optional.of(Watermark.Type.DATE);
            case "timestamp" -> Optional.of(Watermark.Type.TIMESTAMP);
            case "timestamptz" -> Optional.of(Watermark.Type.TIMESTAMP_TZ);
            case "text", "varchar", "bpchar" -> Optional.of(Watermark.Type.STRING);
            // uuid (random order), floats, money, time and the rest cannot order a window.
            default -> Optional.empty();
        };
    }

    /**
     * The parameter cast to the column's own type, so the comparison is the column's (a
     * {@code bpchar} compares blank-padded, a {@code numeric} exactly) and an index on it is usable.
     */
    @Override
    public String watermarkParameter(JdbcColumn c) {
        return switch (typeName(c)) {
            case "date" -> "CAST(? AS date)";
            case "timestamp" -> "CAST(? AS timestamp)";
            case "timestamptz" -> "CAST(? AS timestamptz)";
            case "bpchar" -> "CAST(? AS bpchar)";
            case "varchar" -> "CAST(? AS varchar)";
            case "text" -> "CAST(? AS text)";
            case "numeric" -> "CAST(? AS numeric)";
            case "int2", "smallserial" -> "CAST(? AS int2)";
            case "int4", "serial" -> "CAST(? AS int4)";
            case "int8", "bigserial" -> "CAST(? AS int8)";
            default -> "?";
        };
    }

    /**
     * The server's clock in the column's type: {@code CURRENT_DATE}, {@code CURRENT_TIMESTAMP} for
     * {@code timestamptz} (an instant, whatever the session's zone), and {@code LOCALTIMESTAMP} for
     * {@code timestamp}. The last is the wall clock of the session's time zone, which pgjdbc sets to
     * the JVM's zone: a column stamped in another zone needs MAX_EXCLUSIVE, or the session zone set
     * with the {@code options} property ({@code -c TimeZone=UTC}).
     */
    @Override
    public String currentTimeExpression(JdbcColumn c) {
        return switch (typeName(c)) {
            case "date" -> "CURRENT_DATE";
            case "timestamptz" -> "CURRENT_TIMESTAMP";
            default -> "LOCALTIMESTAMP";
        };
    }

    private static String typeName(JdbcColumn c) {
        return c.typeName().toLowerCase(Locale.ROOT);
    }
}

package io.flowforge.connector.postgresql;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.TableId;
import io.flowforge.connector.TableInfo;
import io.flowforge.connector.Watermark;
import io.flowforge.connector.jdbc.DefaultJdbcDialect;
import io.flowforge.connector.jdbc.JdbcCatalog;
import io.flowforge.connector.jdbc.JdbcColumn;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * What is PostgreSQL's own on the shared JDBC path: the pgjdbc URL and properties, {@code "name"}
 * quoting, the {@code pg_catalog} catalog, streaming (autocommit off and a fetch size, without
 * which pgjdbc reads the whole result into memory), and watermarks matched to the column's type.
 */
public class PostgreSqlDialect extends DefaultJdbcDialect {

    public static final int DEFAULT_PORT = 5432;

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
     * The key's quantiles 0, 1/n, ..., (n-1)/n with the ordered-set aggregate
     * {@code percentile_disc}, which sorts the keys once without numbering every row as
     * {@code NTILE} does (on 2M integer keys: about 220 ms against 410 ms): each is a key value, the
     * smallest whose cumulative share reaches the fraction, so the ranges hold about equal row counts
     * on skewed keys too.
     */
    @Override
    public String keyQuantilesQuery(String quotedKey, String quotedTable, String where, int count) {
        StringBuilder fractions = new StringBuilder("0");
        for (int i = 1; i < count; i++) {
            fractions.append(',').append(BigDecimal.valueOf(i).divide(BigDecimal.valueOf(count), 12, RoundingMode.HALF_UP)
                    .toPlainString());
        }
        return "SELECT q.ff_ord, q.ff_key FROM (SELECT percentile_disc(ARRAY[" + fractions + "]::float8[]) WITHIN GROUP (ORDER BY "
                + quotedKey + ") AS ff_keys FROM " + quotedTable + " WHERE " + where + ") ff_q,"
                + " unnest(ff_q.ff_keys) WITH ORDINALITY AS q(ff_key, ff_ord) ORDER BY q.ff_ord";
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

    /**
     * Tables ({@code r}), partitioned tables ({@code p}), foreign tables ({@code f}), views
     * ({@code v}) and materialized views ({@code m}) outside the system schemas; partitions are left
     * out because their parent reads them. {@code reltuples} is the estimate ANALYZE and VACUUM
     * keep; it is -1 for a table never analyzed (PostgreSQL 14+), reported as unknown.
     */
    static final String LIST_TABLES_SQL = "SELECT n.nspname, c.relname, c.relkind, c.reltuples"
            + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm') AND NOT c.relispartition"
            + " AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'";

    /** One table of {@link #LIST_TABLES_SQL}, by schema (the current schema when null) and name. */
    static final String TABLE_SQL = "SELECT n.nspname, c.relname, c.relkind, c.reltuples"
            + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm') AND NOT c.relispartition"
            + " AND n.nspname = COALESCE(?, current_schema()) AND c.relname = ?";

    /**
     * Columns in order with their base type (a domain resolves to the type it is built on, as the
     * server reports it in query results), the type modifier and nullability.
     */
    static final String COLUMNS_SQL = "SELECT a.attname,"
            + " CASE WHEN t.typtype = 'd' THEN bt.typname ELSE t.typname END AS type_name,"
            + " CASE WHEN t.typtype = 'd' THEN bt.typtype ELSE t.typtype END AS type_kind,"
            + " CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END AS type_modifier,"
            + " NOT (a.attnotnull OR t.typnotnull) AS nullable"
            + " FROM pg_catalog.pg_attribute a"
            + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
            + " LEFT JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype"
            + " WHERE n.nspname = COALESCE(?, current_schema()) AND c.relname = ?"
            + " AND c.relkind IN ('r', 'p', 'f', 'v', 'm') AND a.attnum > 0 AND NOT a.attisdropped"
            + " ORDER BY a.attnum";

    /** The primary key's columns in key order. */
    static final String PRIMARY_KEY_SQL = "SELECT a.attname"
            + " FROM pg_catalog.pg_index i"
            + " JOIN pg_catalog.pg_class c ON c.oid = i.indrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)"
            + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum"
            + " WHERE i.indisprimary AND n.nspname = COALESCE(?, current_schema()) AND c.relname = ?"
            + " ORDER BY k.position";

    /** PostgreSQL's catalog read through {@code pg_catalog}; views have no row estimate. */
    static final JdbcCatalog CATALOG = new JdbcCatalog(LIST_TABLES_SQL, TABLE_SQL, (rs, i) -> {
        String kind = rs.getString("relkind");
        boolean view = kind.equals("v") || kind.equals("m");
        double estimate = rs.getDouble("reltuples");
        return new TableInfo(TableId.of(rs.getString("nspname"), rs.getString("relname")),
                view ? TableInfo.Kind.VIEW : TableInfo.Kind.TABLE,
                view || estimate < 0 ? OptionalLong.empty() : OptionalLong.of(Math.round(estimate)));
    }, COLUMNS_SQL, (rs, i) -> column(rs.getString("attname"), i, rs.getString("type_name"), rs.getString("type_kind"),
            rs.getInt("type_modifier"), rs.getBoolean("nullable")), PRIMARY_KEY_SQL, false);

    @Override
    public Optional<JdbcCatalog> catalog() {
        return Optional.of(CATALOG);
    }

    /**
     * A catalog row as the JDBC column pgjdbc would report for it. The type modifier holds
     * numeric's precision and scale ({@code ((p << 16) | (s & 0x7ff)) + 4}, the scale in 11 signed
     * bits since PostgreSQL 15 allows -1000..1000), the fractional digits of time
     * types (-1: the default 6) and the length of character and bit types.
     */
    static JdbcColumn column(String name, int ordinal, String typeName, String typeKind, int modifier, boolean nullable) {
        int precision;
        int scale = 0;
        switch (typeName) {
            case "numeric" -> {
                precision = modifier < 4 ? 0 : ((modifier - 4) >> 16) & 0xffff;
                scale = modifier < 4 ? 0 : PostgreSqlTypeMapping.numericScale((modifier - 4) & 0xffff);
            }
            case "timestamp", "timestamptz", "time", "timetz", "interval" -> {
                scale = modifier < 0 ? 6 : modifier & 0xffff;
                precision = switch (typeName) {
                    case "timestamp" -> 26;
                    case "timestamptz" -> 35;
                    case "time" -> 15;
                    case "timetz" -> 21;
                    default -> 49;
                };
            }
            case "bpchar", "varchar" -> precision = modifier < 4 ? Integer.MAX_VALUE : modifier - 4;
            case "bit", "varbit" -> precision = modifier < 0 ? (typeName.equals("bit") ? 1 : Integer.MAX_VALUE) : modifier;
            case "bool" -> precision = 1;
            case "int2" -> precision = 5;
            case "int4" -> precision = 10;
            case "int8" -> precision = 19;
            case "date" -> precision = 13;
            default -> precision = Integer.MAX_VALUE;
        }
        int jdbcType;
        if (typeName.startsWith("_")) {
            jdbcType = Types.ARRAY;
        } else if ("e".equals(typeKind)) {
            jdbcType = Types.VARCHAR; // enums read as their label, as pgjdbc reports them
        } else {
            jdbcType = PostgreSqlTypeMapping.TYPES.jdbcType(typeName); // as pgjdbc reports it in query results
        }
        return new JdbcColumn(name, ordinal, jdbcType, typeName, precision, scale, nullable);
    }

    /**
     * Integers (serials included), numeric, date, timestamp, timestamptz and the character types;
     * uuid (random order), floats, money, time and the rest cannot order a window
     * ({@link PostgreSqlTypeMapping#TYPES}).
     */
    @Override
    public Optional<Watermark.Type> watermarkType(JdbcColumn c) {
        return PostgreSqlTypeMapping.TYPES.watermarkType(c);
    }

    /**
     * The parameter of every delta column type cast to the column's own type (a serial to its
     * integer), so the comparison is the column's (a {@code bpchar} compares blank-padded, a
     * {@code numeric} exactly) and an index on it is usable.
     */
    @Override
    public String watermarkParameter(JdbcColumn c) {
        String type = switch (typeName(c)) {
            case "smallserial" -> "int2";
            case "serial" -> "int4";
            case "bigserial" -> "int8";
            default -> typeName(c);
        };
        return watermarkType(c).isPresent() ? "CAST(? AS " + type + ")" : "?";
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

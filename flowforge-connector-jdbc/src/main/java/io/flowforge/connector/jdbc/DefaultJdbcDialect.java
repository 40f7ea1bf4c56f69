package io.flowforge.connector.jdbc;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.PublicEvolving;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.TableInfo;
import io.flowforge.connector.Watermark;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;

/**
 * A dialect that works for any JDBC driver: the catalog from {@link DatabaseMetaData}, ANSI
 * identifier quoting (or the driver's own quote string once a catalog call has seen a
 * connection), {@code LOCALTIMESTAMP} / {@code CURRENT_TIMESTAMP} / {@code CURRENT_DATE} as the
 * clock, and watermarks bound with {@code setObject}. Database dialects extend it and override
 * what their database does differently.
 */
@PublicEvolving
public class DefaultJdbcDialect implements JdbcDialect {

    // Schemas that hold the database's own objects, never user tables.
    private static final Set<String> SYSTEM_SCHEMAS = Set.of(
            "information_schema", "pg_catalog", "pg_toast", "sys", "mysql", "performance_schema");

    // Learned from DatabaseMetaData#getIdentifierQuoteString (MySQL says ` unless ANSI_QUOTES).
    private volatile String identifierQuote = "\"";

    /** The URL given in the configuration; the generic dialect cannot build one from host and port. */
    @Override
    public String jdbcUrl(ConnectionConfig config) {
        return config.jdbcUrlOverride().orElseThrow(() -> new ConnectorException(
                "The connection has no jdbcUrl: set ConnectionConfig.jdbcUrl (e.g. jdbc:postgresql://host:5432/db)"));
    }

    /**
     * The URL of a config, or {@code jdbc:<scheme>://host:port/database} built from its parts (an
     * IPv6 host in brackets, the database URL-encoded, the default port when none is given).
     * {@code product} names the database in the error for a missing host.
     */
    protected static String hostPortDatabaseUrl(ConnectionConfig config, String scheme, String product, int defaultPort) {
        requireNonNull(config, "config is null");
        if (config.jdbcUrlOverride().isPresent()) {
            return config.jdbcUrl();
        }
        if (config.host() == null || config.host().isBlank()) {
            throw new ConnectorException("The " + product + " connection has no host: set ConnectionConfig.host");
        }
        String host = config.host().contains(":") && !config.host().startsWith("[") ? "[" + config.host() + "]" : config.host();
        return "jdbc:" + scheme + "://" + host + ":" + (config.port() == null ? defaultPort : config.port()) + "/"
                + (config.database() == null ? "" : URLEncoder.encode(config.database(), StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /**
     * A timeout in whole seconds, rounded up so a sub-second timeout never becomes 0 (which drivers
     * read as "none" or "default"), capped at {@code max}.
     */
    protected static long wholeSecondsRoundedUp(Duration d, long max) {
        long s = d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
        return Math.min(max, s);
    }

    /**
     * How FlowForge's sessions name themselves to the server (application name, program name):
     * the open-transaction guards of incremental planning leave sessions of this name out, since
     * FlowForge's own reads never write.
     */
    public static final String APPLICATION_NAME = "FlowForge";

    /** Properties named {@code flowforge.*} (such as {@value #OWN_PROPERTY_PREFIX}readMethod) are FlowForge's own switches. */
    public static final String OWN_PROPERTY_PREFIX = "flowforge.";

    /**
     * The user and password, then the configuration's own properties, except FlowForge's own
     * ({@value #OWN_PROPERTY_PREFIX}*), which are never handed to the driver.
     */
    @Override
    public Properties driverProperties(ConnectionConfig config) {
        Properties p = new Properties();
        if (config.username() != null) {
            p.setProperty("user", config.username());
        }
        config.passwordSecret().ifPresent(s -> p.setProperty("password", s.reveal()));
        config.properties().forEach((k, v) -> {
            if (!k.startsWith(OWN_PROPERTY_PREFIX)) {
                p.setProperty(k, v);
            }
        });
        return p;
    }

    @Override
    public String quoteIdentifier(String identifier) {
        requireNonNull(identifier, "identifier is null");
        String q = identifierQuote;
        return q + identifier.replace(q, q + q) + q;
    }

    /** Remembers the driver's identifier quote; called by the catalog methods, which every read uses first. */
    protected void learnIdentifierQuote(DatabaseMetaData metaData) throws SQLException {
        String q = metaData.getIdentifierQuoteString();
        if (q != null && !q.isBlank()) {
            identifierQuote = q.trim();
        }
    }

    @Override
    public List<TableInfo> listTables(Connection connection) throws SQLException {
        if (catalog().isPresent()) {
            return catalog().get().listTables(connection);
        }
        DatabaseMetaData md = connection.getMetaData();
        learnIdentifierQuote(md);
        List<TableInfo> out = new ArrayList<>();
        try (ResultSet rs = md.getTables(connection.getCatalog(), null, "%", null)) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                if (schema != null && SYSTEM_SCHEMAS.contains(schema.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                String type = String.valueOf(rs.getString("TABLE_TYPE")).toUpperCase(Locale.ROOT);
                TableInfo.Kind kind = switch (type) {
                    case "TABLE", "BASE TABLE" -> TableInfo.Kind.TABLE;
                    case "VIEW" -> TableInfo.Kind.VIEW;
                    default -> null;
                };
                if (kind != null) {
                    out.add(new TableInfo(TableId.of(schema, rs.getString("TABLE_NAME")), kind, OptionalLong.empty()));
                }
            }
        }
        out.sort(Comparator.comparing(TableInfo::id));
        return out;
    }

    @Override
    public List<JdbcColumn> columns(Connection connection, TableId table) throws SQLException {
        if (catalog().isPresent()) {
            return catalog().get().columns(connection, table);
        }
        DatabaseMetaData md = connection.getMetaData();
        learnIdentifierQuote(md);
        String escape = md.getSearchStringEscape();
        List<JdbcColumn> out = new ArrayList<>();
        try (ResultSet rs = md.getColumns(connection.getCatalog(), pattern(schemaOf(connection, table), escape),
                pattern(table.name(), escape), "%")) {
            while (rs.next()) {
                int decimalDigits = rs.getInt("DECIMAL_DIGITS");
                out.add(new JdbcColumn(
                        rs.getString("COLUMN_NAME"),
                        rs.getInt("ORDINAL_POSITION"),
                        rs.getInt("DATA_TYPE"),
                        rs.getString("TYPE_NAME"),
                        rs.getInt("COLUMN_SIZE"),
                        rs.wasNull() ? 0 : decimalDigits,
                        rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
            }
        }
        out.sort(Comparator.comparingInt(JdbcColumn::ordinal));
        return out;
    }

    @Override
    public List<String> primaryKey(Connection connection, TableId table) throws SQLException {
        if (catalog().isPresent()) {
            return catalog().get().primaryKey(connection, table);
        }
        DatabaseMetaData md = connection.getMetaData();
        record KeyPart(int seq, String column) {}
        List<KeyPart> parts = new ArrayList<>();
        try (ResultSet rs = md.getPrimaryKeys(connection.getCatalog(), schemaOf(connection, table), table.name())) {
            while (rs.next()) {
                parts.add(new KeyPart(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME")));
            }
        }
        return parts.stream().sorted(Comparator.comparingInt(KeyPart::seq)).map(KeyPart::column).toList();
    }

    /** The table's schema, or the connection's current schema when the table names none. */
    protected String schemaOf(Connection connection, TableId table) throws SQLException {
        return table.schema() != null ? table.schema() : connection.getSchema();
    }

    private static String pattern(String name, String escape) {
        if (name == null || escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    /**
     * Forward-only, read-only (the result and the connection), autocommit off (PostgreSQL streams
     * only inside a transaction), a fetch size of one batch, and the query timeout.
     */
    @Override
    public PreparedStatement prepareStreaming(Connection connection, String sql, ReadOptions options)
            throws SQLException {
        connection.setAutoCommit(false);
        // A read never writes; declared so, it is also left out of the open transactions that hold
        // incremental upper bounds back (MySQL lists read-only transactions as such).
        try {
            if (!connection.isReadOnly()) {
                connection.setReadOnly(true);
            }
        } catch (java.sql.SQLFeatureNotSupportedException ignored) {
            // The driver has no read-only mode; the read is the same.
        }
        PreparedStatement ps = prepareForwardOnly(connection, sql);
        try {
            streamingSettings(ps, options);
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    /**
     * The statement itself, forward-only and read-only, for {@link #prepareStreaming}; a dialect
     * overrides it where its driver prepares reads another way (MySQL's binary protocol).
     */
    protected PreparedStatement prepareForwardOnly(Connection connection, String sql) throws SQLException {
        return connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    }

    /** A fetch size of one batch (at most 10 000 rows) and the query timeout, on a prepared read. */
    protected static void streamingSettings(PreparedStatement ps, ReadOptions options) throws SQLException {
        ps.setFetchSize(Math.min(options.batchSize(), 10_000));
        if (!options.queryTimeout().isZero()) {
            ps.setQueryTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, options.queryTimeout().toSeconds())));
        }
    }

    @Override
    public Optional<Watermark.Type> watermarkType(JdbcColumn c) {
        return Optional.ofNullable(switch (c.jdbcType()) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> Watermark.Type.INTEGER;
            case Types.DECIMAL, Types.NUMERIC -> Watermark.Type.DECIMAL;
            case Types.DATE -> Watermark.Type.DATE;
            case Types.TIMESTAMP -> Watermark.Type.TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE -> Watermark.Type.TIMESTAMP_TZ;
            case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR -> Watermark.Type.STRING;
            default -> null;
        });
    }

    @Override
    public void bindWatermark(PreparedStatement statement, int index, Watermark value, JdbcColumn deltaColumn)
            throws SQLException {
        switch (value.type()) {
            case ROWVERSION -> statement.setBytes(index, (byte[]) value.toJavaValue());
            case STRING -> statement.setString(index, value.value());
            default -> statement.setObject(index, value.toJavaValue());
        }
    }

    /** Reads the value at full precision, or returns {@code null} for SQL NULL. */
    @Override
    public Watermark readWatermark(ResultSet rs, int index, JdbcColumn deltaColumn) throws SQLException {
        Watermark.Type type = watermarkType(deltaColumn).orElseThrow(() -> new ConnectorException(
                "Column '" + deltaColumn.name() + "' of type " + deltaColumn.typeName() + " cannot be a delta column"));
        return switch (type) {
            case INTEGER -> {
                Object o = rs.getObject(index);
                if (o == null) yield null;
                if (o instanceof BigInteger b) yield Watermark.ofInteger(b);
                if (o instanceof BigDecimal d) yield Watermark.ofInteger(d.toBigIntegerExact());
                yield Watermark.ofLong(((Number) o).longValue());
            }
            case DECIMAL -> {
                BigDecimal d = rs.getBigDecimal(index);
                yield d == null ? null : Watermark.ofDecimal(d);
            }
            case DATE -> {
                LocalDate d = rs.getObject(index, LocalDate.class);
                yield d == null ? null : Watermark.ofDate(d);
            }
            case TIMESTAMP -> {
                LocalDateTime t = rs.getObject(index, LocalDateTime.class);
                yield t == null ? null : Watermark.ofTimestamp(t);
            }
            case TIMESTAMP_TZ -> {
                OffsetDateTime t = rs.getObject(index, OffsetDateTime.class);
                yield t == null ? null : Watermark.ofTimestampTz(t);
            }
            case ROWVERSION -> {
                byte[] b = rs.getBytes(index);
                yield b == null ? null : Watermark.ofRowversion(b);
            }
            case STRING -> {
                String s = rs.getString(index);
                yield s == null ? null : Watermark.ofString(s);
            }
        };
    }

    /**
     * {@code CURRENT_DATE} for dates, {@code CURRENT_TIMESTAMP} for timestamps with a time zone, and
     * {@code LOCALTIMESTAMP} for wall-clock timestamps: a zoneless column is compared with the
     * zoneless clock, so no zone conversion can move the bound.
     */
    @Override
    public String currentTimeExpression(JdbcColumn deltaColumn) {
        return switch (deltaColumn.jdbcType()) {
            case Types.DATE -> "CURRENT_DATE";
            case Types.TIMESTAMP_WITH_TIMEZONE -> "CURRENT_TIMESTAMP";
            default -> "LOCALTIMESTAMP";
        };
    }
}

package io.flowforge.connector.jdbc;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.Internal;
import io.flowforge.connector.Watermark;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Properties;

/**
 * What every dialect for MySQL and MariaDB servers through MariaDB Connector/J shares: date and
 * timestamp watermarks read as {@link MySqlProtocolReaders} reads the values, never through the
 * JVM's time zone (Connector/J's LocalDateTime would move 2021-03-14 02:30 in New York by an hour)
 * and failing on zero dates as the readers do. As it is, the generic dialect for
 * {@code jdbc:mariadb:} and {@code jdbc:mysql:} URLs: MariaDB's text protocol prints a FLOAT with 6
 * significant digits, so statements are prepared on the server ({@code useServerPrepStmts=true},
 * which the configuration may override) and results come in the binary protocol, which sends the
 * stored bytes. The {@code mysql} connector's dialect extends it and chooses the binary protocol
 * for its reads itself.
 */
@Internal
public class MySqlProtocolJdbcDialect extends DefaultJdbcDialect {

    private final boolean serverPreparedStatements;

    MySqlProtocolJdbcDialect() {
        this(true);
    }

    /** @param serverPreparedStatements whether every statement of the connection is prepared on the server */
    protected MySqlProtocolJdbcDialect(boolean serverPreparedStatements) {
        this.serverPreparedStatements = serverPreparedStatements;
    }

    @Override
    public Properties driverProperties(ConnectionConfig config) {
        Properties p = new Properties();
        if (serverPreparedStatements) {
            p.setProperty("useServerPrepStmts", "true");
        }
        p.putAll(super.driverProperties(config));
        return p;
    }

    @Override
    public Watermark readWatermark(ResultSet rs, int index, JdbcColumn deltaColumn) throws SQLException {
        Watermark.Type type = watermarkType(deltaColumn).orElse(null);
        if (type == Watermark.Type.TIMESTAMP) {
            LocalDateTime t = MySqlProtocolReaders.wallClock(rs, index, deltaColumn.name());
            return t == null ? null : Watermark.ofTimestamp(t);
        }
        if (type == Watermark.Type.DATE) {
            LocalDate d = MySqlProtocolReaders.date(rs, index, deltaColumn.name());
            return d == null ? null : Watermark.ofDate(d);
        }
        return super.readWatermark(rs, index, deltaColumn);
    }
}

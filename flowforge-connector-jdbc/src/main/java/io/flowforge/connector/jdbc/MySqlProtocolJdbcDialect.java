package io.flowforge.connector.jdbc;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.Watermark;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Properties;

/**
 * The generic dialect for {@code jdbc:mariadb:} and {@code jdbc:mysql:} URLs: MariaDB's text
 * protocol prints a FLOAT with 6 significant digits, so statements are prepared on the server
 * ({@code useServerPrepStmts=true}, which the configuration may override) and results come in the
 * binary protocol, which sends the stored bytes; date and timestamp watermarks are read as
 * {@link MySqlProtocolReaders} reads the values, never through the JVM's time zone.
 */
final class MySqlProtocolJdbcDialect extends DefaultJdbcDialect {

    @Override
    public Properties driverProperties(ConnectionConfig config) {
        Properties p = new Properties();
        p.setProperty("useServerPrepStmts", "true");
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

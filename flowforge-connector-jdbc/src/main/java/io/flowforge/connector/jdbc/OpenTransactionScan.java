package io.flowforge.connector.jdbc;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.PublicEvolving;
import java.time.Instant;
import java.util.Optional;

/**
 * One look at the transactions open in other sessions: the start of the oldest (empty when none)
 * and how many sessions hide their transactions from this login.
 */
@PublicEvolving
public record OpenTransactionScan(Optional<Instant> oldestStart, long unseenSessions) {
    public OpenTransactionScan {
        requireNonNull(oldestStart, "oldestStart is null");
    }

    /**
     * The current row of a {@link JdbcDialect#oldestOpenTransactionQuery()}: column 1 the oldest
     * start, read by {@link JdbcDialect#readServerInstant} (NULL when none is open), column 2 the
     * sessions this login cannot see.
     */
    public static OpenTransactionScan fromRow(java.sql.ResultSet rs, JdbcDialect dialect) throws java.sql.SQLException {
        rs.getObject(1);
        Optional<Instant> oldest = rs.wasNull() ? Optional.empty() : Optional.of(dialect.readServerInstant(rs, 1));
        return new OpenTransactionScan(oldest, rs.getLong(2));
    }
}

package io.flowforge.connector.jdbc;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What the database showed, at one moment, about transactions open in other sessions: whether it
 * shows them to this login at all, the server's clock, and the start of the oldest one. An upper
 * bound must not pass a value that such a transaction may still commit below it.
 *
 * @param visible whether the database showed every other session's transactions
 * @param serverNow the server's clock, read after the transactions were listed
 * @param oldestStart the start of the oldest open transaction in another session, if any
 * @param reason why they are not visible (for logs and results), empty when visible
 */
record OpenTransactions(boolean visible, Instant serverNow, Optional<Instant> oldestStart, String reason) {

    OpenTransactions {
        requireNonNull(serverNow, "serverNow is null");
        requireNonNull(oldestStart, "oldestStart is null");
        requireNonNull(reason, "reason is null");
    }

    /**
     * Whether a transaction that was already open at {@code t} may still be open: then values
     * observed at {@code t} may still be joined by smaller ones committed later. Always true when
     * the transactions are not visible.
     */
    boolean mayHoldOlderThan(Instant t) {
        return !visible || oldestStart.map(s -> !s.isAfter(t)).orElse(false);
    }

    /** Looks at the open transactions through the dialect, then reads the server clock, on an open connection. */
    static OpenTransactions read(Connection c, JdbcDialect dialect, String connectorId, UnaryOperator<String> redact)
            throws SQLException {
        Optional<OpenTransactionScan> scan;
        try {
            scan = dialect.scanOpenTransactions(c);
        } catch (SQLException e) {
            // Most often a missing privilege (PROCESS, VIEW SERVER STATE): then nothing is known.
            return new OpenTransactions(false, serverInstant(c, dialect), Optional.empty(),
                    "listing open transactions failed: " + redact.apply(String.valueOf(e.getMessage())));
        }
        Instant now = serverInstant(c, dialect);
        if (scan.isEmpty()) {
            return new OpenTransactions(false, now, Optional.empty(),
                    "the " + connectorId + " connector cannot list the database's open transactions");
        }
        if (scan.get().unseenSessions() > 0) {
            return new OpenTransactions(false, now, scan.get().oldestStart(), scan.get().unseenSessions()
                    + " other session(s) hide their transactions from this login (" + dialect.openTransactionPrivilegeHint() + ")");
        }
        return new OpenTransactions(true, now, scan.get().oldestStart(), "");
    }

    static Instant serverInstant(Connection c, JdbcDialect dialect) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + dialect.serverInstantExpression());
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return dialect.readServerInstant(rs, 1);
        }
    }
}

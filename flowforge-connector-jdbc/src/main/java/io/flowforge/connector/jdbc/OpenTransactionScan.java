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
}

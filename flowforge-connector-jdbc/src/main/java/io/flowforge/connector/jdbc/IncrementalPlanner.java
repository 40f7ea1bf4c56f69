package io.flowforge.connector.jdbc;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.BoundObservation;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.IncrementalRequest;
import io.flowforge.connector.IncrementalWindow;
import io.flowforge.connector.TableId;
import io.flowforge.connector.UpperBoundReport;
import io.flowforge.connector.UpperBoundStrategy;
import io.flowforge.connector.Watermark;
import io.flowforge.connector.WatermarkPosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fixes an incremental window's bounds on one connection. The lower bound is the last position.
 * The upper bound never passes a value a transaction still open elsewhere may commit below it:
 * <ul>
 *   <li>{@code DATABASE_NOW}: the column's clock minus the lag, and never past the start of the
 *   oldest transaction open in another session (where the database shows it);</li>
 *   <li>{@code MAX_EXCLUSIVE} / {@code MAX_INCLUSIVE}: the largest value seen at a moment after
 *   which every older transaction has ended (the plan waits up to the request's
 *   {@code openTransactionWait} for them) and that is at least the lag old; values seen but not
 *   yet safe are returned as observations for a later run;</li>
 *   <li>{@code ROWVERSION}: {@code MIN_ACTIVE_ROWVERSION()}, exact by itself.</li>
 * </ul>
 */
final class IncrementalPlanner {

    private static final Logger LOG = LoggerFactory.getLogger(IncrementalPlanner.class);
    private static final int MAX_OBSERVATIONS = 50;

    private final String connectorId;
    private final JdbcDialect dialect;
    private final UnaryOperator<String> redact;

    IncrementalPlanner(String connectorId, JdbcDialect dialect, UnaryOperator<String> redact) {
        this.connectorId = requireNonNull(connectorId, "connectorId is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.redact = requireNonNull(redact, "redact is null");
    }

    IncrementalWindow plan(Connection c, IncrementalRequest request, JdbcColumn delta, Watermark.Type type)
            throws SQLException {
        Optional<WatermarkPosition> last = Optional.ofNullable(request.lastPosition());
        if (last.isPresent() && last.get().value().type() != type) {
            throw new ConnectorException("The last watermark of '" + request.table() + "." + delta.name()
                    + "' is a " + last.get().value().type() + " watermark, but the column gives " + type
                    + " watermarks; start again with IncrementalRequest.initial or use the column it came from.");
        }
        Optional<Watermark> lower = last.map(WatermarkPosition::value);
        boolean lowerInclusive = last.map(p -> !p.valueConsumed()).orElse(false);
        UpperBoundStrategy strategy = resolve(request.upperBound(), delta, type);
        Bound bound = switch (strategy) {
            case DATABASE_NOW -> databaseNow(c, request, delta);
            case ROWVERSION -> new Bound(selectWatermark(c, "SELECT " + dialect.rowversionUpperBoundExpression().orElseThrow(
                    () -> new ConnectorException("UpperBoundStrategy.ROWVERSION needs a database with row versions; "
                            + connectorId + " has none. Use MAX_EXCLUSIVE or DATABASE_NOW.")), delta, List.of()),
                    new UpperBoundReport(strategy, Duration.ZERO, "exact: " + dialect.rowversionUpperBoundExpression().get()
                            + " is below every uncommitted row version", List.of()));
            default -> largestSafeValue(c, request, delta, type, strategy, lower, lowerInclusive);
        };
        Watermark upper = bound.upper();
        boolean upperInclusive = strategy == UpperBoundStrategy.MAX_INCLUSIVE;
        if (upper != null && lower.isPresent()
                && !WindowBounds.holdsRows(lower.get(), lowerInclusive, upper, upperInclusive)) {
            upper = null;
        }
        LOG.info("Planned {}.{}: ({}, {}) by {}, lag {}; {}", request.table().qualifiedName(), delta.name(),
                lower.map(Watermark::value).orElse("start"), upper == null ? "nothing yet" : upper.value(), strategy,
                bound.report().lag(), bound.report().guard());
        return new IncrementalWindow(request.table(), delta.name(), type, lower, lowerInclusive,
                Optional.ofNullable(upper), upperInclusive, bound.report());
    }

    private record Bound(Watermark upper, UpperBoundReport report) {}

    private Bound databaseNow(Connection c, IncrementalRequest request, JdbcColumn delta) throws SQLException {
        String clock = dialect.currentTimeExpression(delta);
        Watermark now = selectWatermark(c, "SELECT " + clock, delta, List.of());
        if (now == null) {
            throw new ConnectorException("The database clock (" + clock + ") returned NULL while fixing the upper bound of "
                    + request.table().qualifiedName() + "." + delta.name() + "; use UpperBoundStrategy.MAX_EXCLUSIVE for this source.");
        }
        Duration lag = request.lagOverride().orElse(IncrementalRequest.DEFAULT_LAG);
        Watermark upper = WindowBounds.minusLag(now, lag);
        OpenTransactions tx = OpenTransactions.read(c, dialect, connectorId, redact);
        String guard;
        if (!tx.visible()) {
            guard = "open transactions not checked (" + tx.reason() + "); the lag alone protects late commits";
        } else if (tx.oldestStart().isEmpty()) {
            guard = "no transaction was open in another session";
        } else {
            // The oldest transaction's age, read on the server's clock after `now`: moving the
            // column clock back by it lands at or before the transaction's start.
            Duration age = Duration.between(tx.oldestStart().get(), tx.serverNow());
            Watermark held = WindowBounds.minusLag(now, age.isNegative() ? Duration.ZERO : age);
            if (WindowBounds.compare(held, upper) < 0) {
                upper = held;
                guard = "held back to the start of a transaction open in another session since " + tx.oldestStart().get();
            } else {
                guard = "the oldest transaction open in another session (since " + tx.oldestStart().get()
                        + ") is younger than the lag";
            }
        }
        // Cut to the column's precision: a later row stored (truncated) at that precision must not
        // fall below the bound this window already read up to.
        return new Bound(WindowBounds.truncate(upper, delta.scale()),
                new UpperBoundReport(UpperBoundStrategy.DATABASE_NOW, lag, guard, List.of()));
    }

    private Bound largestSafeValue(Connection c, IncrementalRequest request, JdbcColumn delta, Watermark.Type type,
            UpperBoundStrategy strategy, Optional<Watermark> lower, boolean lowerInclusive) throws SQLException {
        Watermark max = selectWatermark(c, maxQuery(request.table(), delta, lower.isPresent(), lowerInclusive),
                delta, lower.stream().toList());
        // Read after the maximum: every transaction that could still commit a value below it began before this.
        Instant seenAt = OpenTransactions.serverInstant(c, dialect);
        List<BoundObservation> observations = new ArrayList<>(request.observations().stream()
                .filter(o -> o.value().type() == type).toList());
        if (max != null) {
            observations.add(new BoundObservation(max, seenAt));
        }
        OpenTransactions tx = OpenTransactions.read(c, dialect, connectorId, redact);
        long waitedMillis = 0;
        if (max != null && tx.visible() && tx.mayHoldOlderThan(seenAt)) {
            long start = System.nanoTime();
            long deadline = start + request.openTransactionWait().toNanos();
            long sleep = 20;
            while (tx.mayHoldOlderThan(seenAt) && System.nanoTime() < deadline) {
                sleepMillis(Math.min(sleep, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
                sleep = Math.min(sleep * 2, 500);
                tx = OpenTransactions.read(c, dialect, connectorId, redact);
            }
            waitedMillis = (System.nanoTime() - start) / 1_000_000;
        }
        Duration lag = request.lagOverride().orElse(tx.visible() ? Duration.ZERO : IncrementalRequest.DEFAULT_LAG);
        Instant latestSafe = tx.serverNow().minus(lag);
        OpenTransactions seen = tx;
        Optional<BoundObservation> safe = observations.stream()
                .filter(o -> !o.observedAt().isAfter(latestSafe))
                .filter(o -> !seen.visible() || !seen.mayHoldOlderThan(o.observedAt()))
                .max(Comparator.comparing(BoundObservation::observedAt));
        List<BoundObservation> keep = observations.stream()
                .filter(o -> safe.isEmpty() || o.observedAt().isAfter(safe.get().observedAt()))
                .sorted(Comparator.comparing(BoundObservation::observedAt))
                .toList();
        if (keep.size() > MAX_OBSERVATIONS) {
            keep = keep.subList(keep.size() - MAX_OBSERVATIONS, keep.size());
        }
        String guard = keyGuard(tx, waitedMillis, lag, safe, max, seenAt);
        return new Bound(safe.map(BoundObservation::value).orElse(null), new UpperBoundReport(strategy, lag, guard, keep));
    }

    private static String keyGuard(OpenTransactions tx, long waitedMillis, Duration lag, Optional<BoundObservation> safe,
            Watermark max, Instant seenAt) {
        StringBuilder s = new StringBuilder();
        if (!tx.visible()) {
            s.append("open transactions not checked (").append(tx.reason()).append("); a value is used once it is ")
                    .append(lag.toSeconds()).append(" s old");
        } else if (tx.oldestStart().isEmpty()) {
            s.append("no transaction was open in another session");
        } else {
            s.append("oldest transaction open in another session since ").append(tx.oldestStart().get());
        }
        if (waitedMillis > 0) {
            s.append("; waited ").append(waitedMillis).append(" ms for transactions older than the maximum to end");
        }
        if (max != null && (safe.isEmpty() || !safe.get().observedAt().equals(seenAt))) {
            s.append("; the maximum seen now (").append(max.value()).append(" at ").append(seenAt)
                    .append(") is kept for a later run");
        }
        return s.toString();
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException("Interrupted while waiting for open transactions to end", e);
        }
    }

    /** AUTO made concrete; DATABASE_NOW checked against the column's type. */
    private UpperBoundStrategy resolve(UpperBoundStrategy requested, JdbcColumn delta, Watermark.Type type) {
        boolean temporal = type == Watermark.Type.DATE || type == Watermark.Type.TIMESTAMP
                || type == Watermark.Type.TIMESTAMP_TZ;
        if (requested == UpperBoundStrategy.AUTO) {
            return dialect.isRowversion(delta) ? UpperBoundStrategy.ROWVERSION
                    : temporal ? UpperBoundStrategy.DATABASE_NOW : UpperBoundStrategy.MAX_EXCLUSIVE;
        }
        if (requested == UpperBoundStrategy.DATABASE_NOW && !temporal) {
            throw new ConnectorException("UpperBoundStrategy.DATABASE_NOW needs a date or timestamp delta column; '"
                    + delta.name() + "' is " + delta.typeName() + ". Use MAX_EXCLUSIVE (or AUTO).");
        }
        return requested;
    }

    /** {@code SELECT MAX(col) FROM t}, above the lower bound when there is one. */
    private String maxQuery(TableId table, JdbcColumn delta, boolean hasLower, boolean lowerInclusive) {
        String col = dialect.quoteIdentifier(delta.name());
        return "SELECT MAX(" + col + ") FROM " + dialect.quoteTable(table)
                + (hasLower ? " WHERE " + col + (lowerInclusive ? " >= " : " > ") + dialect.watermarkParameter(delta) : "");
    }

    private Watermark selectWatermark(Connection c, String sql, JdbcColumn delta, List<Watermark> params)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                dialect.bindWatermark(ps, i + 1, params.get(i), delta);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? dialect.readWatermark(rs, 1, delta) : null;
            }
        }
    }
}

package io.flowforge.connector.jdbc;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.PublicEvolving;
import java.time.Duration;

/**
 * The size and timeouts of one connection pool ({@link PooledConnectors}). {@code name} shows in
 * log lines and thread names; {@code minIdle} 0 (the default) keeps no connection open while the
 * pool is unused beyond {@code idleTimeout}. A zero {@code idleTimeout} or {@code maxLifetime}
 * means never.
 */
@PublicEvolving
public record PoolSettings(String name, int maxSize, int minIdle, Duration connectionTimeout, Duration idleTimeout,
        Duration maxLifetime) {

    /** How long {@code connection()} waits for a free connection by default. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(30);

    public PoolSettings {
        requireNonNull(name, "name is null");
        requireNonNull(connectionTimeout, "connectionTimeout is null");
        requireNonNull(idleTimeout, "idleTimeout is null");
        requireNonNull(maxLifetime, "maxLifetime is null");
        // The lower limits are HikariCP's: below them it would silently use its own defaults instead.
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("pool name '" + name
                    + "' may hold only letters, digits, '.', '_' and '-' (1 to 64 characters)");
        }
        if (maxSize < 1) {
            throw new IllegalArgumentException("pool '" + name + "': maxSize must be at least 1, was " + maxSize);
        }
        if (minIdle < 0 || minIdle > maxSize) {
            throw new IllegalArgumentException("pool '" + name + "': minIdle must be from 0 to maxSize (" + maxSize
                    + "), was " + minIdle);
        }
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("pool '" + name + "': connectionTimeout must be at least 250 ms, was "
                    + connectionTimeout.toMillis() + " ms");
        }
        if (!idleTimeout.isZero() && idleTimeout.toMillis() < 10_000) {
            throw new IllegalArgumentException("pool '" + name + "': idleTimeout must be 0 (never) or at least 10 s, was "
                    + idleTimeout.toMillis() + " ms");
        }
        if (!maxLifetime.isZero() && maxLifetime.toMillis() < 30_000) {
            throw new IllegalArgumentException("pool '" + name + "': maxLifetime must be 0 (never) or at least 30 s, was "
                    + maxLifetime.toMillis() + " ms");
        }
    }

    /** A pool of up to {@code maxSize} connections with the default timeouts and no idle minimum. */
    public static PoolSettings of(String name, int maxSize) {
        return new PoolSettings(name, maxSize, 0, DEFAULT_CONNECTION_TIMEOUT, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_LIFETIME);
    }

    public PoolSettings withMinIdle(int n) {
        return new PoolSettings(name, maxSize, n, connectionTimeout, idleTimeout, maxLifetime);
    }

    public PoolSettings withConnectionTimeout(Duration d) {
        return new PoolSettings(name, maxSize, minIdle, d, idleTimeout, maxLifetime);
    }

    public PoolSettings withIdleTimeout(Duration d) {
        return new PoolSettings(name, maxSize, minIdle, connectionTimeout, d, maxLifetime);
    }

    public PoolSettings withMaxLifetime(Duration d) {
        return new PoolSettings(name, maxSize, minIdle, connectionTimeout, idleTimeout, d);
    }
}

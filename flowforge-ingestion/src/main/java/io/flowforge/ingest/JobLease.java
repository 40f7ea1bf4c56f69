package io.flowforge.ingest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowforge.bronze.store.ObjectStore;
import io.flowforge.bronze.store.VersionedObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's exclusive right to run, held in the store at {@value #PREFIX}{job}.json. It is taken with
 * a conditional create (a local lock-protected create, or an S3 PUT with {@code If-None-Match: *}),
 * renewed by a heartbeat with a conditional replace ({@code If-Match}) every third of its time to
 * live, and given up by writing it back as released. A run that finds the lease held by another
 * run whose expiry has not passed fails fast with {@link LeaseHeldException}; an expired or released
 * lease is taken over with a conditional replace, so of two runs trying at once exactly one wins.
 *
 * <p>Expiry is judged by the clocks of the hosts involved; keep them in sync (NTP) and the time to
 * live well above their drift. Writes of the run's state are fenced separately (conditional on the
 * version the run read), so even a run that lost its lease without noticing cannot commit.
 */
public final class JobLease implements AutoCloseable {

    /** Where leases live inside the store. */
    public static final String PREFIX = "_flowforge/leases/";
    /** The default time to live; the heartbeat renews it every third of that. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(JobLease.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ObjectStore store;
    private final String key;
    private final String jobId;
    private final String owner;
    private final Duration ttl;
    private final Clock clock;
    private final Instant acquiredAt;
    private final Optional<Holder> previous;
    private final ScheduledExecutorService heartbeat;
    private volatile String version;
    private volatile Instant expiresAt;
    private volatile String lostReason;

    /** What a lease object says: who holds it, since when, until when, and whether it was given up. */
    public record Holder(String owner, String jobId, Instant acquiredAt, Instant expiresAt, boolean released) {}

    private JobLease(ObjectStore store, String key, String jobId, String owner, Duration ttl, Clock clock,
            Instant acquiredAt, Instant expiresAt, String version, Optional<Holder> previous) {
        this.store = store;
        this.key = key;
        this.jobId = jobId;
        this.owner = owner;
        this.ttl = ttl;
        this.clock = clock;
        this.acquiredAt = acquiredAt;
        this.expiresAt = expiresAt;
        this.version = version;
        this.previous = previous;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "flowforge-lease-" + jobId);
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, ttl.toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /** The key of a job's lease. */
    public static String key(String jobId) {
        return PREFIX + jobId + ".json";
    }

    /**
     * Takes the job's lease, or throws {@link LeaseHeldException} naming the holder when another run
     * holds it and it has not expired.
     */
    public static JobLease acquire(ObjectStore store, String jobId, Duration ttl, Clock clock) throws IOException {
        requireNonNull(store, "store is null");
        requireNonNull(jobId, "jobId is null");
        requireNonNull(ttl, "ttl is null");
        requireNonNull(clock, "clock is null");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("lease ttl must be positive, was " + ttl);
        }
        String key = key(jobId);
        String owner = ownerId();
        for (int attempt = 0; attempt < 3; attempt++) {
            Instant now = clock.instant();
            Holder mine = new Holder(owner, jobId, now, now.plus(ttl), false);
            Optional<String> created = store.createIfAbsent(key, encode(mine));
            if (created.isPresent()) {
                return new JobLease(store, key, jobId, owner, ttl, clock, now, mine.expiresAt(), created.get(), Optional.empty());
            }
            Optional<VersionedObject> current = store.getVersioned(key);
            if (current.isEmpty()) {
                continue;   // released and removed by hand between the two calls: try again
            }
            Holder held = decode(current.get().bytes(), store.uri(key));
            if (!held.released() && held.expiresAt().isAfter(now)) {
                throw new LeaseHeldException(jobId, held, store.uri(key));
            }
            Optional<String> taken = store.replaceIfVersion(key, encode(mine), current.get().version());
            if (taken.isPresent()) {
                if (!held.released()) {
                    LOG.warn("Job '{}': took over the lease of {}, which expired at {} without being released",
                            jobId, held.owner(), held.expiresAt());
                }
                return new JobLease(store, key, jobId, owner, ttl, clock, now, mine.expiresAt(), taken.get(), Optional.of(held));
            }
            // Another run took it between our read and our replace: look again.
        }
        Holder held = store.getVersioned(key).map(v -> decode(v.bytes(), store.uri(key))).orElseThrow(
                () -> new IOException("the lease " + store.uri(key) + " keeps changing; another run is taking it"));
        throw new LeaseHeldException(jobId, held, store.uri(key));
    }

    /** When this run took the lease. */
    public Instant acquiredAt() {
        return acquiredAt;
    }

    /** The lease this run took over (expired or released), if there was one. */
    public Optional<Holder> previous() {
        return previous;
    }

    public String owner() {
        return owner;
    }

    /**
     * Throws {@link LeaseLostException} unless this run still holds the lease: the heartbeat has not
     * lost it, and it has not expired by this host's clock.
     */
    public void checkHeld() {
        String lost = lostReason;
        if (lost != null) {
            throw new LeaseLostException(jobId, lost);
        }
        Instant now = clock.instant();
        if (!now.isBefore(expiresAt)) {
            throw new LeaseLostException(jobId, "it expired at " + expiresAt + " before it could be renewed (the store"
                    + " was unreachable or this process stalled)");
        }
    }

    private synchronized void renew() {
        if (lostReason != null) {
            return;
        }
        try {
            Instant now = clock.instant();
            Holder mine = new Holder(owner, jobId, acquiredAt, now.plus(ttl), false);
            Optional<String> renewed = store.replaceIfVersion(key, encode(mine), version);
            if (renewed.isPresent()) {
                version = renewed.get();
                expiresAt = mine.expiresAt();
            } else {
                lostReason = "another run took it over at " + store.uri(key);
                LOG.error("Job '{}': lost its lease: {}", jobId, lostReason);
            }
        } catch (IOException | RuntimeException e) {
            // Not fatal yet: the lease holds until it expires; checkHeld() judges that.
            LOG.warn("Job '{}': could not renew its lease (expires at {}): {}", jobId, expiresAt, e.toString());
        }
    }

    /** Stops the heartbeat and writes the lease back as released, if this run still holds it. */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        synchronized (this) {
            if (lostReason != null) {
                return;
            }
            try {
                Instant now = clock.instant();
                store.replaceIfVersion(key, encode(new Holder(owner, jobId, acquiredAt, now, true)), version);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Job '{}': could not release its lease; it expires at {}: {}", jobId, expiresAt, e.toString());
            }
            lostReason = "released";
        }
    }

    private static String ownerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        byte[] nonce = new byte[4];
        RANDOM.nextBytes(nonce);
        return host + "/pid " + ProcessHandle.current().pid() + "/" + HexFormat.of().formatHex(nonce)
                + " (" + ManagementFactory.getRuntimeMXBean().getName() + ")";
    }

    static byte[] encode(Holder h) {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", 1);
        n.put("owner", h.owner());
        n.put("job_id", h.jobId());
        n.put("acquired_at", h.acquiredAt().toString());
        n.put("expires_at", h.expiresAt().toString());
        n.put("released", h.released());
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Holder decode(byte[] bytes, String where) {
        try {
            JsonNode n = JSON.readTree(bytes);
            return new Holder(n.get("owner").asText(), n.get("job_id").asText(), Instant.parse(n.get("acquired_at").asText()),
                    Instant.parse(n.get("expires_at").asText()), n.get("released").asBoolean());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The lease at " + where + " cannot be read (" + e.getMessage()
                    + "). If no run of this job is active, delete it.", e);
        }
    }
}

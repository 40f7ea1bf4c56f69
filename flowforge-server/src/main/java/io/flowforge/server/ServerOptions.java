package io.flowforge.server;

import static java.util.Objects.requireNonNull;

import io.flowforge.connector.Secret;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * How a {@link FlowForgeServer} or a mounted {@link FlowForgeApi} runs: where it listens, the
 * optional bearer token, the store root that local destinations live under, whether the demo
 * source (BFSI_Test on an embedded H2) is saved at start, and its limits.
 */
public record ServerOptions(
        String bindAddress,
        int port,
        Optional<Secret> token,
        Path storeRoot,
        boolean demoSource,
        int maxBodyBytes,
        int concurrentRuns,
        int queuedRuns,
        int sourcePoolSize,
        Set<String> allowedSecretEnv) {

    public static final String USAGE = """
            Usage: flowforge serve [--port N] [--bind ADDRESS] [--store DIR] [--token-env VAR]
                                   [--no-demo] [--allow-env VAR]... [--max-body-bytes N]
              --port N            port to listen on (default 8080; 0 picks a free one)
              --bind ADDRESS      address to listen on (default 127.0.0.1); any other than a loopback
                                  address needs a token
              --store DIR         the lake root: local destinations are folders inside it (default ./lake)
              --token-env VAR     require 'Authorization: Bearer <token>' on /api, the token read from
                                  environment variable VAR (never from the command line)
              --no-demo           do not start the demo source (BFSI_Test on an embedded H2)
              --allow-env VAR     let jobs name environment variable VAR as passwordEnv/secretKeyEnv
              --max-body-bytes N  largest request body accepted (default 65536)""";

    public ServerOptions {
        requireNonNull(bindAddress, "bindAddress is null");
        token = token == null ? Optional.empty() : token;
        requireNonNull(storeRoot, "storeRoot is null");
        allowedSecretEnv = allowedSecretEnv == null ? Set.of() : Set.copyOf(allowedSecretEnv);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be from 0 to 65535, was " + port);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("max body bytes must be at least 1024, was " + maxBodyBytes);
        }
        if (concurrentRuns < 1 || queuedRuns < 1 || sourcePoolSize < 1) {
            throw new IllegalArgumentException("concurrentRuns, queuedRuns and sourcePoolSize must be at least 1");
        }
        if (token.isPresent() && token.get().reveal().length() < 16) {
            throw new IllegalArgumentException("the token must have at least 16 characters");
        }
    }

    /** 127.0.0.1:8080, no token, store {@code ./lake}, the demo source, 64 KiB bodies, 2 loads at once. */
    public static ServerOptions defaults() {
        return new ServerOptions("127.0.0.1", 8080, Optional.empty(), Path.of("lake"), true, 65_536, 2, 16, 4, Set.of());
    }

    public ServerOptions withPort(int p) {
        return new ServerOptions(bindAddress, p, token, storeRoot, demoSource, maxBodyBytes, concurrentRuns, queuedRuns,
                sourcePoolSize, allowedSecretEnv);
    }

    public ServerOptions withBindAddress(String a) {
        return new ServerOptions(a, port, token, storeRoot, demoSource, maxBodyBytes, concurrentRuns, queuedRuns,
                sourcePoolSize, allowedSecretEnv);
    }

    public ServerOptions withToken(String t) {
        return new ServerOptions(bindAddress, port, Optional.ofNullable(t).map(Secret::of), storeRoot, demoSource,
                maxBodyBytes, concurrentRuns, queuedRuns, sourcePoolSize, allowedSecretEnv);
    }

    public ServerOptions withStoreRoot(Path p) {
        return new ServerOptions(bindAddress, port, token, p, demoSource, maxBodyBytes, concurrentRuns, queuedRuns,
                sourcePoolSize, allowedSecretEnv);
    }

    public ServerOptions withDemoSource(boolean d) {
        return new ServerOptions(bindAddress, port, token, storeRoot, d, maxBodyBytes, concurrentRuns, queuedRuns,
                sourcePoolSize, allowedSecretEnv);
    }

    public ServerOptions withMaxBodyBytes(int n) {
        return new ServerOptions(bindAddress, port, token, storeRoot, demoSource, n, concurrentRuns, queuedRuns,
                sourcePoolSize, allowedSecretEnv);
    }

    public ServerOptions withAllowedSecretEnv(Set<String> names) {
        return new ServerOptions(bindAddress, port, token, storeRoot, demoSource, maxBodyBytes, concurrentRuns, queuedRuns,
                sourcePoolSize, names);
    }

    /** Whether the bind address is a loopback address (only this machine can connect). */
    public boolean loopbackOnly() {
        try {
            return InetAddress.getByName(bindAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bind address '" + bindAddress + "' cannot be resolved");
        }
    }

    /**
     * The options from {@code flowforge serve} arguments; empty for {@code --help}.
     *
     * @throws IllegalArgumentException naming the argument that is wrong
     */
    public static Optional<ServerOptions> parse(String... args) {
        ServerOptions o = defaults();
        Set<String> env = new LinkedHashSet<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                return Optional.empty();
            }
            if (a.equals("--no-demo")) {
                o = o.withDemoSource(false);
                continue;
            }
            if (!Set.of("--port", "--bind", "--store", "--token-env", "--allow-env", "--max-body-bytes").contains(a)) {
                throw new IllegalArgumentException("unknown argument '" + a + "'");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--port" -> o = o.withPort(number(a, v));
                case "--bind" -> o = o.withBindAddress(v);
                case "--store" -> o = o.withStoreRoot(Path.of(v));
                case "--max-body-bytes" -> o = o.withMaxBodyBytes(number(a, v));
                case "--allow-env" -> env.add(v);
                default -> {
                    String token = System.getenv(v);
                    if (token == null || token.isBlank()) {
                        throw new IllegalArgumentException("--token-env: environment variable " + v + " is not set");
                    }
                    o = o.withToken(token);
                }
            }
        }
        return Optional.of(o.withAllowedSecretEnv(env));
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, was '" + value + "'");
        }
    }
}

package io.flowforge.server;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * FlowForge's HTTP API and page on the JDK's built-in HTTP server: {@link #start(ServerOptions)}
 * from a service, {@link #run(String...)} for {@code flowforge serve}, {@link #main(String[])}
 * for {@code java -jar flowforge-server.jar}. By default it listens on 127.0.0.1:8080 only;
 * another address needs a bearer token.
 */
public final class FlowForgeServer implements AutoCloseable {

    private final HttpServer http;
    private final ExecutorService threads;
    private final FlowForgeApi api;
    private final URI uri;

    private FlowForgeServer(HttpServer http, ExecutorService threads, FlowForgeApi api, URI uri) {
        this.http = http;
        this.threads = threads;
        this.api = api;
        this.uri = uri;
    }

    /**
     * Starts a server with its own {@link FlowForgeApi}.
     *
     * @throws IllegalArgumentException for a non-loopback address without a token
     * @throws IOException if the address cannot be bound
     */
    public static FlowForgeServer start(ServerOptions options) throws IOException {
        requireNonNull(options, "options is null");
        if (!options.loopbackOnly() && options.token().isEmpty()) {
            throw new IllegalArgumentException("Listening on " + options.bindAddress() + " would let other machines use the "
                    + "saved sources and run loads; give a token (--token-env VAR) or bind to 127.0.0.1");
        }
        InetAddress address = InetAddress.getByName(options.bindAddress());
        HttpServer http = HttpServer.create(new InetSocketAddress(address, options.port()), 64);
        FlowForgeApi api = FlowForgeApi.create(options);
        AtomicInteger n = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "flowforge-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(threads);
        http.createContext("/", new JdkHttpAdapter(api, "", options.loopbackOnly() && options.token().isEmpty()));
        http.start();
        String host = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return new FlowForgeServer(http, threads, api, URI.create("http://" + host + ":" + http.getAddress().getPort() + "/"));
    }

    /** Where the page is, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        return uri;
    }

    public int port() {
        return uri.getPort();
    }

    public FlowForgeApi api() {
        return api;
    }

    /** Stops listening, cancels running loads and closes every pool. */
    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
        api.close();
    }

    /** {@code java -jar flowforge-server.jar [options]}: serves until the process is stopped. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * {@code flowforge serve [options]} ({@link ServerOptions#USAGE}): starts, prints where, and
     * serves until the process is stopped (or the calling thread is interrupted). Returns the exit
     * code: 0 after serving or for {@code --help}, 1 if the server cannot start, 2 for bad arguments.
     */
    public static int run(String... args) {
        return run(System.out, System.err, args);
    }

    static int run(PrintStream out, PrintStream err, String... args) {
        Optional<ServerOptions> options;
        try {
            options = ServerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("flowforge serve: " + e.getMessage());
            err.println(ServerOptions.USAGE);
            return 2;
        }
        if (options.isEmpty()) {
            out.println(ServerOptions.USAGE);
            return 0;
        }
        ServerOptions o = options.get();
        FlowForgeServer server;
        try {
            server = start(o);
        } catch (IOException | RuntimeException e) {
            err.println("flowforge serve: cannot start on " + o.bindAddress() + ":" + o.port() + ": " + e.getMessage());
            return 1;
        }
        out.println("FlowForge is serving " + server.uri() + " (lake: " + o.storeRoot().toAbsolutePath().normalize()
                + (o.demoSource() ? "; demo source: BFSI_Test on an embedded H2" : "")
                + (o.token().isPresent() ? "; /api needs the bearer token" : "") + "). Stop it with Ctrl+C.");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "flowforge-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            server.close();
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}

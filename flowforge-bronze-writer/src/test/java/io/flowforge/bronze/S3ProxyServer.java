package io.flowforge.bronze;

import io.flowforge.bronze.store.S3StoreConfig;
import io.flowforge.connector.Secret;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * A real S3 protocol server in-process (S3Proxy) on a free loopback port: the one in-process S3
 * of the project, for the writer's, ingestion's and CLI tests (in memory) and the benchmark
 * (objects in a folder, {@link #onDisk}), which takes it from this module's test-jar.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "flowforge-access";
    public static final String SECRET_KEY = "flowforge-secret-Xy9!";

    private final S3Proxy proxy;
    private final BlobStore blobStore;
    private final int port;

    public S3ProxyServer() throws Exception {
        this(store -> store);
    }

    /** A server whose blob store is wrapped, e.g. to hold or fail chosen requests in a test. */
    public S3ProxyServer(UnaryOperator<BlobStore> wrap) throws Exception {
        this(new TransientNio2BlobStore(), wrap);
    }

    /** A server keeping its objects as files under {@code folder}, so large runs do not hold them in memory. */
    public static S3ProxyServer onDisk(Path folder) throws Exception {
        Files.createDirectories(folder);
        return new S3ProxyServer(new FilesystemNio2BlobStore(folder.toString()), store -> store);
    }

    private S3ProxyServer(BlobStore blobStore, UnaryOperator<BlobStore> wrap) throws Exception {
        this.blobStore = blobStore;
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        this.proxy = S3Proxy.builder()
                .blobStore(wrap.apply(blobStore))
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!"STARTED".equals(proxy.getState()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public S3StoreConfig config(String bucket) {
        return S3StoreConfig.of(endpoint(), "us-east-1", bucket, ACCESS_KEY, Secret.of(SECRET_KEY));
    }

    public BlobStore blobStore() {
        return blobStore;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}

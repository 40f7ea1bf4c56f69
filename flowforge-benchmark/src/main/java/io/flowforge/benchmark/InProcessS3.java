package io.flowforge.benchmark;

import io.flowforge.bronze.store.AtomicObjectWrite;
import io.flowforge.bronze.store.S3ObjectStore;
import io.flowforge.bronze.store.S3StoreConfig;
import io.flowforge.connector.Secret;
import io.minio.MakeBucketArgs;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * An S3 protocol server (S3Proxy) in this process on a free loopback port, storing objects in a
 * local folder so large runs do not hold the objects in memory, with one bucket ready.
 */
final class InProcessS3 implements AutoCloseable {
    private static final String BUCKET = "bronze";
    private static final String ACCESS_KEY = "bench-access";
    private static final String SECRET_KEY = "bench-secret";

    private final S3Proxy proxy;
    private final S3ObjectStore store;

    private InProcessS3(S3Proxy proxy, S3ObjectStore store) {
        this.proxy = proxy;
        this.store = store;
    }

    static InProcessS3 start(Path folder) throws Exception {
        Files.createDirectories(folder);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(folder.toString()))
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!"STARTED".equals(proxy.getState()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        S3ObjectStore store = new S3ObjectStore(S3StoreConfig.of("http://127.0.0.1:" + port, "us-east-1", BUCKET,
                ACCESS_KEY, Secret.of(SECRET_KEY)));
        store.client().makeBucket(MakeBucketArgs.builder().bucket(BUCKET).build()).get();
        warmUp(store);
        return new InProcessS3(proxy, store);
    }

    /**
     * One 40 MiB multipart object written and deleted, so the server's and the client's request
     * paths are loaded and compiled before a measured run, as in a service that has written a file
     * before. Random bytes, so nothing downstream can shortcut them.
     */
    private static void warmUp(S3ObjectStore store) throws Exception {
        byte[] chunk = new byte[1024 * 1024];
        new java.util.Random(42).nextBytes(chunk);
        try (AtomicObjectWrite write = store.openAtomicWrite("_warm_up/object.bin")) {
            for (int i = 0; i < 40; i++) {
                write.write(chunk, 0, chunk.length);
            }
            write.commit();
        }
        store.delete("_warm_up/object.bin");
    }

    S3ObjectStore store() {
        return store;
    }

    @Override
    public void close() throws Exception {
        store.close();
        proxy.stop();
    }
}

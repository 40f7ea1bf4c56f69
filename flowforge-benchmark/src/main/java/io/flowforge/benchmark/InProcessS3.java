package io.flowforge.benchmark;

import io.flowforge.bronze.S3ProxyServer;
import io.flowforge.bronze.store.AtomicObjectWrite;
import io.flowforge.bronze.store.S3ObjectStore;
import io.minio.MakeBucketArgs;
import java.nio.file.Path;

/**
 * The project's in-process S3 server ({@link S3ProxyServer}, from the bronze writer's test-jar)
 * keeping objects in a local folder, with one bucket ready and its request paths warmed up.
 */
final class InProcessS3 implements AutoCloseable {
    private static final String BUCKET = "bronze";

    private final S3ProxyServer server;
    private final S3ObjectStore store;

    private InProcessS3(S3ProxyServer server, S3ObjectStore store) {
        this.server = server;
        this.store = store;
    }

    static InProcessS3 start(Path folder) throws Exception {
        S3ProxyServer server = S3ProxyServer.onDisk(folder);
        S3ObjectStore store = new S3ObjectStore(server.config(BUCKET));
        store.client().makeBucket(MakeBucketArgs.builder().bucket(BUCKET).build()).get();
        warmUp(store);
        return new InProcessS3(server, store);
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
        server.close();
    }
}

package io.flowforge.bronze.store;

import static java.util.Objects.requireNonNull;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An object store in a local folder, the embedded default: each key is a file under the root.
 * Writes go to a hidden temporary file in the target's directory, which is fsynced and renamed
 * onto the key with {@link StandardCopyOption#ATOMIC_MOVE}.
 */
public final class LocalObjectStore implements ObjectStore {
    /** Temporary files start with this and end with {@link #TEMP_SUFFIX}; listings skip them. */
    static final String TEMP_PREFIX = ".flowforge-";
    static final String TEMP_SUFFIX = ".tmp";

    private final Path root;

    public LocalObjectStore(Path root) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
    }

    /** A store at a plain path or a {@code file:} URI. */
    public static LocalObjectStore at(String pathOrFileUri) {
        requireNonNull(pathOrFileUri, "pathOrFileUri is null");
        if (pathOrFileUri.startsWith("file:")) {
            return new LocalObjectStore(Paths.get(URI.create(pathOrFileUri)));
        }
        return new LocalObjectStore(Paths.get(pathOrFileUri));
    }

    public Path root() {
        return root;
    }

    private Path resolve(String key) {
        return root.resolve(ObjectKeys.check(key));
    }

    @Override
    public String uri(String key) {
        return resolve(key).toUri().toString();
    }

    @Override
    public AtomicObjectWrite openAtomicWrite(String key) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), TEMP_PREFIX + target.getFileName() + ".", TEMP_SUFFIX);
        return new LocalWrite(target, temp);
    }

    @Override
    public Optional<byte[]> get(String key) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(resolve(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        ObjectKeys.checkPrefix(prefix);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile)
                    .filter(p -> !isTemporary(p.getFileName().toString()))
                    .map(p -> root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"))
                    .filter(k -> k.startsWith(prefix))
                    .forEach(keys::add);
        }
        keys.sort(null);
        return keys;
    }

    static boolean isTemporary(String fileName) {
        return fileName.startsWith(TEMP_PREFIX) && fileName.endsWith(TEMP_SUFFIX);
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    @Override
    public String toString() {
        return "LocalObjectStore[" + root.toUri() + "]";
    }

    private static final class LocalWrite extends AtomicObjectWrite {
        private final Path target;
        private final Path temp;
        private final FileChannel channel;
        private final OutputStream out;
        private long position;
        private boolean committed;
        private boolean aborted;

        LocalWrite(Path target, Path temp) throws IOException {
            this.target = target;
            this.temp = temp;
            this.channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        }

        private void checkOpen() throws IOException {
            if (committed || aborted) {
                throw new IOException("write to " + target.toUri() + " is already " + (committed ? "committed" : "aborted"));
            }
        }

        @Override
        public void write(int b) throws IOException {
            checkOpen();
            out.write(b);
            position++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            checkOpen();
            out.write(b, off, len);
            position += len;
        }

        @Override
        public void flush() throws IOException {
            if (!committed && !aborted) {
                out.flush();
            }
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public String uri() {
            return target.toUri().toString();
        }

        @Override
        public boolean isCommitted() {
            return committed;
        }

        @Override
        public void commit() throws IOException {
            checkOpen();
            try {
                out.flush();
                // Durable before visible: a crash after the rename must not expose a short file.
                channel.force(true);
                channel.close();
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                committed = true;
            } catch (IOException | RuntimeException e) {
                try {
                    abort();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }

        @Override
        public void abort() throws IOException {
            if (committed || aborted) {
                return;
            }
            aborted = true;
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }
}

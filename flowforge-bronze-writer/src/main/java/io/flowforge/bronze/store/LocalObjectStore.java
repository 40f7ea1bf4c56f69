package io.flowforge.bronze.store;

import static java.util.Objects.requireNonNull;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An object store in a local folder, the embedded default: each key is a file under the root.
 * Writes go to a locked file in the staging folder ({@code _flowforge/staging/}, never inside a
 * table's folder), which is fsynced and renamed onto the key with
 * {@link StandardCopyOption#ATOMIC_MOVE}; the directory is fsynced after the rename. Conditional
 * writes ({@link #createIfAbsent}, {@link #replaceIfVersion}) are serialised across threads and
 * processes by {@link LocalStoreMutex}; version tags are hashes of the content.
 */
public final class LocalObjectStore implements ObjectStore {
    /** Temporary files of FlowForge versions that staged beside the target; reaped once stale. */
    static final String LEGACY_TEMP_PREFIX = ".flowforge-";
    static final String LEGACY_TEMP_SUFFIX = ".tmp";

    private final Path root;
    private final LocalStaging staging;
    private final LocalStoreMutex mutex;

    public LocalObjectStore(Path root) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
        this.staging = new LocalStaging(this.root);
        this.mutex = new LocalStoreMutex(staging.folder());
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
        // The target's folder is made at commit: an aborted write (an empty window) leaves no empty folder.
        return new LocalWrite(target, staging.create(target.getFileName().toString()));
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
    public Optional<VersionedObject> getVersioned(String key) throws IOException {
        return get(key).map(b -> new VersionedObject(b, LocalStoreMutex.version(b)));
    }

    @Override
    public Optional<String> createIfAbsent(String key, byte[] bytes) throws IOException {
        Path target = resolve(key);
        return mutex.locked(() -> {
            if (Files.exists(target)) {
                return Optional.empty();
            }
            put(key, bytes);
            return Optional.of(LocalStoreMutex.version(bytes));
        });
    }

    @Override
    public Optional<String> replaceIfVersion(String key, byte[] bytes, String version) throws IOException {
        requireNonNull(version, "version is null");
        return mutex.locked(() -> {
            Optional<VersionedObject> current = getVersioned(key);
            if (current.isEmpty() || !current.get().version().equals(version)) {
                return Optional.empty();
            }
            put(key, bytes);
            return Optional.of(LocalStoreMutex.version(bytes));
        });
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    /**
     * Keys under {@code prefix}. Walks only the folder the prefix names (not the whole store) and
     * never the staging folder; files renamed or deleted by other writers while the folder is read
     * (other tables' commits, a split load's clean-up) are skipped, not an error.
     */
    @Override
    public List<String> list(String prefix) throws IOException {
        ObjectKeys.checkPrefix(prefix);
        int slash = prefix.lastIndexOf('/');
        Path dir = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
        List<String> keys = new ArrayList<>();
        for (Path p : regularFiles(dir)) {
            String key = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
            if (key.startsWith(prefix) && !isLegacyTemporary(p.getFileName().toString())) {
                keys.add(key);
            }
        }
        keys.sort(null);
        return keys;
    }

    /**
     * The regular files under {@code dir}, the staging folder left out; entries that vanish while
     * the walk runs are skipped (a {@code Files.walk} would fail on them with NoSuchFileException).
     */
    private List<Path> regularFiles(Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        Path stagingFolder = staging.folder();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                return d.equals(stagingFolder) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return found;
    }

    static boolean isLegacyTemporary(String fileName) {
        return fileName.startsWith(LEGACY_TEMP_PREFIX) && fileName.endsWith(LEGACY_TEMP_SUFFIX);
    }

    /**
     * Deletes staging files whose writer has died (their lock is free), and temporary files that
     * earlier FlowForge versions staged beside the objects under {@code keyPrefix} if unchanged
     * since {@code startedBefore}.
     */
    @Override
    public List<String> reapAbandonedWrites(String keyPrefix, Instant startedBefore) throws IOException {
        ObjectKeys.checkPrefix(keyPrefix);
        requireNonNull(startedBefore, "startedBefore is null");
        List<String> reaped = new ArrayList<>(staging.reap(startedBefore));
        int slash = keyPrefix.lastIndexOf('/');
        Path dir = slash < 0 ? root : root.resolve(keyPrefix.substring(0, slash));
        if (Files.isDirectory(dir)) {
            List<Path> legacy = regularFiles(dir).stream()
                    .filter(p -> isLegacyTemporary(p.getFileName().toString()))
                    .filter(p -> root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/")
                            .startsWith(keyPrefix.substring(0, slash + 1)))
                    .toList();
            for (Path p : legacy) {
                try {
                    if (Files.getLastModifiedTime(p).toInstant().isBefore(startedBefore)) {
                        long size = Files.size(p);
                        Files.delete(p);
                        reaped.add("temporary file " + p.toUri() + " (" + size + " bytes, left by an earlier FlowForge version)");
                    }
                } catch (NoSuchFileException gone) {
                    // Removed meanwhile.
                }
            }
        }
        return reaped;
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    @Override
    public String toString() {
        return "LocalObjectStore[" + root.toUri() + "]";
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform can open a directory; the rename itself is still atomic.
        }
    }

    private static final class LocalWrite extends AtomicObjectWrite {
        private final Path target;
        private final LocalStaging.Staged staged;
        private final OutputStream out;
        private long position;
        private boolean committed;
        private boolean aborted;

        LocalWrite(Path target, LocalStaging.Staged staged) {
            this.target = target;
            this.staged = staged;
            this.out = new BufferedOutputStream(Channels.newOutputStream(staged.channel()), 1 << 16);
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
                staged.channel().force(true);
                Files.createDirectories(target.getParent());
                Files.move(staged.file(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                committed = true;
                staged.close();
                fsyncDirectory(target.getParent());
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
                Files.deleteIfExists(staged.file());
            } finally {
                staged.close();
            }
        }
    }
}

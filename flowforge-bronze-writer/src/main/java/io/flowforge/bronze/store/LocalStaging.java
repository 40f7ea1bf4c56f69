package io.flowforge.bronze.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The staging folder of a {@link LocalObjectStore}: {@code _flowforge/staging/} under the root,
 * outside every table's folder, so a half-written object never shows up in a reader's
 * {@code bronze/t/*} and a killed run leaves nothing there. A writer holds an operating-system lock
 * on its staging file for as long as it writes; the kernel drops the lock when the process dies
 * (even on {@code kill -9}), which is how a later run tells an abandoned file from a live one.
 *
 * <p>Files are created without explicit permissions, so they get the process's umask like any
 * other file the user creates (Java's temporary-file methods would force {@code 0600}).
 */
final class LocalStaging {

    static final String FOLDER = "_flowforge/staging";
    static final String SUFFIX = ".tmp";
    /** A file younger than this is never reaped: its writer may not have locked it yet. */
    static final java.time.Duration MIN_AGE = java.time.Duration.ofSeconds(10);

    // Staging files this JVM is writing. POSIX locks are per process, and closing any channel of a
    // file drops all of the process's locks on it, so a reaper must never open a file listed here.
    private static final Set<Path> OPEN_HERE = ConcurrentHashMap.newKeySet();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path folder;

    LocalStaging(Path root) {
        this.folder = root.resolve(FOLDER);
    }

    Path folder() {
        return folder;
    }

    /** A new staging file for a target, created and locked by this process. */
    Staged create(String targetFileName) throws IOException {
        Files.createDirectories(folder);
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        String name = HexFormat.of().formatHex(id) + "." + shorten(targetFileName) + SUFFIX;
        Path file = folder.resolve(name);
        OPEN_HERE.add(file);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            FileLock lock = channel.lock();
            return new Staged(file, channel, lock);
        } catch (IOException | RuntimeException e) {
            OPEN_HERE.remove(file);
            if (channel != null) {
                channel.close();
                Files.deleteIfExists(file);
            }
            throw e;
        }
    }

    private static String shorten(String name) {
        return name.length() <= 120 ? name : name.substring(0, 120);
    }

    /**
     * Deletes staging files no live process holds and not touched since {@code before} (nor within
     * {@link #MIN_AGE}). Returns what was deleted.
     */
    List<String> reap(Instant before) throws IOException {
        List<String> reaped = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return reaped;
        }
        Instant cutoff = Instant.now().minus(MIN_AGE);
        Instant limit = before.isBefore(cutoff) ? before : cutoff;
        List<Path> candidates;
        try (Stream<Path> files = Files.list(folder)) {
            candidates = files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).toList();
        }
        for (Path file : candidates) {
            if (OPEN_HERE.contains(file)) {
                continue;
            }
            try {
                if (Files.getLastModifiedTime(file).toInstant().isAfter(limit)) {
                    continue;
                }
                long size = deleteIfUnlocked(file);
                if (size >= 0) {
                    reaped.add("staging file " + file.toUri() + " (" + size + " bytes, left by a process that no longer runs)");
                }
            } catch (NoSuchFileException gone) {
                // Another reaper or its own writer removed it meanwhile.
            }
        }
        return reaped;
    }

    /** Deletes the file if no process holds its lock; returns its size, or -1 if it is live. */
    private static long deleteIfUnlocked(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                return -1;
            }
            if (lock == null) {
                return -1;
            }
            try {
                long size = channel.size();
                Files.delete(file);
                return size;
            } finally {
                lock.release();
            }
        }
    }

    /** A staging file being written: its path, channel and the lock that marks it live. */
    record Staged(Path file, FileChannel channel, FileLock lock) {
        /** Releases the lock and channel and forgets the file (after it was renamed or deleted). */
        void close() throws IOException {
            try {
                if (lock.isValid()) {
                    lock.release();
                }
            } finally {
                try {
                    channel.close();
                } finally {
                    OPEN_HERE.remove(file);
                }
            }
        }
    }
}

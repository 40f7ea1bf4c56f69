package io.flowforge.bronze.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes a local store's conditional writes atomic across threads (a lock per store folder in this
 * JVM) and across processes (an operating-system lock on {@code _flowforge/staging/.mutex}, which
 * the kernel releases if the holder dies). Held only for a read-compare-write of a small object.
 */
final class LocalStoreMutex {

    private static final Map<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final Path lockFile;

    LocalStoreMutex(Path stagingFolder) {
        this.lockFile = stagingFolder.resolve(".mutex");
    }

    /** Work done while holding the lock. */
    @FunctionalInterface
    interface Locked<T> {
        T run() throws IOException;
    }

    <T> T locked(Locked<T> work) throws IOException {
        ReentrantLock jvmLock = IN_THIS_JVM.computeIfAbsent(lockFile, p -> new ReentrantLock());
        jvmLock.lock();
        try {
            Files.createDirectories(lockFile.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                return work.run();
            }
        } finally {
            jvmLock.unlock();
        }
    }

    /** The version tag of a local object: the first 16 bytes of its SHA-256, in hex. */
    static String version(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

package io.flowforge.bronze.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local store's staging folder, permissions and conditional writes, raced by threads and by
 * separate processes, and killed with SIGKILL.
 */
class LocalObjectStoreTest {

    @TempDir Path root;

    private List<Path> files(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void aWriteInProgressStagesOutsideTheTableFolderAndCommitsAtTheKey() throws Exception {
        LocalObjectStore store = new LocalObjectStore(root);
        try (AtomicObjectWrite w = store.openAtomicWrite("bronze/t/b1.parquet")) {
            w.write("data".getBytes(StandardCharsets.UTF_8));
            w.flush();
            assertThat(files(root.resolve("bronze"))).as("nothing in the table's folder while writing").isEmpty();
            assertThat(files(root.resolve("_flowforge/staging"))).singleElement()
                    .satisfies(p -> assertThat(p.getFileName().toString()).endsWith(".b1.parquet.tmp"));
            w.commit();
        }
        assertThat(files(root)).containsExactly(root.resolve("bronze/t/b1.parquet"));
        assertThat(store.list("")).containsExactly("bronze/t/b1.parquet");
    }

    /**
     * A multi-table run lists one table's objects while other tables commit (staging files renamed
     * away) and a split load deletes parts: a listing must skip what vanishes, not fail. Found when
     * a 30-table run failed one table with NoSuchFileException on another table's staging file.
     */
    @Test
    void listingWhileOtherWritersCommitAndDeleteNeverFailsAndSeesOnlyItsPrefix() throws Exception {
        LocalObjectStore store = new LocalObjectStore(root);
        store.put("bronze/mine/kept.parquet", new byte[] {1});
        ExecutorService pool = Executors.newFixedThreadPool(3);
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
        try {
            List<Future<Integer>> churn = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int writer = t;
                churn.add(pool.submit(() -> {
                    int n = 0;
                    while (System.nanoTime() < until) {
                        String key = "bronze/other" + writer + "/part-" + (n % 7) + ".parquet";
                        store.put(key, new byte[] {(byte) n});
                        if (n % 2 == 1) {
                            store.delete(key);
                        }
                        n++;
                    }
                    return n;
                }));
            }
            Future<Integer> lister = pool.submit(() -> {
                int lists = 0;
                while (System.nanoTime() < until) {
                    assertThat(store.list("")).contains("bronze/mine/kept.parquet")
                            .allSatisfy(k -> assertThat(k).doesNotStartWith("_flowforge/staging"));
                    assertThat(store.list("bronze/mine/")).containsExactly("bronze/mine/kept.parquet");
                    lists++;
                }
                return lists;
            });
            assertThat(lister.get(30, TimeUnit.SECONDS)).isPositive();
            for (Future<Integer> f : churn) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isGreaterThan(10);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.list("bronze/other0/part-")).allSatisfy(k -> assertThat(k).startsWith("bronze/other0/part-"));
        assertThat(store.list("bronze/nothing-here/")).isEmpty();
    }

    @Test
    void objectsAndFoldersGetTheUmaskLikeAnyFileNotOwnerOnly() throws Exception {
        Path reference = Files.createFile(root.resolve("reference"));
        Path referenceDir = Files.createDirectory(root.resolve("reference-dir"));
        LocalObjectStore store = new LocalObjectStore(root);
        store.putString("bronze/t/b1.parquet", "x");
        store.createIfAbsent("_flowforge/state/j/t.json", new byte[] {1});

        String expected = PosixFilePermissions.toString(Files.getPosixFilePermissions(reference));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("bronze/t/b1.parquet"))))
                .isEqualTo(expected);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("_flowforge/state/j/t.json"))))
                .isEqualTo(expected);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("bronze/t"))))
                .isEqualTo(PosixFilePermissions.toString(Files.getPosixFilePermissions(referenceDir)));
        // Under the usual umask 022 others can read the lake; Java's temporary files would be rw-------.
        assertThat(expected).isNotEqualTo("rw-------");
    }

    @Test
    void createIfAbsentAndReplaceIfVersionAreConditional() throws Exception {
        LocalObjectStore store = new LocalObjectStore(root);
        Optional<String> v1 = store.createIfAbsent("k.json", "one".getBytes(StandardCharsets.UTF_8));
        assertThat(v1).isPresent();
        assertThat(store.createIfAbsent("k.json", "two".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(store.getString("k.json")).contains("one");

        Optional<String> v2 = store.replaceIfVersion("k.json", "two".getBytes(StandardCharsets.UTF_8), v1.get());
        assertThat(v2).isPresent().isNotEqualTo(v1);
        assertThat(store.replaceIfVersion("k.json", "three".getBytes(StandardCharsets.UTF_8), v1.get()))
                .as("a stale version loses").isEmpty();
        assertThat(store.getVersioned("k.json").orElseThrow().version()).isEqualTo(v2.get());
        assertThat(store.replaceIfVersion("missing.json", new byte[0], v2.get())).isEmpty();
        assertThat(store.exists("missing.json")).isFalse();
    }

    @Test
    void eightThreadsRacingToCreateOneKeyMakeExactlyOneWinner() throws Exception {
        LocalObjectStore store = new LocalObjectStore(root);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<String>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                byte[] body = ("owner-" + i).getBytes(StandardCharsets.UTF_8);
                Callable<Optional<String>> c = () -> new LocalObjectStore(root).createIfAbsent("lease.json", body);
                results.add(pool.submit(c));
            }
            long winners = 0;
            for (Future<Optional<String>> f : results) {
                winners += f.get().isPresent() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Process child(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StoreChild.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static String firstLine(Process p) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        return r.readLine();
    }

    @Test
    void fourProcessesRacingToCreateOneKeyMakeExactlyOneWinner() throws Exception {
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ps.add(child("create", root.toString(), "lease.json", "p" + i));
        }
        List<String> outcomes = new ArrayList<>();
        for (Process p : ps) {
            outcomes.add(firstLine(p));
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(outcomes).containsOnly("WON", "LOST").filteredOn("WON"::equals).hasSize(1);
    }

    @Test
    void threeProcessesIncrementingOneCounterLoseNoUpdate() throws Exception {
        LocalObjectStore store = new LocalObjectStore(root);
        store.putString("counter", "0");
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ps.add(child("increment", root.toString(), "counter", "40"));
        }
        for (Process p : ps) {
            assertThat(firstLine(p)).startsWith("DONE");
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(store.getString("counter")).contains("120");
    }

    @Test
    void aKilledWritersStagingFileIsReapedALiveOneIsNot() throws Exception {
        Process killed = child("hold", root.toString(), "bronze/t/dead.parquet");
        Process live = child("hold", root.toString(), "bronze/t/live.parquet");
        try {
            assertThat(firstLine(killed)).isEqualTo("READY");
            assertThat(firstLine(live)).isEqualTo("READY");
            killed.destroyForcibly();   // SIGKILL: no shutdown hook, no abort
            assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
            List<Path> staged = files(root.resolve("_flowforge/staging")).stream()
                    .filter(p -> p.toString().endsWith(".tmp")).toList();
            assertThat(staged).hasSize(2);
            // Age both past the minimum age, as a later run would find them.
            FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
            for (Path p : staged) {
                Files.setLastModifiedTime(p, old);
            }

            List<String> reaped = new LocalObjectStore(root).reapAbandonedWrites("bronze/t/", Instant.now());

            assertThat(reaped).singleElement().satisfies(s -> assertThat(s).contains(".dead.parquet.tmp")
                    .contains("100000 bytes, left by a process that no longer runs"));
            assertThat(files(root.resolve("_flowforge/staging"))).filteredOn(p -> p.toString().endsWith(".tmp"))
                    .singleElement().satisfies(p -> assertThat(p.toString()).endsWith(".live.parquet.tmp"));
            assertThat(files(root.resolve("bronze"))).isEmpty();
        } finally {
            killed.destroyForcibly();
            live.destroyForcibly();
            live.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFreshStagingFileIsNeverReapedEvenIfItsLockLooksFree() throws Exception {
        Path staging = Files.createDirectories(root.resolve("_flowforge/staging"));
        Path young = Files.writeString(staging.resolve("0123456789abcdef.x.parquet.tmp"), "x");
        assertThat(new LocalObjectStore(root).reapAbandonedWrites("bronze/", Instant.now())).isEmpty();
        assertThat(young).exists();
    }

    @Test
    void legacyTemporaryFilesBesideObjectsAreReapedOnceStale() throws Exception {
        Path table = Files.createDirectories(root.resolve("bronze/t"));
        Path stale = Files.writeString(table.resolve(".flowforge-b1.parquet.123.tmp"), "x");
        Path recent = Files.writeString(table.resolve(".flowforge-b2.parquet.456.tmp"), "y");
        Path other = Files.writeString(Files.createDirectories(root.resolve("bronze/u")).resolve(".flowforge-b3.parquet.7.tmp"), "z");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minusSeconds(7200)));
        Files.setLastModifiedTime(other, FileTime.from(Instant.now().minusSeconds(7200)));

        List<String> reaped = new LocalObjectStore(root).reapAbandonedWrites("bronze/t/", Instant.now().minusSeconds(600));

        assertThat(reaped).singleElement().satisfies(s -> assertThat(s).contains(".flowforge-b1.parquet.123.tmp"));
        assertThat(stale).doesNotExist();
        assertThat(recent).exists();
        assertThat(other).as("another table's folder is not touched").exists();
    }
}

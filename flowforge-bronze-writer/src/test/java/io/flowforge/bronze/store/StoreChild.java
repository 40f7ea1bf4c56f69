package io.flowforge.bronze.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A separate process for the local store's cross-process tests. Modes:
 * {@code hold <root> <key>} opens a write, writes some bytes, prints READY and waits to be killed;
 * {@code create <root> <key> <id>} races createIfAbsent and prints WON or LOST;
 * {@code increment <root> <key> <n>} adds 1 to a counter object n times with read-compare-write.
 */
public final class StoreChild {
    public static void main(String[] args) throws Exception {
        LocalObjectStore store = new LocalObjectStore(Path.of(args[1]));
        switch (args[0]) {
            case "hold" -> {
                AtomicObjectWrite w = store.openAtomicWrite(args[2]);
                w.write(new byte[100_000]);
                w.flush();
                System.out.println("READY");
                System.out.flush();
                Thread.sleep(120_000);
            }
            case "create" -> {
                Optional<String> v = store.createIfAbsent(args[2], args[3].getBytes(StandardCharsets.UTF_8));
                System.out.println(v.isPresent() ? "WON" : "LOST");
            }
            case "increment" -> {
                int n = Integer.parseInt(args[3]);
                int retries = 0;
                for (int i = 0; i < n; i++) {
                    while (true) {
                        VersionedObject current = store.getVersioned(args[2]).orElseThrow();
                        int value = Integer.parseInt(new String(current.bytes(), StandardCharsets.UTF_8));
                        byte[] next = Integer.toString(value + 1).getBytes(StandardCharsets.UTF_8);
                        if (store.replaceIfVersion(args[2], next, current.version()).isPresent()) {
                            break;
                        }
                        retries++;
                    }
                }
                System.out.println("DONE " + retries);
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}

package io.flowforge.ingest.load;

import io.flowforge.connector.Secret;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secrets given inline in a job, held in this JVM under random references so that task
 * descriptors can name them without holding them. Only tasks running in this JVM can resolve them.
 */
final class LocalSecrets {

    private static final Map<String, Secret> SECRETS = new ConcurrentHashMap<>();
    private static final Map<Secret, String> REFS = new ConcurrentHashMap<>();

    private LocalSecrets() {}

    static String register(Secret s) {
        return REFS.computeIfAbsent(s, k -> {
            String ref = "jvm:" + UUID.randomUUID();
            SECRETS.put(ref, k);
            return ref;
        });
    }

    static Optional<Secret> resolve(String ref) {
        return Optional.ofNullable(SECRETS.get(ref));
    }
}

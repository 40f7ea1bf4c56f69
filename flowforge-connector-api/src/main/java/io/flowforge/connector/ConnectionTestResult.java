package io.flowforge.connector;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The outcome of {@link DatabaseConnector#testConnection()}: whether it worked, what answered,
 * how long it took, and a message for a person (the driver's reason on failure, without secrets).
 */
@PublicEvolving
public record ConnectionTestResult(
        boolean success, String productName, String productVersion, Duration latency, String message) {

    public ConnectionTestResult {
        requireNonNull(latency, "latency is null");
        requireNonNull(message, "message is null");
    }

    public static ConnectionTestResult ok(String productName, String productVersion, Duration latency) {
        return new ConnectionTestResult(true, productName, productVersion, latency,
                "Connected to " + productName + " " + productVersion + " in " + latency.toMillis() + " ms");
    }

    public static ConnectionTestResult failed(Duration latency, String message) {
        return new ConnectionTestResult(false, null, null, latency, message);
    }
}

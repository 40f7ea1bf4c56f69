package io.flowforge.connector;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How to reach one database: host, port, database, credentials, extra driver properties and
 * timeouts. Immutable. The password, any driver property whose name {@link UrlSecrets} calls
 * secret, and any secret inside {@code jdbcUrl} never appear in {@link #toString()}.
 *
 * <p>{@code jdbcUrl} is for the generic {@code jdbc} connector and for overriding a connector's
 * own URL; a connector that builds its URL from host, port and database ignores it when absent.
 */
@PublicEvolving
public record ConnectionConfig(
        String host,
        Integer port,
        String database,
        String username,
        Secret password,
        String jdbcUrl,
        Map<String, String> properties,
        Duration loginTimeout,
        Duration socketTimeout) {

    public static final Duration DEFAULT_LOGIN_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofMinutes(30);

    public ConnectionConfig {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        loginTimeout = loginTimeout == null ? DEFAULT_LOGIN_TIMEOUT : loginTimeout;
        socketTimeout = socketTimeout == null ? DEFAULT_SOCKET_TIMEOUT : socketTimeout;
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
        }
        if (loginTimeout.isNegative() || socketTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must not be negative");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<String> jdbcUrlOverride() {
        return Optional.ofNullable(jdbcUrl);
    }

    public Optional<Secret> passwordSecret() {
        return Optional.ofNullable(password);
    }

    /** A copy with a different password, for example to test a wrong one. */
    public ConnectionConfig withPassword(String newPassword) {
        return new ConnectionConfig(host, port, database, username,
                newPassword == null ? null : Secret.of(newPassword), jdbcUrl, properties, loginTimeout, socketTimeout);
    }

    /**
     * Removes this configuration's secrets from a text, for example a driver's error message: the
     * password, every secret property ({@link UrlSecrets#isSecretKey}), every secret value inside
     * {@code jdbcUrl} (drivers echo fragments of their URL), and any secret in a URL the text holds.
     */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = UrlSecrets.redact(text, jdbcUrl);
        if (password != null) {
            out = password.redact(out);
        }
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (UrlSecrets.isSecretKey(e.getKey()) && !e.getValue().isEmpty()) {
                out = out.replace(e.getValue(), Secret.MASK);
            }
        }
        return UrlSecrets.mask(out);
    }

    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        properties.forEach((k, v) -> shown.put(k, UrlSecrets.isSecretKey(k) ? Secret.MASK : v));
        return "ConnectionConfig[host=" + host + ", port=" + port + ", database=" + database
                + ", username=" + username + ", password=" + (password == null ? "null" : Secret.MASK)
                + ", jdbcUrl=" + (jdbcUrl == null ? "null" : redact(jdbcUrl))
                + ", properties=" + shown + ", loginTimeout=" + loginTimeout
                + ", socketTimeout=" + socketTimeout + "]";
    }

    /** Builds a {@link ConnectionConfig}. */
    public static final class Builder {
        private String host;
        private Integer port;
        private String database;
        private String username;
        private Secret password;
        private String jdbcUrl;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private Duration loginTimeout;
        private Duration socketTimeout;

        private Builder() {}

        public Builder host(String host) { this.host = host; return this; }
        public Builder port(int port) { this.port = port; return this; }
        public Builder database(String database) { this.database = database; return this; }
        public Builder username(String username) { this.username = username; return this; }
        public Builder password(String password) { this.password = password == null ? null : Secret.of(password); return this; }
        public Builder password(Secret password) { this.password = password; return this; }
        public Builder jdbcUrl(String jdbcUrl) { this.jdbcUrl = jdbcUrl; return this; }
        public Builder property(String key, String value) {
            properties.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
            return this;
        }
        public Builder properties(Map<String, String> props) { props.forEach(this::property); return this; }
        public Builder loginTimeout(Duration d) { this.loginTimeout = d; return this; }
        public Builder socketTimeout(Duration d) { this.socketTimeout = d; return this; }

        public ConnectionConfig build() {
            return new ConnectionConfig(host, port, database, username, password, jdbcUrl, properties,
                    loginTimeout, socketTimeout);
        }
    }
}

package io.flowforge.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.flowforge.connector.ConnectionTestResult;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.ReadOptions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.Test;

/**
 * A password inside a {@code jdbcUrl} never shows: not in the configuration's text, the connection
 * test's message, nor any exception (message or cause) of an operation, in every URL form the
 * driver reads. Drivers echo pieces of a URL they cannot parse, so this holds only if the
 * connector knows the values inside the URL.
 */
public interface UrlSecretContract extends ContractSupport {

    @Test
    default void passwordsInsideTheJdbcUrlNeverShow() throws Exception {
        String secret = "FfUrl" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        List<ContractDatabase.UrlSecretCase> cases = contractDatabase().urlSecretCases(contractSchema(), secret);
        assumeFalse(cases.isEmpty(), contractDatabase().displayName() + " gives no jdbcUrl forms to check");
        for (ContractDatabase.UrlSecretCase c : cases) {
            String url = c.config().jdbcUrl();
            List<String> texts = new ArrayList<>();
            texts.add(c.config().toString());
            try (DatabaseConnector connector = Connectors.open(contractDatabase().connectorIdentifier(), c.config());
                    BufferAllocator allocator = new RootAllocator()) {
                ConnectionTestResult r = connector.testConnection();
                texts.add(r.message());
                try {
                    connector.listTables();
                } catch (RuntimeException e) {
                    texts.add(chain(e));
                }
                try (ArrowReader reader = connector.readQuery("SELECT 1", ReadOptions.defaults(), allocator)) {
                    reader.loadNextBatch();
                } catch (RuntimeException e) {
                    texts.add(chain(e));
                }
            } catch (RuntimeException e) {
                texts.add(chain(e));
            }
            for (String text : texts) {
                assertThat(text).as("with the secret in " + c.config()).doesNotContain(secret);
            }
            if (c.expectedEcho() != null) {
                assertThat(String.join("\n", texts)).as("the driver's echo of the URL " + url.replace(secret, "<secret>"))
                        .contains(c.expectedEcho());
            }
        }
    }

    /** The messages of an exception and all its causes. */
    private static String chain(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            out.append(t).append('\n');
        }
        return out.toString();
    }
}

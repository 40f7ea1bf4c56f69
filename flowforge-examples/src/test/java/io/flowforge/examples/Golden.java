package io.flowforge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files: outputs scripts read today, captured once from the command line as it was before
 * issue 19 (commit a3f88f4) into {@code src/test/resources/golden/}, and compared byte for byte
 * ever since. {@code -Dflowforge.golden.write=true} rewrites them; only do that for a deliberate,
 * reviewed change of an output's shape.
 */
final class Golden {

    private Golden() {}

    static void assertSame(String name, String actual) throws IOException {
        if (Boolean.getBoolean("flowforge.golden.write")) {
            Path file = Path.of("src/test/resources/golden", name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file " + name).isNotNull();
            String expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(actual).as("output of " + name + " against its golden file").isEqualTo(expected);
        }
    }
}

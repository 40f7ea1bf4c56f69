package io.flowforge.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code flowforge completion bash|zsh}: a script generated from the command model, which bash loads and completes with. */
class CompletionTest {

    @TempDir Path dir;

    private static String script(String shell) {
        StringWriter out = new StringWriter();
        CommandLine cl = FlowForgeCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        assertThat(cl.execute("completion", shell)).isZero();
        return out.toString();
    }

    @Test
    void theScriptKnowsEveryCommandAndTheChoicesOfItsOptions() {
        String bash = script("bash");
        assertThat(bash).contains("complete -F _complete_flowforge")
                .contains("test-connection").contains("tables").contains("schema").contains("preview").contains("ingest")
                .contains("run").contains("serve").contains("quickstart").contains("completion")
                .contains("--progress").contains("(\"auto\" \"bar\" \"log\" \"none\")")
                .contains("--format").contains("(\"table\" \"json\" \"tsv\")").contains("'--quiet'")
                .contains("postgresql").contains("sql-server");
        assertThat(script("zsh")).isEqualTo(bash).contains("bashcompinit");
    }

    @Test
    void bashCompletesSubcommandsAndProgressModes() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no bash");
        Path file = Files.writeString(dir.resolve("flowforge.bash"), script("bash"), StandardCharsets.UTF_8);
        String probe = "source " + file + "\n"
                + "COMP_WORDS=(flowforge ing); COMP_CWORD=1; COMP_LINE='flowforge ing'; COMP_POINT=${#COMP_LINE};"
                + " _complete_flowforge; echo \"1:${COMPREPLY[*]}\"\n"
                + "COMP_WORDS=(flowforge ingest --progress ''); COMP_CWORD=3; COMP_LINE='flowforge ingest --progress ';"
                + " COMP_POINT=${#COMP_LINE}; _complete_flowforge; echo \"2:${COMPREPLY[*]}\"\n";
        Process p = new ProcessBuilder("/bin/bash", "-c", probe).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("1:ingest").contains("2:auto bar log none");
    }
}

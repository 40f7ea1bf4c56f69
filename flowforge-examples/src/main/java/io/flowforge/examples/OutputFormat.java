package io.flowforge.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * How a command prints its answer: aligned columns for people, JSON for scripts, or (preview)
 * tab-separated text, as it always printed. {@code --format} picks one; without it, standard
 * output on a terminal gets the table and anything else gets what scripts have always read.
 */
enum OutputFormat {
    TABLE, JSON, TSV;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The {@code --format} option, shared by the commands that print tables. */
    static final class Choice {
        @Option(names = "--format", paramLabel = "FORMAT", completionCandidates = Candidates.class,
                description = "table or json (preview: also tsv). Default: table when standard output is a terminal,"
                        + " otherwise json (preview: tsv), as scripts have always read it.")
        OutputFormat format;

        /** The format asked for, or the default for where standard output goes. */
        OutputFormat resolve(OutputFormat forScripts, Set<OutputFormat> allowed) {
            if (format != null && !allowed.contains(format)) {
                throw new IllegalArgumentException("--format " + format + " is not available here; use one of "
                        + allowed.stream().map(OutputFormat::toString).sorted().toList());
            }
            if (format != null) {
                return format;
            }
            return TerminalInfo.current().stdoutIsTerminal() ? TABLE : forScripts;
        }
    }

    /** Completion candidates, as they are typed. */
    static final class Candidates extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Candidates() {
            super(List.of("table", "json", "tsv"));
        }
    }
}

package io.flowforge.examples;

import io.flowforge.ingest.IngestionControl;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Where a run's progress goes, by {@code --progress}: a live bar per table on a terminal
 * ({@link ProgressDisplay}), the periodic log lines orchestrators have always read, or nothing.
 * {@code auto} (the default) picks the bar when standard error is a terminal that can redraw, and
 * the log lines otherwise; {@code --quiet} makes it nothing.
 */
final class ProgressOutput implements AutoCloseable {

    /** The {@code --progress} choices. */
    enum Mode {
        AUTO, BAR, LOG, NONE;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The {@code --progress} option of the commands that run jobs. */
    static final class Choice {
        @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto", completionCandidates = Candidates.class,
                description = "auto, bar, log or none. auto (default): a bar per table when standard error is a terminal,"
                        + " otherwise a log line every 5 s; --quiet: none.")
        Mode mode = Mode.AUTO;
    }

    /** Completion candidates, as they are typed. */
    static final class Candidates extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Candidates() {
            super(List.of("auto", "bar", "log", "none"));
        }
    }

    private final Mode mode;
    private final ProgressDisplay display;
    private final PrintWriter err;

    private ProgressOutput(Mode mode, ProgressDisplay display, PrintWriter err) {
        this.mode = mode;
        this.display = display;
        this.err = err;
    }

    /** The mode a run gets: what was asked, {@code auto} resolved for this terminal, and {@code --quiet}. */
    static Mode effective(Mode asked, boolean quiet, TerminalInfo terminal) {
        if (asked != Mode.AUTO) {
            return asked;
        }
        if (quiet) {
            return Mode.NONE;
        }
        return terminal.stderrCanRedraw() ? Mode.BAR : Mode.LOG;
    }

    /** Sets up the run's progress; messages for standard error go through {@link #err()} from here on. */
    static ProgressOutput start(Mode asked, boolean quiet, IngestionControl control, PrintWriter err) throws IOException {
        Mode mode = effective(asked, quiet, TerminalInfo.current());
        if (mode != Mode.LOG) {
            LogSettings.withoutProgressLines();
        }
        if (mode != Mode.BAR) {
            return new ProgressOutput(mode, null, err);
        }
        ProgressDisplay display = ProgressDisplay.start(TerminalInfo.current());
        control.onProgress(display);
        return new ProgressOutput(mode, display, display.err());
    }

    Mode mode() {
        return mode;
    }

    /** Standard error for the command's own messages: above the bar while it is drawn. */
    PrintWriter err() {
        return err;
    }

    /** Takes the bar off the screen (before the result is printed); idempotent. */
    @Override
    public void close() {
        if (display != null) {
            display.close();
        }
    }
}

package io.flowforge.examples;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * What the CLI knows about where its output goes: whether standard output and standard error are
 * terminals, how wide standard error is, its terminal type, and whether it takes UTF-8. Asked of
 * JLine's JNI provider ({@code isatty} and {@code TIOCGWINSZ} on the stream's own descriptor), so
 * a redirected standard output with standard error on a terminal — {@code flowforge ingest job.json
 * > result.json} — is told apart ({@link System#console()} is null then); where the native library
 * cannot load, nothing is taken for a terminal.
 */
record TerminalInfo(boolean stdoutIsTerminal, boolean stderrIsTerminal, int stderrColumns, String type, boolean utf8) {

    private static volatile TerminalInfo detected;

    /** The process's streams, detected once. */
    static TerminalInfo current() {
        TerminalInfo t = detected;
        if (t == null) {
            t = detect();
            detected = t;
        }
        return t;
    }

    private static TerminalInfo detect() {
        String term = System.getenv("TERM");
        String type = term == null || term.isBlank() ? "dumb" : term;
        boolean utf8 = isUtf8(System.getProperty("stderr.encoding", System.getProperty("native.encoding", "")));
        try {
            TerminalProvider jni = TerminalProvider.load("jni");
            boolean out = jni.isSystemStream(SystemStream.Output);
            boolean err = jni.isSystemStream(SystemStream.Error);
            int columns = err ? jni.systemStreamWidth(SystemStream.Error) : -1;
            return new TerminalInfo(out, err, columns > 0 ? columns : columnsFromEnvironment(), type, utf8);
        } catch (Throwable e) {   // no native library for this platform, or it could not be loaded
            return new TerminalInfo(false, false, columnsFromEnvironment(), type, utf8);
        }
    }

    private static int columnsFromEnvironment() {
        try {
            int c = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80").trim());
            return c > 0 ? c : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
    }

    private static boolean isUtf8(String encoding) {
        try {
            return !encoding.isBlank() && Charset.forName(encoding).equals(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return encoding.toLowerCase(Locale.ROOT).replace("-", "").contains("utf8");
        }
    }

    /** A terminal that can redraw lines in place (not {@code TERM=dumb}, e.g. Emacs shell buffers). */
    boolean stderrCanRedraw() {
        return stderrIsTerminal && !"dumb".equals(type);
    }
}

package io.flowforge.examples;

import io.flowforge.ingest.IngestionProgress;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;

/**
 * The live progress lines on standard error, drawn with JLine's {@link Display}, which works out
 * from the terminal's capabilities how to redraw the block of lines in place. While it runs,
 * everything else written to {@link System#err} (log lines, signal messages) is printed above the
 * block, line by line, so the two never mix; a table that finishes leaves one line there. Redrawn
 * five times a second by its own daemon thread; the ingesting thread only records snapshots.
 */
final class ProgressDisplay implements Consumer<IngestionProgress>, AutoCloseable {

    private static final long REDRAW_MILLIS = 200;

    private final Terminal terminal;
    private final Display display;
    private final ProgressBoard board;
    private final int columns;
    private final Charset charset;
    private final PrintStream previousErr;
    private final PrintStream routedErr;
    private final Thread redraw;
    private volatile boolean closed;

    private ProgressDisplay(Terminal terminal, TerminalInfo info, PrintStream previousErr) {
        this.terminal = terminal;
        this.columns = Math.max(20, info.stderrColumns());
        this.display = new Display(terminal, false);
        display.resize(200, columns);
        this.board = new ProgressBoard(info.utf8(), System.nanoTime());
        this.charset = charset(info);
        this.previousErr = previousErr;
        this.routedErr = new PrintStream(new LinesAbove(), true, charset);
        this.redraw = new Thread(this::redrawLoop, "flowforge-progress");
        redraw.setDaemon(true);
    }

    /** Starts drawing on the process's standard error (a terminal, or wherever {@code --progress=bar} sends it). */
    static ProgressDisplay start(TerminalInfo info) throws IOException {
        Terminal terminal = TerminalBuilder.builder().system(false).provider("exec")
                .streams(InputStream.nullInputStream(), new StandardError())
                .type(info.type()).encoding(charset(info)).size(new Size(Math.max(20, info.stderrColumns()), 200))
                .paused(true).nativeSignals(false).build();
        ProgressDisplay d = new ProgressDisplay(terminal, info, System.err);
        System.setErr(d.routedErr);
        d.redraw.start();
        return d;
    }

    private static Charset charset(TerminalInfo info) {
        return info.utf8() ? StandardCharsets.UTF_8 : StandardCharsets.US_ASCII;
    }

    /** Where messages for standard error go while the display runs: above the progress lines. */
    PrintWriter err() {
        return new PrintWriter(routedErr, true);
    }

    @Override
    public void accept(IngestionProgress p) {
        String finished;
        synchronized (this) {
            if (closed) {
                return;
            }
            finished = board.update(p, System.nanoTime());
        }
        if (finished != null) {
            printAbove(finished);
        }
    }

    /** Prints a whole line above the progress lines, then draws them again below it. */
    synchronized void printAbove(String line) {
        if (closed) {
            previousErr.println(line);
            return;
        }
        display.update(List.of(), 0);
        terminal.writer().println(line);
        terminal.writer().flush();
        draw();
    }

    private synchronized void draw() {
        if (closed) {
            return;
        }
        List<String> text = board.lines(System.nanoTime(), columns);
        List<AttributedString> lines = new ArrayList<>(text.size());
        for (int i = 0; i < text.size(); i++) {
            // Display moves to the next row only for a line that ends with a newline.
            lines.add(new AttributedString(i < text.size() - 1 ? text.get(i) + "\n" : text.get(i)));
        }
        display.update(lines, -1);
        terminal.flush();
    }

    private void redrawLoop() {
        while (!closed) {
            draw();
            try {
                Thread.sleep(REDRAW_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Clears the live lines (finished tables keep theirs), gives standard error back. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            display.update(List.of(), 0);
            terminal.flush();
            closed = true;
        }
        redraw.interrupt();
        routedErr.flush();
        System.setErr(previousErr);
        try {
            terminal.close();
        } catch (IOException e) {
            // Nothing was opened but the descriptor's stream, which stays open for the JVM.
        }
    }

    /** File descriptor 2, which closing the terminal must leave open. */
    private static final class StandardError extends OutputStream {
        private final FileOutputStream fd = new FileOutputStream(FileDescriptor.err);

        @Override
        public void write(int b) throws IOException {
            fd.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            fd.write(b, off, len);
        }
    }

    /** Collects bytes written to System.err into lines and prints each above the progress lines. */
    private final class LinesAbove extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                String text = line.toString(charset);
                line.reset();
                printAbove(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }
    }
}

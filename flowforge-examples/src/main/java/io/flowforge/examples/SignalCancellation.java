package io.flowforge.examples;

import static java.util.Objects.requireNonNull;

import io.flowforge.ingest.IngestionControl;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGTERM and SIGINT, how orchestrators stop a task (Airflow, Prefect, Kubernetes,
 * {@code docker stop}, Ctrl-C), into a cancel of the running ingestion, so the process stops
 * reading, cancels the statement, aborts the upload or deletes the staging file, prints the
 * {@code cancelled} result and exits with the CLI's code for it (4).
 *
 * <p>Why signal handlers and not only a shutdown hook: once the JVM has started to shut down, the
 * main thread can no longer choose the exit code ({@code System.exit} would wait for the hooks
 * forever), so a hook could only end with 143. Handlers let the run finish normally. The bound:
 * if the run has not finished {@code bound} after the first signal (a store or database that does
 * not answer), the process halts with 128 + the signal's number (143 for SIGTERM, 130 for
 * SIGINT), as an unhandled signal would; a second signal halts at once. What such an exit leaves
 * (an open multipart upload, a staging file) the next run of the job removes under its lease.
 *
 * <p>A shutdown hook covers the other ways the JVM is stopped (SIGHUP, or a JVM where the handlers
 * could not be installed): it cancels the run and waits, within the same bound, for it to finish
 * cleaning up; the exit code is then the JVM's.
 */
final class SignalCancellation implements AutoCloseable {

    /** How long a signalled run may take to stop before the process halts anyway. */
    static final Duration DEFAULT_BOUND = Duration.ofSeconds(30);
    private static final String[] SIGNALS = {"TERM", "INT"};

    private final String jobId;
    private final IngestionControl control;
    private final Duration bound;
    private final PrintWriter err;
    private final IntConsumer halt;
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicInteger received = new AtomicInteger();
    private final Thread hook;

    private SignalCancellation(String jobId, IngestionControl control, Duration bound, PrintWriter err, IntConsumer halt) {
        this.jobId = requireNonNull(jobId, "jobId is null");
        this.control = requireNonNull(control, "control is null");
        this.bound = requireNonNull(bound, "bound is null");
        this.err = requireNonNull(err, "err is null");
        this.halt = requireNonNull(halt, "halt is null");
        this.hook = new Thread(this::onShutdown, "flowforge-shutdown-" + jobId);
    }

    /** Installs the handlers and the hook for one run; {@link #close()} when its result has been printed. */
    static SignalCancellation install(String jobId, IngestionControl control, Duration bound, PrintWriter err) {
        if (bound.isNegative() || bound.isZero()) {
            throw new IllegalArgumentException("--cancel-timeout must be at least 1 second, was " + bound.toSeconds());
        }
        SignalCancellation s = new SignalCancellation(jobId, control, bound, err, Runtime.getRuntime()::halt);
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                s.previous.put(signal, Signal.handle(signal, s::onSignal));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // Not on this platform, or reserved (-Xrs): the shutdown hook still cancels the run.
            }
        }
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    private void onSignal(Signal signal) {
        if (finished.getCount() == 0) {
            return;   // the result is printed; the process is exiting with its code
        }
        String name = "SIG" + signal.getName();
        int code = 128 + signal.getNumber();
        if (received.incrementAndGet() > 1) {
            say(name + " again: exiting now without cleaning up (exit " + code + "). The next run of job " + jobId
                    + " removes what this one leaves (its staging file or open multipart upload).");
            halt.accept(code);
            return;
        }
        say(name + " received: cancelling job " + jobId + " (stopping the read, aborting the upload); waiting up to "
                + bound.toSeconds() + " s for it to clean up. Send it again to exit at once.");
        Thread watchdog = new Thread(() -> {
            try {
                if (!finished.await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                    say("job " + jobId + " did not stop within " + bound.toSeconds() + " s of " + name
                            + "; exiting without cleaning up (exit " + code + "). The next run of the job removes what"
                            + " this one leaves (its staging file or open multipart upload).");
                    halt.accept(code);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "flowforge-cancel-bound-" + jobId);
        watchdog.setDaemon(true);
        // The bound runs from the signal, even if cancelling the statement has to wait for the network.
        watchdog.start();
        control.cancel(name + " received");
    }

    // The JVM is shutting down for another reason: cancel and give the run the same bound to clean up.
    // Never System.exit here (it would wait for this hook): returning lets the JVM finish exiting.
    private void onShutdown() {
        if (finished.getCount() == 0) {
            return;
        }
        say("shutting down: cancelling job " + jobId + " and waiting up to " + bound.toSeconds() + " s for it to clean up.");
        control.cancel("the process is shutting down");
        try {
            finished.await(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void say(String line) {
        synchronized (err) {
            err.println("flowforge: " + line);
            err.flush();
        }
    }

    /** The run's result has been printed: signals no longer cancel anything; the previous handlers are back. */
    @Override
    public void close() {
        finished.countDown();
        previous.forEach((signal, handler) -> {
            try {
                Signal.handle(signal, handler);
            } catch (IllegalArgumentException e) {
                // Nothing to restore.
            }
        });
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running and returns now that the run has finished.
        }
    }
}

package io.flowforge.examples;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * How failures read on standard error. Without a terminal, as scripts and logs have always seen
 * them: {@code flowforge: <message>}. On a terminal, one line: what is wrong (the message's first
 * line, and how many more there are) and what to do; {@code --verbose} adds every cause and the
 * stack trace. The exit code is the same either way.
 */
final class CliErrors {

    private CliErrors() {}

    /** An exception out of a command; returns its exit code. */
    static int onFailure(Exception e, PrintWriter err, boolean verbose) {
        int code = FlowForgeCli.exitCode(e);
        if (!TerminalInfo.current().stderrIsTerminal() && !verbose) {
            err.println("flowforge: " + e.getMessage());
        } else {
            err.println("flowforge: " + oneLine(String.valueOf(e.getMessage()), code, verbose));
            if (verbose) {
                details(e, err);
            }
        }
        err.flush();
        return code;
    }

    /** A run's failure, after its result JSON: {@code flowforge: <what><message>}, shortened on a terminal. */
    static void report(PrintWriter err, String what, Throwable e, int code, boolean verbose) {
        if (!TerminalInfo.current().stderrIsTerminal() && !verbose) {
            err.println("flowforge: " + what + e.getMessage());
            return;
        }
        err.println("flowforge: " + what + oneLine(String.valueOf(e.getMessage()), code, verbose));
        if (verbose) {
            details(e, err);
        }
    }

    /** Unknown options, missing parameters: on a terminal one line and a pointer to --help instead of the whole usage. */
    static int onBadArguments(CommandLine.ParameterException e, String[] args, CommandLine.IParameterExceptionHandler usual,
            boolean verbose) throws Exception {
        if (!TerminalInfo.current().stderrIsTerminal() || verbose) {
            return usual.handleParseException(e, args);
        }
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("flowforge: " + e.getMessage() + ". See '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The first line of {@code message}, how many lines it leaves out, and what to do next. */
    static String oneLine(String message, int exitCode, boolean verbose) {
        if (verbose) {
            return message.strip();
        }
        String[] lines = message.strip().split("\\R");
        String first = lines[0].strip();
        int more = lines.length - 1;
        if (more > 0 && first.endsWith(":")) {
            // A list, such as the job file's problems: its first item says the most.
            first += " " + lines[1].strip().replaceFirst("^-\\s*", "");
            more--;
        }
        if (first.endsWith(".")) {
            first = first.substring(0, first.length() - 1);
        }
        String rest = more > 0 ? " (and " + more + " more)" : "";
        String hint = switch (exitCode) {
            case FlowForgeCli.BAD_INPUT -> "Fix it and run again (nothing was touched); --verbose shows everything";
            case FlowForgeCli.ALREADY_RUNNING -> "Wait for that run to finish, or for its lease to expire";
            default -> "Run again with --verbose for the causes";
        };
        return first + rest + ". " + hint + ".";
    }

    private static void details(Throwable e, PrintWriter err) {
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            err.println("  caused by " + c.getClass().getName() + ": " + c.getMessage());
        }
        e.printStackTrace(err);
    }
}

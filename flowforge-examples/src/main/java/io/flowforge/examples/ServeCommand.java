package io.flowforge.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code flowforge serve}: the HTTP API and the connection page; its options are the server's own. */
@Command(name = "serve", description = "Serve the HTTP API and the connection page (see flowforge-server/README.md);"
        + " options: --port, --bind, --token-env, --store, --demo/--no-demo, ... (serve --help).")
final class ServeCommand implements Callable<Integer> {
    @CommandLine.Unmatched List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        return io.flowforge.server.FlowForgeServer.run(args.toArray(String[]::new));
    }
}

package io.flowforge.examples;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code flowforge quickstart}: the embedded H2 BFSI_Test landed in a local lake folder, then an incremental run. */
@Command(name = "quickstart", description = "Run the embedded quickstart (H2 BFSI_Test into a local lake folder).")
final class QuickstartCommand implements Callable<Integer> {
    @Parameters(paramLabel = "LAKE", defaultValue = "lake", description = "Lake root folder (default: ${DEFAULT-VALUE}).")
    Path lake;

    @Override
    public Integer call() throws Exception {
        return Quickstart.run(lake, System.out);
    }
}

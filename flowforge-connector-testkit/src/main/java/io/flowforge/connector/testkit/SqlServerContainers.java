package io.flowforge.connector.testkit;

import org.testcontainers.mssqlserver.MSSQLServerContainer;

/**
 * The one SQL Server image every Testcontainers suite uses, and one container of it per test JVM:
 * the suites of a module share it (each creates its own database or schema) instead of starting
 * SQL Server once per class. The tag is pinned, so a new cumulative update reaches the tests only
 * when it is written here. Needs {@code testcontainers-mssqlserver} on the test class path (an
 * optional dependency of the kit). The container is never stopped by the tests: Testcontainers
 * removes it when the JVM exits.
 */
public final class SqlServerContainers {

    /** SQL Server 2022, cumulative update 26, on Ubuntu 22.04. */
    public static final String IMAGE = "mcr.microsoft.com/mssql/server:2022-CU26-ubuntu-22.04";

    private static MSSQLServerContainer shared;

    private SqlServerContainers() {}

    /**
     * The shared container, not started: creating it needs no Docker, so a suite can hold it in a
     * static field and still be skipped by {@code @Testcontainers(disabledWithoutDocker = true)}.
     */
    public static synchronized MSSQLServerContainer shared() {
        if (shared == null) {
            shared = new MSSQLServerContainer(IMAGE).acceptLicense();
        }
        return shared;
    }

    /** The shared container, started on first use. Call it from {@code @BeforeAll}. */
    public static synchronized MSSQLServerContainer started() {
        MSSQLServerContainer container = shared();
        if (!container.isRunning()) {
            container.start();
        }
        return container;
    }
}

package io.flowforge.connector.sqlserver;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** SQL Server functions H2 lacks, for the tests that run the SQL Server dialect on H2 (H2 needs a public class). */
public final class H2SqlServerFunctions {

    private H2SqlServerFunctions() {}

    /** {@code SYSUTCDATETIME()}: the current time in UTC. */
    public static LocalDateTime sysUtcDateTime() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }
}

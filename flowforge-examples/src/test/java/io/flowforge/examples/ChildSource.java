package io.flowforge.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * The source table the child CLIs read: an H2 file database made once per test class and opened
 * read-only by the children. {@code orders} has {@value #ROWS} rows whose two SHA-256 hex columns
 * Snappy cannot shrink, so its Parquet object (about 9.5 MB) is a multipart upload of two parts; {@code orders_gated} is
 * the same rows through {@link SourceGate}.
 */
final class ChildSource {

    static final int ROWS = 70_000;
    private static final String OPTIONS = ";DATABASE_TO_UPPER=FALSE";

    private final String url;

    /** Creates the database in {@code dir} (a few seconds). */
    ChildSource(Path dir) throws Exception {
        String file = dir.resolve("orders").toString();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + file + OPTIONS, "sa", "pw");
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE orders (id INT PRIMARY KEY, a VARCHAR(64), b VARCHAR(64), amount DECIMAL(15,2),"
                    + " modified_date TIMESTAMP)");
            st.execute("INSERT INTO orders SELECT X, RAWTOHEX(HASH('SHA-256', CAST(X AS VARCHAR))),"
                    + " RAWTOHEX(HASH('SHA-256', CAST(-X AS VARCHAR))), X * 1.25,"
                    + " TIMESTAMP '2024-01-01 00:00:00' + X * INTERVAL '1' SECOND FROM SYSTEM_RANGE(1, " + ROWS + ")");
            st.execute("CREATE ALIAS GATE FOR '" + SourceGate.class.getName() + ".pass'");
            st.execute("CREATE VIEW orders_gated AS SELECT * FROM orders WHERE GATE(id)");
            st.execute("SHUTDOWN");
        }
        // What children use: read-only, and streaming, so a gated row stops the read, not the query's start.
        url = "jdbc:h2:file:" + file + OPTIONS + ";ACCESS_MODE_DATA=r;LAZY_QUERY_EXECUTION=TRUE";
    }

    /** A job file reading {@code table} (fully, or incrementally on modified_date) into {@code storage}. */
    Path job(Path dir, String jobId, String batchId, String table, boolean incremental, String storage)
            throws Exception {
        String source = incremental
                ? "\"tableName\": \"" + table + "\", \"isIncremental\": true, \"deltaColumn\": \"modified_date\", \"lagSeconds\": 0"
                : "\"tableName\": \"" + table + "\"";
        Path f = Files.createTempFile(dir, jobId, ".json");
        Files.writeString(f, """
                {"job_id": "%s", "batch_id": "%s",
                 "source_config": {"type": "jdbc",
                   "connection": {"jdbcUrl": "%s", "username": "sa", "password": "pw"},
                   "databaseConfig": {%s}},
                 "destination_config": {"bronzeConfig": {"tableName": "bronze_orders", "storageFormat": "parquet"},
                   "storage": %s}}
                """.formatted(jobId, batchId, url.replace("\\", "\\\\"), source, storage));
        return f;
    }
}

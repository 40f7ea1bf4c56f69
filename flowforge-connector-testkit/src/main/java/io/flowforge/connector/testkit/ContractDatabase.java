package io.flowforge.connector.testkit;

import io.flowforge.connector.ConnectionConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What a connector under the contract suite supplies: how to reach its live database, the SQL
 * that differs between databases (quoting, type names, row generation, statistics), and its type
 * table as {@link TypeCase}s. Every run works inside a schema of its own (a database, on MySQL),
 * which the suite creates and drops.
 */
public abstract class ContractDatabase {

    /**
     * A configuration the server must refuse, the texts one of which its refusal must contain (a
     * server may word it differently depending on its authentication method), and what the check
     * shows on this server.
     */
    public record BadCredentials(ConnectionConfig config, java.util.List<String> expectedMessages, String whatItShows) {}

    /**
     * A configuration carrying a secret inside its {@code jdbcUrl}, and the masked text its failure
     * must show (in the message or a cause) when the driver is known to echo that part of the URL,
     * or {@code null}: the echo proves the case reaches the driver's message path.
     */
    public record UrlSecretCase(ConnectionConfig config, String expectedEcho) {}

    /** The connector's identifier, for {@code Connectors.open}. */
    public abstract String connectorIdentifier();

    /** A short name for messages, e.g. {@code PostgreSQL}. */
    public abstract String displayName();

    /** Where the database is, for the "not reachable" message (no password in it). */
    public abstract String location();

    /** A plain JDBC connection for setting up and dropping test data. */
    public abstract Connection openAdmin() throws SQLException;

    /** The connector's configuration, for tables in {@code schema}. */
    public abstract ConnectionConfig config(String schema);

    /** A configuration the server refuses, after {@link #createSchema} ran. */
    public abstract BadCredentials badCredentials(String schema) throws SQLException;

    /**
     * Configurations with {@code secret} inside their jdbcUrl, one per URL form the driver reads
     * (user info, URL parameters, ...); each may connect or fail, but the secret must never show.
     * Empty (the case is then skipped) for a connector that takes no jdbcUrl.
     */
    public List<UrlSecretCase> urlSecretCases(String schema, String secret) {
        return List.of();
    }

    /** The product name the connection test must report, e.g. {@code PostgreSQL}. */
    public abstract String productName();

    public String createSchema(String schema) {
        return "CREATE SCHEMA " + quote(schema);
    }

    public String dropSchema(String schema) {
        return "DROP SCHEMA " + quote(schema) + " CASCADE";
    }

    /** Extra clean-up after the schema is dropped (e.g. a user made for the credentials test). */
    public void cleanUp(Connection admin, String schema) throws SQLException {}

    public String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    public String qualified(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    public String integerType() {
        return "INTEGER";
    }

    public String textType(int length) {
        return "VARCHAR(" + length + ")";
    }

    /** A wall-clock timestamp with microseconds, the incremental tests' delta column. */
    public String timestampType() {
        return "TIMESTAMP(6)";
    }

    /** An expression for the database's clock in {@link #timestampType()}, as a writer would stamp a row. */
    public abstract String nowExpression();

    /** An INSERT of {@code rows} rows into (id integer, payload text) with ids 1..rows and ~200 characters each. */
    public abstract String generateRows(String qualifiedTable, int rows);

    /** Refreshes the table's row estimate, if the database keeps one. */
    public String analyze(String qualifiedTable) {
        return null;
    }

    /** Whether {@code listTables} reports row estimates. */
    public boolean hasRowCountEstimates() {
        return true;
    }

    /** Whether a plain, non-streaming JDBC read of the large table runs out of a 64 MB heap (the control run). */
    public boolean bufferedReadExhaustsHeap() {
        return true;
    }

    /** Rows of the memory test's large table. */
    public int largeTableRows() {
        return 1_000_000;
    }

    /**
     * Every temporal type of the type table with values at daylight-saving edges (see
     * {@link WallClockCase}): read exactly in full reads and incremental windows in any JVM zone.
     */
    public List<WallClockCase> wallClockCases() {
        return List.of();
    }

    /** The type table: every mapped type with its minimum and maximum. */
    public abstract List<TypeCase> typeCases();
}

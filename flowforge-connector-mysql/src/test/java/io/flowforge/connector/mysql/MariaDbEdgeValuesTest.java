package io.flowforge.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.IncrementalRead;
import io.flowforge.connector.IncrementalRequest;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.UnsupportedTypePolicy;
import io.flowforge.connector.UpperBoundStrategy;
import io.flowforge.connector.Watermark;
import io.flowforge.connector.testkit.ArrowValues;
import io.flowforge.connector.testkit.LiveDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The values MySQL's type table refuses or reads by choice, on the live server: zero dates and
 * TIME durations fail with their exact messages instead of turning into NULL or a wrong time,
 * tinyint(1) keeps its integer, and timestamp watermarks are UTC instants.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbEdgeValuesTest {

    private final MariaDbContractTest.MariaDbDatabase db = new MariaDbContractTest.MariaDbDatabase();
    private final String schema = "ff_" + UUID.randomUUID().toString().substring(0, 8);

    private Optional<String> unreachable = Optional.empty();

    @BeforeAll
    void setUp() throws SQLException {
        Optional<String> problem;
        try (Connection c = db.openAdmin()) {
            problem = Optional.empty();
        } catch (SQLException e) {
            problem = Optional.of(e.getMessage());
        }
        if (problem.isPresent() && !LiveDatabases.required()) {
            unreachable = problem; // each test is skipped with the reason, so reports show it
            return;
        }
        LiveDatabases.requireReachable(db.displayName(), db.location(), problem);
        execute("CREATE DATABASE " + schema + " CHARACTER SET utf8mb4");
        try (Connection c = db.openAdmin(); Statement s = c.createStatement()) {
            s.execute("SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION'"); // allows zero dates
            s.execute("CREATE TABLE " + schema + ".edge (id int PRIMARY KEY, d date, dt datetime(6), dur time, flag tinyint(1),"
                    + " wide decimal(65,30))");
            s.execute("INSERT INTO " + schema + ".edge VALUES (1, '0000-00-00', '0000-00-00 00:00:00', '838:59:59', 5, 1.5)");
        }
    }

    @BeforeEach
    void skipWhenUnreachable() {
        LiveDatabases.requireReachable(db.displayName(), db.location(), unreachable);
    }

    @AfterAll
    void tearDown() throws SQLException {
        if (unreachable.isPresent()) {
            return;
        }
        execute("DROP DATABASE IF EXISTS " + schema);
    }

    @Test
    void zeroDatesFailInsteadOfReadingAsNull() {
        assertThatThrownBy(() -> readColumns("d"))
                .hasMessage("Cannot read '" + schema + ".edge_d': value 0000-00-00 of column 'd' is a MySQL zero date, "
                        + "which is no calendar date (Connector/J would read it as NULL); replace it in a query, e.g. "
                        + "NULLIF(col, '0000-00-00') to read it as NULL, or fix the data.");
        assertThatThrownBy(() -> readColumns("dt")).hasMessageContaining("value 0000-00-00 00:00:00.000000 of column 'dt' is a MySQL zero date");
    }

    /**
     * A zero month or day (2020-00-15), which Connector/J turns into a bare DateTimeException. The
     * binary protocol sends a date as its fields, which the driver cannot print: the message says
     * which field is 0; a datetime's text it can print.
     */
    @Test
    void zeroMonthsAndDaysFailNamingTheColumn() throws Exception {
        try (Connection c = db.openAdmin(); Statement s = c.createStatement()) {
            s.execute("SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION'");
            s.execute("CREATE TABLE " + schema + ".zero_parts (id int PRIMARY KEY, d date, dt datetime)");
            s.execute("INSERT INTO " + schema + ".zero_parts VALUES (1, '2020-00-15', '2020-01-00 10:00:00')");
        }
        String problem = " is no calendar date: it has a zero month or day, which MySQL allows without NO_ZERO_IN_DATE; "
                + "replace it in a query, e.g. CASE WHEN MONTH(col) = 0 OR DAYOFMONTH(col) = 0 THEN NULL ELSE col END, "
                + "or fix the data.";
        try (DatabaseConnector connector = open(); BufferAllocator allocator = new RootAllocator()) {
            assertThatThrownBy(() -> column(connector.readQuery("SELECT d FROM " + schema + ".zero_parts",
                    ReadOptions.defaults(), allocator), 0))
                    .hasMessage("Cannot read 'query': value (a date with month 0) of column 'd'" + problem);
            assertThatThrownBy(() -> column(connector.readQuery("SELECT dt FROM " + schema + ".zero_parts",
                    ReadOptions.defaults(), allocator), 0))
                    .hasMessage("Cannot read 'query': value 2020-01-00 10:00:00 of column 'dt'" + problem);
            assertThatThrownBy(() -> column(connector.readTable(TableId.of(schema, "zero_parts"), ReadOptions.defaults(),
                    allocator), 0))
                    .hasMessage("Cannot read '" + schema + ".zero_parts': value (a date with month 0) of column 'd'" + problem);
        }
    }

    /**
     * Spatial values under AS_STRING are their WKT, made by the server (the driver's string of the
     * column would be MariaDB's internal SRID + WKB bytes decoded as UTF-8). A query's own select
     * list cannot be rewritten, so there they are refused, naming the conversion to write.
     */
    @Test
    void spatialValuesAsStringAreWktAndRefusedInQueries() throws Exception {
        execute("CREATE TABLE " + schema + ".shapes (id int PRIMARY KEY, g geometry, p point)");
        execute("INSERT INTO " + schema + ".shapes VALUES (1, ST_GeomFromText('LINESTRING(1 2, 3.5 -4e300)'),"
                + " ST_GeomFromText('POINT(0.30000000000000004 -123.45678901234567)', 4326)), (2, NULL, NULL)");
        ReadOptions asString = ReadOptions.defaults().withUnsupportedTypePolicy(UnsupportedTypePolicy.AS_STRING);
        try (DatabaseConnector connector = open(); BufferAllocator allocator = new RootAllocator()) {
            try (ArrowReader reader = connector.readTable(TableId.of(schema, "shapes"), asString, allocator)) {
                assertThat(reader.loadNextBatch()).isTrue();
                var root = reader.getVectorSchemaRoot();
                assertThat(ArrowValues.render(root.getVector("g"), 0)).isEqualTo("LINESTRING(1 2,3.5 -4e300)");
                assertThat(ArrowValues.render(root.getVector("p"), 0)).isEqualTo("POINT(0.30000000000000004 -123.45678901234567)");
                assertThat(ArrowValues.render(root.getVector("g"), 1)).isNull();
            }
            assertThatThrownBy(() -> connector.readQuery("SELECT id, g FROM " + schema + ".shapes", asString, allocator))
                    .hasMessage("Column 'query.g' has type GEOMETRY, which has no text form AS_STRING could read: a query's "
                            + "spatial values arrive in MariaDB's internal format (SRID + WKB); convert them in the query: "
                            + "ST_AsText(col) AS col for WKT, ST_AsBinary(col) AS col for WKB.");
        }
    }

    @Test
    void timeDurationsBeyondADayFail() {
        assertThatThrownBy(() -> readColumns("dur"))
                .hasMessageContaining("value 838:59:59 of column 'dur' is a duration, not a time of day");
    }

    @Test
    void tinyintOneKeepsItsInteger() throws Exception {
        assertThat(readColumns("flag")).containsExactly("5");
    }

    @Test
    void decimalsBeyondThirtyEightDigitsAreUnsupported() {
        assertThatThrownBy(() -> readColumns("wide"))
                .hasMessageStartingWith("Column '" + schema + ".edge_wide.wide' has type DECIMAL, which has no exact Arrow "
                        + "type: decimal(65,30) is beyond decimal128's 38 digits");
    }

    @Test
    void timestampWindowsUseUtcInstants() throws Exception {
        execute("CREATE TABLE " + schema + ".ts_events (id int PRIMARY KEY, ts timestamp(6) NULL)");
        execute("INSERT INTO " + schema + ".ts_events VALUES (1, UTC_TIMESTAMP(6) - INTERVAL 1 HOUR)");
        try (DatabaseConnector connector = open(); BufferAllocator allocator = new RootAllocator();
                IncrementalRead read = connector.readIncremental(IncrementalRequest.initial(TableId.of(schema, "ts_events"), "ts")
                        .withUpperBound(UpperBoundStrategy.DATABASE_NOW).withLag(java.time.Duration.ZERO),
                        ReadOptions.defaults(), allocator)) {
            assertThat(read.window().watermarkType()).isEqualTo(Watermark.Type.TIMESTAMP);
            long rows = 0;
            while (read.reader().loadNextBatch()) {
                rows += read.reader().getVectorSchemaRoot().getRowCount();
            }
            assertThat(rows).isEqualTo(1);
            java.time.LocalDateTime upper = (java.time.LocalDateTime) read.window().upper().orElseThrow().toJavaValue();
            assertThat(java.time.Duration.between(upper, java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)).abs())
                    .as("the upper bound is UTC now").isLessThan(java.time.Duration.ofMinutes(1));
        }
    }

    /**
     * FLOAT values as the server stores them (MariaDB's text protocol would print 6 significant
     * digits: 16777216 as 16777200, 1/3 as 0.333333, and FLT_MIN as a different, subnormal, value),
     * in a table read, an incremental window and a query. The expected floats are the server's own
     * stored values, read back as exact doubles with CAST(f AS DOUBLE).
     */
    @Test
    void floatsReadAsStoredInTablesWindowsAndQueries() throws Exception {
        execute("CREATE TABLE " + schema + ".floats (id int PRIMARY KEY, f float)");
        execute("INSERT INTO " + schema + ".floats VALUES (1, 3.4028234663852886e38), (2, -3.4028234663852886e38),"
                + " (3, 1.1754943508222875e-38), (4, 1.401298464324817e-45), (5, 16777217), (6, 1e0/3), (7, -0e0),"
                + " (8, 16777216), (9, 0.1), (10, NULL)");
        List<Float> expected = List.of(Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_NORMAL, Float.MIN_VALUE,
                16777216f, 1f / 3, 0f, 16777216f, 0.1f);
        List<Float> stored = new ArrayList<>();
        try (Connection c = db.openAdmin(); Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT CAST(f AS DOUBLE) FROM " + schema + ".floats WHERE id <= 9 ORDER BY id")) {
            while (rs.next()) {
                stored.add((float) rs.getDouble(1));
            }
        }
        assertThat(stored).as("what the server stores").containsExactlyElementsOf(expected);
        List<String> rendered = new ArrayList<>(expected.stream().map(String::valueOf).toList());
        rendered.add(null);
        TableId floats = TableId.of(schema, "floats");
        try (DatabaseConnector connector = open(); BufferAllocator allocator = new RootAllocator()) {
            try (ArrowReader reader = connector.readTable(floats, ReadOptions.defaults(), allocator)) {
                assertThat(column(reader, 1)).as("table read").containsExactlyElementsOf(rendered);
            }
            try (ArrowReader reader = connector.readQuery("SELECT id, f FROM " + schema + ".floats ORDER BY id",
                    ReadOptions.defaults(), allocator)) {
                assertThat(column(reader, 1)).as("query read").containsExactlyElementsOf(rendered);
            }
            try (IncrementalRead read = connector.readIncremental(IncrementalRequest.initial(floats, "id")
                    .withUpperBound(UpperBoundStrategy.MAX_INCLUSIVE), ReadOptions.defaults(), allocator)) {
                assertThat(column(read.reader(), 1)).as("incremental window").containsExactlyElementsOf(rendered);
            }
        }
        // -0.0 is stored as 0 by MariaDB (its sign bit is gone before any client reads it).
        assertThat(Float.floatToRawIntBits(expected.get(6))).isZero();
    }

    /** One column of every batch, rendered, in row order. */
    private static List<String> column(ArrowReader reader, int index) throws Exception {
        List<String> out = new ArrayList<>();
        try (reader) {
            while (reader.loadNextBatch()) {
                var root = reader.getVectorSchemaRoot();
                for (int i = 0; i < root.getRowCount(); i++) {
                    out.add(ArrowValues.render(root.getFieldVectors().get(index), i));
                }
            }
        }
        return out;
    }

    private List<String> readColumns(String columns) throws Exception {
        String view = "edge_" + columns;
        execute("CREATE OR REPLACE VIEW " + schema + "." + view + " AS SELECT " + columns + " FROM " + schema + ".edge");
        List<String> out = new ArrayList<>();
        try (DatabaseConnector connector = open(); BufferAllocator allocator = new RootAllocator();
                ArrowReader reader = connector.readTable(TableId.of(schema, view), ReadOptions.defaults(), allocator)) {
            while (reader.loadNextBatch()) {
                reader.getVectorSchemaRoot().getFieldVectors().forEach(v -> out.add(ArrowValues.render(v, 0)));
            }
        }
        return out;
    }

    private DatabaseConnector open() {
        return Connectors.open(MySqlConnectorFactory.IDENTIFIER, db.config(schema));
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.openAdmin(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

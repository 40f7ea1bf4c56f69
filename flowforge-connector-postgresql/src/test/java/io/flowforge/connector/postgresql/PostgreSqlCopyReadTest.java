package io.flowforge.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.IncrementalWindow;
import io.flowforge.connector.KeyRange;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.UnsupportedTypePolicy;
import io.flowforge.connector.Watermark;
import io.flowforge.connector.jdbc.ResultSetArrowReader;
import io.flowforge.connector.testkit.ArrowValues;
import io.flowforge.connector.testkit.LiveDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The binary COPY read path against the live server: batch for batch and value for value the
 * same as the JDBC path for every type of the type table (NULL, extremes, edge values), the same
 * error texts, a fast and leak-free early close, and the fallback to JDBC.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgreSqlCopyReadTest {

    private static final String COLUMNS = "id int, b boolean, b1 bit(1), i2 smallint, i4 integer, i8 bigint, f4 real,"
            + " f8 double precision, n38 numeric(38,10), n10 numeric(10,2), n18 numeric(18,0), n5 numeric(5,5),"
            + " n20 numeric(20,4), m money, d date, t time, ts timestamp, ts0 timestamp(0), tz timestamptz, iv interval,"
            + " u uuid, jb jsonb, js json, tx text, vc varchar(10), ch char(3), nm name, by bytea, x xml";

    private final PostgreSqlContractTest.PostgreSqlDatabase db = new PostgreSqlContractTest.PostgreSqlDatabase();
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
            unreachable = problem;
            return;
        }
        LiveDatabases.requireReachable(db.displayName(), db.location(), problem);
        execute("CREATE SCHEMA " + schema);
        execute("CREATE TABLE " + schema + ".types (" + COLUMNS + ")");
        execute("INSERT INTO " + schema + ".types (id) VALUES (1)");
        insert(2, Map.ofEntries(Map.entry("b", "false"), Map.entry("b1", "B'0'"), Map.entry("i2", "-32768"),
                Map.entry("i4", "-2147483648"), Map.entry("i8", "-9223372036854775808"), Map.entry("f4", "'-3.4028235e38'"),
                Map.entry("f8", "'-1.7976931348623157e308'"), Map.entry("n38", "-9999999999999999999999999999.9999999999"),
                Map.entry("n10", "-99999999.99"), Map.entry("n18", "-999999999999999999"), Map.entry("n5", "-0.99999"),
                Map.entry("n20", "-9999999999999999.9999"), Map.entry("m", "'-92233720368547758.08'"),
                Map.entry("d", "'4713-01-01 BC'"), Map.entry("t", "'00:00:00'"), Map.entry("ts", "'4713-01-01 00:00:00 BC'"),
                Map.entry("ts0", "'0001-01-01 00:00:00'"), Map.entry("tz", "'4713-01-01 00:00:00+00 BC'"),
                Map.entry("iv", "'-178000000 years'"), Map.entry("u", "'00000000-0000-0000-0000-000000000000'"),
                Map.entry("jb", "'[]'"), Map.entry("js", "'[]'"), Map.entry("tx", "''"), Map.entry("vc", "''"),
                Map.entry("ch", "''"), Map.entry("nm", "''"), Map.entry("by", "'\\x'"), Map.entry("x", "'<a/>'")));
        insert(3, Map.ofEntries(Map.entry("b", "true"), Map.entry("b1", "B'1'"), Map.entry("i2", "32767"),
                Map.entry("i4", "2147483647"), Map.entry("i8", "9223372036854775807"), Map.entry("f4", "'3.4028235e38'"),
                Map.entry("f8", "'1.7976931348623157e308'"), Map.entry("n38", "9999999999999999999999999999.9999999999"),
                Map.entry("n10", "99999999.99"), Map.entry("n18", "999999999999999999"), Map.entry("n5", "0.99999"),
                Map.entry("n20", "9999999999999999.9999"), Map.entry("m", "'92233720368547758.07'"),
                Map.entry("d", "'5874897-12-31'"), Map.entry("t", "'23:59:59.999999'"),
                Map.entry("ts", "'294246-12-31 23:59:59.999999'"), Map.entry("ts0", "'9999-12-31 23:59:59'"),
                Map.entry("tz", "'2024-06-30 23:59:59.999999-08:00'"),
                Map.entry("iv", "'1 year 2 mons 3 days 04:05:06.789'"), Map.entry("u", "'ffffffff-ffff-ffff-ffff-ffffffffffff'"),
                Map.entry("jb", "'{\"b\":1,  \"a\":[1,2], \"ü\": \"😀\"}'"), Map.entry("js", "'{\"b\":1,  \"a\":[1,2]}'"),
                Map.entry("tx", "repeat('z', 100000)"), Map.entry("vc", "'zzzzzzzzzz'"), Map.entry("ch", "'zzz'"),
                Map.entry("nm", "repeat('n', 63)"), Map.entry("by", "'\\x00ff0000'"),
                Map.entry("x", "'<?xml version=\"1.0\" encoding=\"UTF-8\"?><a b=\"1\">ü</a>'")));
        insert(4, Map.ofEntries(Map.entry("f4", "'NaN'"), Map.entry("f8", "'-Infinity'"), Map.entry("n38", "0.0000000001"),
                Map.entry("n10", "0"), Map.entry("n18", "100000000000000000"), Map.entry("n5", "0.00001"),
                Map.entry("n20", "1000000000000000"), Map.entry("m", "0"), Map.entry("d", "'1999-12-31'"),
                Map.entry("t", "'12:34:56.789012'"), Map.entry("ts", "'1999-12-31 23:59:59.999999'"),
                Map.entry("tz", "'1969-12-31 23:59:59.999999+00'"), Map.entry("iv", "'1 mon -2 days'"),
                Map.entry("tx", "'😀 ünïcødé 中文 \t\\n'"), Map.entry("vc", "'😀'"), Map.entry("ch", "'é'"),
                Map.entry("by", "'\\x000000'"), Map.entry("u", "'123e4567-e89b-12d3-a456-426614174000'")));
        insert(5, Map.ofEntries(Map.entry("f4", "'Infinity'"), Map.entry("f8", "'NaN'"), Map.entry("n38", "-1.5"),
                Map.entry("n10", "-0.01"), Map.entry("n18", "-1"), Map.entry("n20", "0.0001"), Map.entry("m", "'-0.01'"),
                Map.entry("d", "'1970-01-01'"), Map.entry("ts", "'1900-01-01 00:00:00.000001'"),
                Map.entry("tz", "'2000-01-01 00:00:00+00'"), Map.entry("iv", "'-1 year -2 mons -3 days -04:05:06.789'"),
                Map.entry("tx", "''"), Map.entry("jb", "'\"\"'")));
        insert(6, Map.ofEntries(Map.entry("f4", "'-Infinity'"), Map.entry("f8", "'4.9e-324'"),
                Map.entry("n38", "12345678901234567890.123456789"), Map.entry("n20", "-1234567890123456.789"),
                Map.entry("d", "'2000-01-01'"), Map.entry("ts", "'2262-04-11 23:47:16.854775'"),
                Map.entry("iv", "'100 hours -0.000001 seconds'"), Map.entry("tz", "'1900-06-01 12:00:00+05:30'")));
        insert(7, Map.of("f4", "'1e-45'", "iv", "'0'", "d", "'0001-12-31 BC'", "ts", "'0001-01-01 00:00:00'"));
        // What pgjdbc cannot read: BC leap days (it computes leap years on the BC year number) and
        // intervals of 2^31 hours or more (it keeps hours in an int).
        insert(-1, Map.of("d", "'0401-02-29 BC'", "ts", "'0401-02-29 12:34:56.789 BC'", "tz", "'0401-02-29 12:00:00+00 BC'",
                "iv", "'2147483648 hours'"));
        insert(-2, Map.of("d", "'0001-02-29 BC'", "ts", "'0005-02-29 23:59:59.999999 BC'", "tz", "'0001-02-29 00:00:00.000001+00 BC'",
                "iv", "'-2562047787:59:59.999999'"));
        insert(-3, Map.of("d", "'10000-01-01'", "ts", "'10000-02-29 00:00:00'", "tz", "'12345-06-07 08:09:10.5+00'",
                "iv", "'1 year -2 mons 3 days 2562047787:59:59.999999'"));
        insert(-4, Map.of("iv", "'-178000000 years -2147483649 hours -0.000001 seconds'", "tz", "'4713-01-01 00:00:00+00 BC'"));
        // Varied rows, ~10% NULLs per column, for batches that cut across values.
        execute("INSERT INTO " + schema + ".types SELECT g, CASE WHEN g % 10 = 1 THEN NULL ELSE g % 3 = 0 END,"
                + " CASE WHEN g % 10 = 2 THEN NULL ELSE (g % 2)::bit(1) END, (g % 30000 - 15000)::smallint, g * 7919,"
                + " g::bigint * 1000000007, g / 7.0, g / 13.0, CASE WHEN g % 10 = 3 THEN NULL ELSE g * 1234.5678901234 END,"
                + " (g % 100000) / 100.0, g::numeric * 1000000000000, (g % 99999) / 100000.0, g * 12345.6789,"
                + " (g / 100.0)::money, DATE '1990-01-01' + g, TIME '00:00' + g * INTERVAL '1 second 7 microseconds',"
                + " CASE WHEN g % 10 = 4 THEN NULL ELSE TIMESTAMP '1995-03-04 05:06:07.123456' + g * INTERVAL '3 hours 17 microseconds' END,"
                + " TIMESTAMP '2020-01-01' + g * INTERVAL '1 minute', TIMESTAMPTZ '2001-02-03 04:05:06+01' + g * INTERVAL '1 day 1 microsecond',"
                + " g * INTERVAL '1 day 2 hours 3.5 seconds', md5(g::text)::uuid, jsonb_build_object('g', g, 's', 'ß' || g),"
                + " json_build_array(g, 'x'), CASE WHEN g % 10 = 5 THEN NULL ELSE repeat('é', g % 17) || g END,"
                + " left(md5(g::text), g % 11), chr(65 + g % 26), ('n' || g)::name, decode(md5(g::text), 'hex'),"
                + " ('<r>' || g || '</r>')::xml FROM generate_series(8, 2507) g");
        execute("CREATE TABLE " + schema + ".big (id int, s text)");
        execute("INSERT INTO " + schema + ".big SELECT g, repeat('x', 100) FROM generate_series(1, 1000000) g");
    }

    @BeforeEach
    void skipWhenUnreachable() {
        LiveDatabases.requireReachable(db.displayName(), db.location(), unreachable);
    }

    @AfterAll
    void tearDown() throws SQLException {
        if (unreachable.isEmpty()) {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @ParameterizedTest(name = "batchSize {0}, maxBatchBytes {1}")
    @CsvSource({"1, 67108864", "7, 67108864", "10000, 67108864", "10000, 1000"})
    void copyGivesTheSameBatchesAsJdbcForEveryType(int batchSize, long maxBatchBytes) throws Exception {
        ReadOptions options = ReadOptions.defaults().withBatchSize(batchSize).withMaxBatchBytes(maxBatchBytes);
        int batches = assertSameBatches(TableId.of(schema, "types"), options, PgBinaryCopyReader.class);
        assertThat(batches).isGreaterThanOrEqualTo((2507 + batchSize - 1) / batchSize);
    }

    /** Scales above the precision and negative ones, through both paths and a query, value for value. */
    @Test
    void numericsWithUnusualScalesReadTheSameBothWays() throws Exception {
        execute("CREATE TABLE " + schema + ".scales (id int, a numeric(3,5), b numeric(5,-2), c numeric(1,38), d numeric(36,-2))");
        execute("INSERT INTO " + schema + ".scales VALUES (1, 0.00999, 9999900, 0.00000000000000000000000000000000000009, "
                + "99999999999999999999999999999999999900), (2, -0.00001, -50, -0.00000000000000000000000000000000000001, -100),"
                + " (3, 0, 0, 0, 0), (4, NULL, NULL, NULL, NULL)");
        assertSameBatches(TableId.of(schema, "scales"), ReadOptions.defaults(), PgBinaryCopyReader.class);
        try (DatabaseConnector connector = open("jdbc"); BufferAllocator allocator = new RootAllocator();
                ArrowReader reader = connector.readQuery("SELECT * FROM " + schema + ".scales ORDER BY id", ReadOptions.defaults(),
                        allocator)) {
            assertThat(reader.loadNextBatch()).isTrue();
            List<Map<String, String>> rows = rendered(reader.getVectorSchemaRoot());
            assertThat(reader.getVectorSchemaRoot().getVector("b").getField().getType()).isEqualTo(new ArrowType.Decimal(7, 0, 128));
            assertThat(rows.get(0)).containsEntry("a", "0.00999").containsEntry("b", "9999900")
                    .containsEntry("c", "0.00000000000000000000000000000000000009")
                    .containsEntry("d", "99999999999999999999999999999999999900");
            assertThat(rows.get(1)).containsEntry("a", "-0.00001").containsEntry("b", "-100");
        }
    }

    /**
     * Queries read through JDBC, incremental windows through COPY with their bounds as literals: the
     * values pgjdbc cannot read (BC leap days, intervals of 2^31 hours and more) come out the same.
     */
    @Test
    void queriesAndWindowsReadWhatCopyReads() throws Exception {
        execute("CREATE OR REPLACE VIEW " + schema + ".hard AS SELECT id, d, ts, tz, iv, n38 FROM " + schema
                + ".types WHERE id < 0");
        List<Map<String, String>> copy = new ArrayList<>();
        try (DatabaseConnector connector = open("copy"); BufferAllocator allocator = new RootAllocator();
                ArrowReader reader = connector.readTable(TableId.of(schema, "hard"), ReadOptions.defaults(), allocator)) {
            assertThat(reader).isInstanceOf(PgBinaryCopyReader.class);
            while (reader.loadNextBatch()) {
                copy.addAll(rendered(reader.getVectorSchemaRoot()));
            }
        }
        copy.sort(java.util.Comparator.comparing(r -> Integer.parseInt(r.get("id"))));
        assertThat(copy).hasSize(4);
        try (DatabaseConnector connector = open("copy"); BufferAllocator allocator = new RootAllocator()) {
            List<Map<String, String>> query = new ArrayList<>();
            try (ArrowReader reader = connector.readQuery("SELECT id, d, ts, tz, iv, n38 FROM " + schema
                    + ".types WHERE id < 0 ORDER BY id", ReadOptions.defaults(), allocator)) {
                while (reader.loadNextBatch()) {
                    query.addAll(rendered(reader.getVectorSchemaRoot()));
                }
            }
            assertThat(query).isEqualTo(copy);
            List<Map<String, String>> window = new ArrayList<>();
            IncrementalWindow w = new IncrementalWindow(TableId.of(schema, "hard"), "id", Watermark.Type.INTEGER,
                    Optional.of(Watermark.ofLong(-4)), true, Optional.of(Watermark.ofLong(0)), false);
            try (ArrowReader reader = connector.readWindow(w, ReadOptions.defaults(), allocator)) {
                while (reader.loadNextBatch()) {
                    window.addAll(rendered(reader.getVectorSchemaRoot()));
                }
            }
            // A window's rows come in no particular order (no ORDER BY): compare them as a set.
            assertThat(window).containsExactlyInAnyOrderElementsOf(copy);
        }
    }

    /**
     * Key-range reads (a split load's tasks), alone and inside incremental windows, through binary
     * COPY with their bounds written as literals: the same rows and values as the JDBC path binding
     * them, for awkward bounds (the smallest and largest bigint, negative decimals at full scale,
     * timestamps to the microsecond, wall clocks inside New York's DST gap and overlap read in a
     * New York JVM, NULL keys in the first range), and every plan's ranges together hold every row
     * exactly once.
     */
    @Test
    void rangeReadsThroughCopyGiveTheJdbcPathsRowsForAwkwardBounds() throws Exception {
        String t = schema + ".ranges";
        execute("CREATE TABLE " + t + " (id bigint, dec numeric(20,6), ts timestamp, tz timestamptz, d date, s varchar(20),"
                + " v int NOT NULL)");
        execute("INSERT INTO " + t + " SELECT CASE WHEN g % 50 = 0 THEN NULL ELSE (g - 1000) * 1000003 END,"
                + " CASE WHEN g % 40 = 0 THEN NULL ELSE (g - 1000) * 1234.567891 END,"
                + " CASE WHEN g % 30 = 0 THEN NULL ELSE TIMESTAMP '2024-03-10 01:00' + g * INTERVAL '1 minute 1.000001 second' END,"
                + " TIMESTAMPTZ '2024-11-03 04:00+00' + g * INTERVAL '7 seconds 3 microseconds', DATE '2024-03-01' + g % 20,"
                + " 'r' || g || chr(39), g % 7 FROM generate_series(1, 3000) g");
        execute("INSERT INTO " + t + " VALUES (-9223372036854775808, -99999999999999.999999, '2024-03-10 02:00:00', NULL,"
                + " '0001-01-01', 'min', 1), (9223372036854775807, 99999999999999.999999, '2024-03-10 02:59:59.999999',"
                + " '2024-11-03 05:30:00.000001+00', '9999-12-31', 'max', 2), (-5, -0.000001, '2024-11-03 01:30:00',"
                + " '2024-11-03 06:30:00+00', NULL, 'o', 3), (NULL, 0, '2024-03-10 02:30:00.000001', NULL, NULL, NULL, 4)");
        TableId table = TableId.of(schema, "ranges");
        List<Map<String, String>> everything = readAll(open("jdbc"), table);
        TimeZone saved = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        try (DatabaseConnector copy = open("copy"); DatabaseConnector jdbc = open("jdbc")) {
            List<KeyRange> awkward = List.of(
                    range("id", Watermark.Type.INTEGER, null, Watermark.ofLong(Long.MIN_VALUE)),
                    range("id", Watermark.Type.INTEGER, Watermark.ofLong(Long.MIN_VALUE), Watermark.ofLong(-5)),
                    range("id", Watermark.Type.INTEGER, Watermark.ofLong(-5), Watermark.ofLong(Long.MAX_VALUE)),
                    range("id", Watermark.Type.INTEGER, Watermark.ofLong(Long.MAX_VALUE), null),
                    range("dec", Watermark.Type.DECIMAL, Watermark.ofDecimal(new java.math.BigDecimal("-99999999999999.999999")),
                            Watermark.ofDecimal(new java.math.BigDecimal("-0.000001"))),
                    range("dec", Watermark.Type.DECIMAL, Watermark.ofDecimal(new java.math.BigDecimal("-0.000001")),
                            Watermark.ofDecimal(new java.math.BigDecimal("1234.567891"))),
                    range("ts", Watermark.Type.TIMESTAMP, null, Watermark.ofTimestamp(LocalDateTime.of(2024, 3, 10, 2, 30, 0, 1_000))),
                    range("ts", Watermark.Type.TIMESTAMP, Watermark.ofTimestamp(LocalDateTime.of(2024, 3, 10, 2, 0)),
                            Watermark.ofTimestamp(LocalDateTime.of(2024, 3, 10, 2, 59, 59, 999_999_000))),
                    range("ts", Watermark.Type.TIMESTAMP, Watermark.ofTimestamp(LocalDateTime.of(2024, 3, 10, 2, 30, 0, 1_000)),
                            Watermark.ofTimestamp(LocalDateTime.of(2024, 11, 3, 1, 30))),
                    range("tz", Watermark.Type.TIMESTAMP_TZ, Watermark.ofTimestampTz(OffsetDateTime.parse("2024-11-03T01:30:00-04:00")),
                            Watermark.ofTimestampTz(OffsetDateTime.parse("2024-11-03T01:30:00.000001-05:00"))),
                    range("d", Watermark.Type.DATE, Watermark.ofDate(LocalDate.of(2024, 3, 10)), null));
            List<IncrementalWindow> windows = List.of(
                    new IncrementalWindow(table, "v", Watermark.Type.INTEGER, Optional.of(Watermark.ofLong(1)), false,
                            Optional.of(Watermark.ofLong(4)), true),
                    new IncrementalWindow(table, "ts", Watermark.Type.TIMESTAMP, Optional.empty(), false,
                            Optional.of(Watermark.ofTimestamp(LocalDateTime.of(2024, 3, 10, 2, 30, 0, 1_000))), false),
                    new IncrementalWindow(table, "s", Watermark.Type.STRING, Optional.of(Watermark.ofString("r1'")), true,
                            Optional.of(Watermark.ofString("r2")), false));
            for (IncrementalWindow w : windows) {
                assertSameWindow(copy, jdbc, w);
            }
            // Windows whose bounds sit inside the DST gap and overlap, on a timestamptz, and on a decimal.
            assertSameWindow(copy, jdbc, new IncrementalWindow(table, "ts", Watermark.Type.TIMESTAMP,
                    Optional.of(Watermark.ofTimestamp(LocalDateTime.of(2024, 3, 10, 2, 0))), true,
                    Optional.of(Watermark.ofTimestamp(LocalDateTime.of(2024, 11, 3, 1, 30))), true));
            assertSameWindow(copy, jdbc, new IncrementalWindow(table, "tz", Watermark.Type.TIMESTAMP_TZ,
                    Optional.of(Watermark.ofTimestampTz(OffsetDateTime.parse("2024-11-03T01:30:00-04:00"))), false,
                    Optional.of(Watermark.ofTimestampTz(OffsetDateTime.parse("2024-11-03T01:30:00.000001-05:00"))), true));
            assertSameWindow(copy, jdbc, new IncrementalWindow(table, "dec", Watermark.Type.DECIMAL, Optional.empty(), false,
                    Optional.of(Watermark.ofDecimal(new java.math.BigDecimal("-0.000001"))), true));
            for (KeyRange r : awkward) {
                assertSameRange(copy, jdbc, table, Optional.empty(), r);
                for (IncrementalWindow w : windows) {
                    assertSameRange(copy, jdbc, table, Optional.of(w), r);
                }
            }
            for (String key : List.of("id", "dec", "ts", "tz", "d")) {
                List<KeyRange> plan = copy.planKeyRanges(table, Optional.empty(), key, 5);
                assertThat(plan).as(key).hasSizeGreaterThan(1);
                List<Map<String, String>> union = new ArrayList<>();
                for (KeyRange r : plan) {
                    union.addAll(assertSameRange(copy, jdbc, table, Optional.empty(), r));
                }
                assertThat(sorted(union)).as("the ranges of " + key + " together").isEqualTo(sorted(everything));
                List<Map<String, String>> first = assertSameRange(copy, jdbc, table, Optional.empty(), plan.get(0));
                assertThat(first).as("NULL " + key + " keys in the first range").filteredOn(row -> row.get(key) == null)
                        .hasSize((int) everything.stream().filter(row -> row.get(key) == null).count());
                for (IncrementalWindow w : windows) {
                    List<KeyRange> windowPlan = copy.planKeyRanges(table, Optional.of(w), key, 3);
                    for (KeyRange r : windowPlan) {
                        assertSameRange(copy, jdbc, table, Optional.of(w), r);
                    }
                }
            }
            // A bound without a literal form (a five-digit year) reads through JDBC, with the same rows.
            try (BufferAllocator allocator = new RootAllocator(); ArrowReader r = copy.readRange(table, Optional.empty(),
                    range("d", Watermark.Type.DATE, Watermark.ofDate(LocalDate.of(2024, 3, 10)), Watermark.ofDate(LocalDate.of(10000, 1, 1))),
                    ReadOptions.defaults(), allocator)) {
                assertThat(r).isInstanceOf(ResultSetArrowReader.class);
                long rows = 0;
                while (r.loadNextBatch()) {
                    rows += r.getVectorSchemaRoot().getRowCount();
                }
                assertThat(rows).isEqualTo(everything.stream().filter(row -> row.get("d") != null
                        && row.get("d").compareTo("2024-03-10") >= 0).count());
            }
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    /** A window read both ways (single-reader incremental runs): COPY on one connector, JDBC on the other. */
    private void assertSameWindow(DatabaseConnector copy, DatabaseConnector jdbc, IncrementalWindow window) throws Exception {
        List<Map<String, String>> viaCopy = new ArrayList<>();
        List<Map<String, String>> viaJdbc = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader a = copy.readWindow(window, ReadOptions.defaults().withBatchSize(500), allocator);
                ArrowReader b = jdbc.readWindow(window, ReadOptions.defaults().withBatchSize(500), allocator)) {
            assertThat(a).isInstanceOf(PgBinaryCopyReader.class);
            assertThat(b).isInstanceOf(ResultSetArrowReader.class);
            while (a.loadNextBatch()) {
                viaCopy.addAll(rendered(a.getVectorSchemaRoot()));
            }
            while (b.loadNextBatch()) {
                viaJdbc.addAll(rendered(b.getVectorSchemaRoot()));
            }
            assertThat(a.getVectorSchemaRoot().getSchema()).isEqualTo(b.getVectorSchemaRoot().getSchema());
        }
        assertThat(viaJdbc).as("%s reads rows", window).isNotEmpty();
        assertThat(sorted(viaCopy)).as("%s", window).isEqualTo(sorted(viaJdbc));
    }

    /** A range read both ways: COPY on one connector, JDBC on the other; the same rows, returned. */
    private List<Map<String, String>> assertSameRange(DatabaseConnector copy, DatabaseConnector jdbc, TableId table,
            Optional<IncrementalWindow> window, KeyRange range) throws Exception {
        List<Map<String, String>> viaCopy = new ArrayList<>();
        List<Map<String, String>> viaJdbc = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader a = copy.readRange(table, window, range, ReadOptions.defaults().withBatchSize(500), allocator);
                ArrowReader b = jdbc.readRange(table, window, range, ReadOptions.defaults().withBatchSize(500), allocator)) {
            assertThat(a).isInstanceOf(PgBinaryCopyReader.class);
            assertThat(b).isInstanceOf(ResultSetArrowReader.class);
            while (a.loadNextBatch()) {
                viaCopy.addAll(rendered(a.getVectorSchemaRoot()));
            }
            while (b.loadNextBatch()) {
                viaJdbc.addAll(rendered(b.getVectorSchemaRoot()));
            }
            assertThat(a.getVectorSchemaRoot().getSchema()).isEqualTo(b.getVectorSchemaRoot().getSchema());
        }
        assertThat(sorted(viaCopy)).as("%s in %s", range, window.map(IncrementalWindow::toString).orElse("the table"))
                .isEqualTo(sorted(viaJdbc));
        return viaCopy;
    }

    private static KeyRange range(String column, Watermark.Type type, Watermark lower, Watermark upper) {
        return new KeyRange(column, type, Optional.ofNullable(lower), Optional.ofNullable(upper), lower == null);
    }

    private static List<Map<String, String>> readAll(DatabaseConnector connector, TableId table) throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        try (connector; BufferAllocator allocator = new RootAllocator();
                ArrowReader reader = connector.readTable(table, ReadOptions.defaults(), allocator)) {
            while (reader.loadNextBatch()) {
                rows.addAll(rendered(reader.getVectorSchemaRoot()));
            }
        }
        return rows;
    }

    private static List<String> sorted(List<Map<String, String>> rows) {
        return rows.stream().map(r -> new java.util.TreeMap<>(r).toString()).sorted().toList();
    }

    @Test
    void errorTextsAreTheJdbcPathsWord() throws Exception {
        execute("CREATE TABLE " + schema + ".bad (d date, ts timestamp, tz timestamptz, t time, n numeric(10,2), seq int)");
        execute("INSERT INTO " + schema + ".bad (seq) SELECT g FROM generate_series(1, 10) g");
        List<String> cases = List.of("d = 'infinity'", "d = '-infinity'", "ts = 'infinity'", "ts = '294250-01-01 12:00'",
                "tz = '-infinity'", "tz = '294250-01-01 12:00+00'", "t = '24:00:00'", "n = 'NaN'");
        for (String set : cases) {
            execute("UPDATE " + schema + ".bad SET d = NULL, ts = NULL, tz = NULL, t = NULL, n = NULL");
            execute("UPDATE " + schema + ".bad SET " + set + " WHERE seq = 9");
            String copy = failure(TableId.of(schema, "bad"), "copy");
            assertThat(copy).as(set).isEqualTo(failure(TableId.of(schema, "bad"), "jdbc")).contains("'" + schema + ".bad'");
        }
    }

    @Test
    void closingEarlyStopsTheCopyAndLeaksNothing() throws Exception {
        try (DatabaseConnector connector = open("copy"); BufferAllocator allocator = new RootAllocator()) {
            long start = System.nanoTime();
            ArrowReader reader = connector.readTable(TableId.of(schema, "big"), ReadOptions.defaults().withBatchSize(1000), allocator);
            assertThat(reader).isInstanceOf(PgBinaryCopyReader.class);
            assertThat(reader.loadNextBatch()).isTrue();
            assertThat(reader.getVectorSchemaRoot().getRowCount()).isEqualTo(1000);
            reader.close();
            assertThat((System.nanoTime() - start) / 1e9).as("seconds to abandon 1M rows").isLessThan(5);
            assertThat(allocator.getAllocatedMemory()).isZero();
            // A cancel from another thread while the reader may be waiting for the server (as the
            // ingestion's prefetcher cancels when its consumer closes early), then the close.
            ArrowReader reading = connector.readTable(TableId.of(schema, "big"), ReadOptions.defaults().withBatchSize(1000),
                    allocator);
            java.util.concurrent.CountDownLatch firstBatch = new java.util.concurrent.CountDownLatch(1);
            Thread consumer = new Thread(() -> {
                try {
                    while (reading.loadNextBatch()) {
                        firstBatch.countDown();
                    }
                } catch (Exception expected) {
                    // the cancel ends the read
                }
                firstBatch.countDown();
            });
            consumer.start();
            assertThat(firstBatch.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            ((io.flowforge.connector.arrow.CancellableReader) reading).cancel();
            consumer.join(30_000);
            assertThat(consumer.isAlive()).as("the reading thread still runs 30 s after the cancel").isFalse();
            reading.close();
            assertThat(allocator.getAllocatedMemory()).isZero();
        }
        assertThat(copiesStillRunning()).isZero();
    }

    @Test
    void aTypeWithoutACopyDecoderFallsBackToJdbcWithTheSameRows() throws Exception {
        execute("CREATE TABLE " + schema + ".net (id int, a inet, n numeric)");
        execute("INSERT INTO " + schema + ".net VALUES (1, '10.0.0.1/8', 12300), (2, NULL, NULL), (3, 'ffff::1', -99900)");
        assertSameBatches(TableId.of(schema, "net"), ReadOptions.defaults().withUnsupportedTypePolicy(UnsupportedTypePolicy.SKIP),
                ResultSetArrowReader.class);
        assertSameBatches(TableId.of(schema, "net"), ReadOptions.defaults().withUnsupportedTypePolicy(UnsupportedTypePolicy.AS_STRING),
                ResultSetArrowReader.class);
        try (DatabaseConnector connector = open("copy"); BufferAllocator allocator = new RootAllocator();
                ArrowReader reader = connector.readTable(TableId.of(schema, "net"),
                        ReadOptions.defaults().withUnsupportedTypePolicy(UnsupportedTypePolicy.AS_STRING), allocator)) {
            assertThat(reader.loadNextBatch()).isTrue();
            assertThat(ArrowValues.render(reader.getVectorSchemaRoot().getVector("a"), 0)).isEqualTo("10.0.0.1/8");
            assertThat(ArrowValues.render(reader.getVectorSchemaRoot().getVector("n"), 2)).isEqualTo("-99900");
        }
    }

    @Test
    void theSwitchForcesJdbcAndRefusesUnknownMethods() throws Exception {
        try (DatabaseConnector connector = open("JDBC"); BufferAllocator allocator = new RootAllocator();
                ArrowReader reader = connector.readTable(TableId.of(schema, "types"), ReadOptions.defaults(), allocator)) {
            assertThat(reader).isInstanceOf(ResultSetArrowReader.class);
        }
        assertThatThrownBy(() -> open("fast"))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("Connection property flowforge.readMethod is 'fast'; use copy (binary COPY, the default) or jdbc.");
    }

    /** Reads the table both ways in lockstep; every batch must be equal, vector by vector. */
    private int assertSameBatches(TableId table, ReadOptions options, Class<?> expectedCopyReader) throws Exception {
        int batches = 0;
        try (DatabaseConnector copyConnector = open("copy"); DatabaseConnector jdbcConnector = open("jdbc");
                BufferAllocator allocator = new RootAllocator();
                ArrowReader copy = copyConnector.readTable(table, options, allocator);
                ArrowReader jdbc = jdbcConnector.readTable(table, options, allocator)) {
            assertThat(copy).isInstanceOf(expectedCopyReader);
            assertThat(jdbc).isInstanceOf(ResultSetArrowReader.class);
            while (true) {
                boolean more = jdbc.loadNextBatch();
                assertThat(copy.loadNextBatch()).as("batch %d exists in both", batches).isEqualTo(more);
                if (!more) {
                    break;
                }
                VectorSchemaRoot a = copy.getVectorSchemaRoot();
                VectorSchemaRoot b = jdbc.getVectorSchemaRoot();
                assertThat(a.getSchema()).isEqualTo(b.getSchema());
                assertThat(a.getRowCount()).as("rows of batch %d", batches).isEqualTo(b.getRowCount());
                assertThat(rendered(a)).as("batch %d", batches).isEqualTo(rendered(b));
                assertThat(a.equals(b)).as("batch %d vector equality", batches).isTrue();
                batches++;
            }
        }
        return batches;
    }

    private static List<Map<String, String>> rendered(VectorSchemaRoot root) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < root.getRowCount(); i++) {
            Map<String, String> row = new HashMap<>();
            for (FieldVector v : root.getFieldVectors()) {
                row.put(v.getName(), ArrowValues.render(v, i));
            }
            rows.add(row);
        }
        return rows;
    }

    private String failure(TableId table, String method) throws Exception {
        try (DatabaseConnector connector = open(method); BufferAllocator allocator = new RootAllocator();
                ArrowReader reader = connector.readTable(table, ReadOptions.defaults().withBatchSize(7), allocator)) {
            while (reader.loadNextBatch()) {
                // until the bad row
            }
            throw new AssertionError(method + " read " + table + " without failing");
        } catch (ConnectorException e) {
            return e.getMessage();
        }
    }

    private long copiesStillRunning() throws Exception {
        for (int i = 0; i < 50; i++) {
            try (Connection c = db.openAdmin(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
                            + PostgreSqlDialect.APPLICATION_NAME + "' AND query LIKE 'COPY%" + schema + "%'")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return 0;
                }
            }
            Thread.sleep(100);
        }
        return 1;
    }

    private DatabaseConnector open(String method) {
        return new PostgreSqlConnector(db.config(schema, method));
    }

    private void insert(int id, Map<String, String> values) throws SQLException {
        execute("INSERT INTO " + schema + ".types (id, " + String.join(", ", values.keySet()) + ") VALUES (" + id + ", "
                + String.join(", ", values.values()) + ")");
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.openAdmin(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

package io.flowforge.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.UnsupportedTypePolicy;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The values PostgreSQL's type table refuses or converts by choice, on the live server: each
 * fails with its exact message, or is read in the documented opt-in form; none is lost silently.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgreSqlEdgeValuesTest {

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
            unreachable = problem; // each test is skipped with the reason, so reports show it
            return;
        }
        LiveDatabases.requireReachable(db.displayName(), db.location(), problem);
        execute("CREATE SCHEMA " + schema);
        execute("CREATE TABLE " + schema + ".edge (id int PRIMARY KEY, n numeric, d date, ts timestamp, tz timestamptz,"
                + " arr int[], m money, b5 bit(5), t24 time)");
        execute("INSERT INTO " + schema + ".edge VALUES (1, 1.5, 'infinity', '-infinity', 'infinity', '{1,NULL,3}', 12.34, B'10101', '24:00:00')");
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
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    @Test
    void unsupportedColumnsFailBeforeTheFirstRowNamingEachOne() {
        assertThatThrownBy(() -> readWholeTable(ReadOptions.defaults()))
                .isInstanceOf(ConnectorException.class)
                .hasMessageStartingWith("Column '" + schema + ".edge.n' has type numeric, which has no exact Arrow type: "
                        + "numeric without a declared precision holds up to 131072 digits, beyond decimal128's 38; declare "
                        + "numeric(p,s) with p <= 38, or cast it in a query (col::numeric(38,s)).")
                .hasMessageContaining("Column '" + schema + ".edge.arr' has type _int4")
                .hasMessageContaining("Column '" + schema + ".edge.b5' has type bit");
    }

    @Test
    void asStringReadsArraysAndBitStringsAsPostgreSqlText() throws Exception {
        List<String> row = readColumns("n, arr, b5", ReadOptions.defaults().withUnsupportedTypePolicy(UnsupportedTypePolicy.AS_STRING));
        assertThat(row).containsExactly("1.5", "{1,NULL,3}", "10101");
    }

    /**
     * AS_STRING reads PostgreSQL's own text of every unsupported type, binary-ish ones included
     * (bytea arrays, bit strings, geometric types): the same text as {@code col::text} on the
     * server, in table reads and queries.
     */
    @Test
    void asStringIsPostgreSqlsOwnTextForEveryUnsupportedType() throws Exception {
        String columns = "id int, ba bytea[], vb varbit, pt point, bx box, pg polygon, ci circle, r int4range,"
                + " tsv tsvector, tt timetz, ch \"char\", o oid, ln pg_lsn, js jsonb[], n numeric";
        execute("CREATE TABLE " + schema + ".texts (" + columns + ")");
        execute("INSERT INTO " + schema + ".texts VALUES (1, ARRAY['\\x00ff'::bytea, '\\x'::bytea, NULL], B'1010101',"
                + " point(1.5, -2e300), box(point(0,0), point(1,1)), '((0,0),(1,0),(0,1))', '<(1,2),3>', '[1,10)',"
                + " 'a fat cat', '12:34:56.789+05:30', 'x', 4294967295, '16/B374D848', ARRAY['{\"a\":1}'::jsonb],"
                + " 0.1000000000000000000000000000000000000000001), (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
                + " NULL, NULL, NULL, NULL, NULL, NULL)");
        String names = "ba, vb, pt, bx, pg, ci, r, tsv, tt, ch, o, ln, js, n";
        List<String> expected = new ArrayList<>();
        try (Connection c = db.openAdmin(); Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT " + String.join(", ",
                        java.util.Arrays.stream(names.split(", ")).map(n -> n + "::text").toList())
                        + " FROM " + schema + ".texts WHERE id = 1")) {
            rs.next();
            for (int i = 1; i <= 14; i++) {
                expected.add(rs.getString(i));
            }
        }
        ReadOptions asString = ReadOptions.defaults().withUnsupportedTypePolicy(UnsupportedTypePolicy.AS_STRING);
        try (DatabaseConnector connector = open(); BufferAllocator allocator = new RootAllocator()) {
            for (ArrowReader reader : List.of(
                    connector.readTable(TableId.of(schema, "texts"), asString, allocator),
                    connector.readQuery("SELECT id, " + names + " FROM " + schema + ".texts", asString, allocator))) {
                try (reader) {
                    assertThat(reader.loadNextBatch()).isTrue();
                    var root = reader.getVectorSchemaRoot();
                    int row = ArrowValues.render(root.getVector("id"), 0).equals("1") ? 0 : 1;
                    List<String> read = new ArrayList<>();
                    for (String n : names.split(", ")) {
                        read.add(ArrowValues.render(root.getVector(n), row));
                        assertThat(ArrowValues.render(root.getVector(n), 1 - row)).as(n + " NULL").isNull();
                    }
                    assertThat(read).isEqualTo(expected);
                }
            }
        }
    }

    /** Numerics decimal128 cannot hold, refused for the right reason (not "beyond 38 digits" for numeric(3,5)). */
    @Test
    void numericsBeyondDecimal128AreRefusedForTheirReason() throws Exception {
        execute("CREATE TABLE " + schema + ".wide_numerics (id int, a numeric(38,-3), b numeric(1,39), c numeric(39,2))");
        try (DatabaseConnector connector = open()) {
            var columns = connector.getSchema(TableId.of(schema, "wide_numerics")).columns();
            assertThat(columns.get(1).unsupportedReason()).contains("numeric(38,-3) holds integers of up to 41 digits, "
                    + "beyond decimal128's 38; cast it in a query (col::numeric(38,0)) or read it with AS_STRING (exact text)");
            assertThat(columns.get(1).scale()).isEqualTo(-3);
            assertThat(columns.get(2).unsupportedReason()).contains("numeric(1,39) holds 39 digits after the point, beyond "
                    + "decimal128's 38; cast it in a query (col::numeric(38,38)) or read it with AS_STRING (exact text)");
            assertThat(columns.get(3).unsupportedReason()).contains("numeric(39,2) is beyond decimal128's 38 digits; cast it "
                    + "in a query (col::numeric(38,s)) or read it with AS_STRING (exact text)");
        }
    }

    /** Through binary COPY's decoders and through pgjdbc on the JDBC path (which gives infinity as LocalDate.MAX). */
    @ParameterizedTest
    @ValueSource(strings = {"copy", "jdbc"})
    void infinityFailsTheReadNamingTheColumn(String method) {
        assertThatThrownBy(() -> readColumns("d", ReadOptions.defaults(), method))
                .hasMessage("Cannot read '" + schema + ".edge_d': value infinity of column 'd' has no Arrow date value; "
                        + "replace it in a query (e.g. NULLIF(col, 'infinity')).");
        assertThatThrownBy(() -> readColumns("ts", ReadOptions.defaults(), method))
                .hasMessageContaining("value -infinity of column 'ts' has no Arrow timestamp value");
        assertThatThrownBy(() -> readColumns("tz", ReadOptions.defaults(), method))
                .hasMessageContaining("value infinity of column 'tz' has no Arrow timestamptz value");
    }

    @Test
    void moneyIsExactInTableReadsAndRefusedInQueries() throws Exception {
        assertThat(readColumns("m", ReadOptions.defaults())).containsExactly("12.34");
        try (DatabaseConnector connector = open(); BufferAllocator allocator = new RootAllocator()) {
            assertThatThrownBy(() -> connector.readQuery("SELECT m FROM " + schema + ".edge", ReadOptions.defaults(), allocator))
                    .hasMessageContaining("pgjdbc reads money only as locale-formatted text or an inexact double; "
                            + "select it as col::numeric(19,2) AS col in the query");
        }
    }

    @Test
    void numericNaNFailsNamingTheColumnInTablesAndQueries() throws Exception {
        execute("CREATE TABLE " + schema + ".nan (id int, n numeric(10,2))");
        execute("INSERT INTO " + schema + ".nan VALUES (1, 1.5), (2, 'NaN')");
        String problem = "value NaN of column 'n' has no decimal128 value (PostgreSQL's numeric also holds NaN and ±Infinity); "
                + "replace it in a query (e.g. NULLIF(col, 'NaN')).";
        try (DatabaseConnector connector = open(); BufferAllocator allocator = new RootAllocator()) {
            assertThatThrownBy(() -> drain(connector.readTable(TableId.of(schema, "nan"), ReadOptions.defaults(), allocator)))
                    .hasMessage("Cannot read '" + schema + ".nan': " + problem);
            assertThatThrownBy(() -> drain(connector.readQuery("SELECT n FROM " + schema + ".nan", ReadOptions.defaults(), allocator)))
                    .hasMessage("Cannot read 'query': " + problem);
        }
    }

    private static void drain(ArrowReader reader) throws Exception {
        try (reader) {
            while (reader.loadNextBatch()) {
                // until the failing row
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"copy", "jdbc"})
    void midnightAtTheEndOfTheDayFails(String method) {
        // pgjdbc reads time '24:00:00' as 23:59:59.999999999, which no PostgreSQL time can be: it means 24:00:00.
        assertThatThrownBy(() -> readColumns("t24", ReadOptions.defaults(), method))
                .hasMessageContaining("value 24:00:00 of column 't24' is not a time of day Arrow can hold");
    }

    private List<String> readColumns(String columns, ReadOptions options) throws Exception {
        return readColumns(columns, options, "copy");
    }

    private List<String> readColumns(String columns, ReadOptions options, String method) throws Exception {
        String view = "edge_" + columns.replace(", ", "_");
        execute("CREATE OR REPLACE VIEW " + schema + "." + view + " AS SELECT " + columns + " FROM " + schema + ".edge");
        List<String> out = new ArrayList<>();
        try (DatabaseConnector connector = Connectors.open(PostgreSqlConnectorFactory.IDENTIFIER, db.config(schema, method));
                BufferAllocator allocator = new RootAllocator();
                ArrowReader reader = connector.readTable(TableId.of(schema, view), options, allocator)) {
            while (reader.loadNextBatch()) {
                reader.getVectorSchemaRoot().getFieldVectors().forEach(v -> out.add(ArrowValues.render(v, 0)));
            }
        }
        return out;
    }

    private void readWholeTable(ReadOptions options) throws Exception {
        try (DatabaseConnector connector = open(); BufferAllocator allocator = new RootAllocator();
                ArrowReader reader = connector.readTable(TableId.of(schema, "edge"), options, allocator)) {
            reader.loadNextBatch();
        }
    }

    private DatabaseConnector open() {
        return Connectors.open(PostgreSqlConnectorFactory.IDENTIFIER, db.config(schema));
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.openAdmin(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

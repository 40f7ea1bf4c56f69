package io.flowforge.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.ColumnInfo;
import io.flowforge.connector.ConnectionTestResult;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.IncrementalRead;
import io.flowforge.connector.IncrementalRequest;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.TableInfo;
import io.flowforge.connector.TableSchema;
import io.flowforge.connector.UpperBoundStrategy;
import io.flowforge.connector.WatermarkPosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every connector passes against a live database: connection test, catalog, schema
 * with primary key, full reads in several batch sizes, NULLs and min/max values of every mapped
 * type, Unicode text, empty tables, hostile names, incremental reads with ties, and memory bounded
 * on a large table. A connector's test extends it and supplies a {@link ContractDatabase}; the
 * run creates a schema of its own (random name) and drops it at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ConnectorContractTest implements UrlSecretContract, WallClockContract, CancelContract {

    private static final int ROWS = 100;

    protected ContractDatabase db;
    protected String schema;

    /** The database under test; called once per class. */
    protected abstract ContractDatabase database();

    // Why the database cannot be reached; each test is then skipped with it, so reports show the reason.
    private Optional<String> unreachable = Optional.empty();

    @BeforeAll
    void createSchema() throws Exception {
        db = database();
        Optional<String> problem = probe(db);
        if (problem.isPresent()) {
            if (LiveDatabases.required()) {
                LiveDatabases.requireReachable(db.displayName(), db.location(), problem);
            }
            unreachable = problem;
            return;
        }
        schema = "ff_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        execute(db.createSchema(schema));
        execute("CREATE TABLE " + t("rows") + " (" + q("id") + " " + db.integerType() + " NOT NULL PRIMARY KEY, " + q("txt") + " " + db.textType(20) + ")");
        try (Connection c = db.openAdmin();
                PreparedStatement ps = c.prepareStatement("INSERT INTO " + t("rows") + " VALUES (?, ?)")) {
            for (int i = 1; i <= ROWS; i++) {
                ps.setInt(1, i);
                ps.setString(2, "row " + i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @BeforeEach
    void skipWhenUnreachable() {
        LiveDatabases.requireReachable(db.displayName(), db.location(), unreachable);
    }

    private static Optional<String> probe(ContractDatabase db) {
        try (Connection c = db.openAdmin()) {
            return c.isValid(5) ? Optional.empty() : Optional.of("the connection is not valid");
        } catch (SQLException | RuntimeException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    @AfterAll
    void dropSchema() throws Exception {
        if (schema == null) {
            return;
        }
        try (Connection c = db.openAdmin()) {
            try (Statement s = c.createStatement()) {
                s.execute(db.dropSchema(schema));
            }
            db.cleanUp(c, schema);
        }
    }

    // ---- connection ----

    @Test
    void connectionTestSucceedsWithGoodCredentials() {
        try (DatabaseConnector connector = open()) {
            ConnectionTestResult r = connector.testConnection();
            assertThat(r.success()).as(r.message()).isTrue();
            assertThat(r.productName()).containsIgnoringCase(db.productName());
            assertThat(r.productVersion()).isNotBlank();
        }
    }

    @Test
    void connectionTestFailsWithBadCredentialsWithoutShowingThePassword() throws Exception {
        ContractDatabase.BadCredentials bad = db.badCredentials(schema);
        try (DatabaseConnector connector = Connectors.open(db.connectorIdentifier(), bad.config())) {
            ConnectionTestResult r = connector.testConnection();
            assertThat(r.success()).as(bad.whatItShows()).isFalse();
            assertThat(r.message()).containsAnyOf(bad.expectedMessages().toArray(String[]::new));
            bad.config().passwordSecret().filter(s -> s.reveal().length() >= 4)
                    .ifPresent(s -> assertThat(r.message()).doesNotContain(s.reveal()));
        }
    }

    // ---- catalog and schema ----

    @Test
    void catalogListsTablesAndViewsWithRowEstimates() throws Exception {
        execute("CREATE TABLE " + t("counted") + " (" + q("id") + " " + db.integerType() + " NOT NULL PRIMARY KEY)");
        execute("INSERT INTO " + t("counted") + " SELECT " + q("id") + " FROM " + t("rows") + " WHERE " + q("id") + " <= 40");
        execute("CREATE VIEW " + t("counted_view") + " AS SELECT " + q("id") + " FROM " + t("counted"));
        String analyze = db.analyze(t("counted"));
        if (analyze != null) {
            execute(analyze);
        }
        try (DatabaseConnector connector = open()) {
            List<TableInfo> tables = connector.listTables().stream().filter(i -> schema.equals(i.id().schema())).toList();
            TableInfo counted = find(tables, "counted");
            assertThat(counted.kind()).isEqualTo(TableInfo.Kind.TABLE);
            assertThat(find(tables, "counted_view").kind()).isEqualTo(TableInfo.Kind.VIEW);
            if (db.hasRowCountEstimates()) {
                assertThat(counted.approximateRowCount()).as("estimate after ANALYZE").isPresent();
                assertThat(counted.approximateRowCount().getAsLong()).isBetween(20L, 80L);
            } else {
                assertThat(counted.approximateRowCount()).isEmpty();
            }
            assertThat(tables).extracting(TableInfo::id).isSorted();
        }
    }

    @Test
    void schemaHasColumnsInOrderAndThePrimaryKeyInKeyOrder() throws Exception {
        execute("CREATE TABLE " + t("keyed") + " (" + q("a") + " " + db.integerType() + " NOT NULL, " + q("b") + " " + db.textType(10)
                + " NOT NULL, " + q("c") + " " + db.textType(30) + ", PRIMARY KEY (" + q("b") + ", " + q("a") + "))");
        try (DatabaseConnector connector = open()) {
            TableSchema s = connector.getSchema(TableId.of(schema, "keyed"));
            assertThat(s.columns()).extracting(ColumnInfo::name).containsExactly("a", "b", "c");
            assertThat(s.columns()).extracting(ColumnInfo::nullable).containsExactly(false, false, true);
            assertThat(s.columns()).allMatch(ColumnInfo::isSupported);
            assertThat(s.primaryKey()).containsExactly("b", "a");
            assertThat(s.arrowSchema().getFields()).extracting(Field::getName).containsExactly("a", "b", "c");
            assertThatThrownBy(() -> connector.getSchema(TableId.of(schema, "no_such_table")))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("Table '" + schema + ".no_such_table' was not found");
        }
    }

    // ---- full reads ----

    @ParameterizedTest(name = "batch size {0}")
    @ValueSource(ints = {1, 7, 25, 100, 1000})
    void fullReadReturnsEveryRowOnceInBatchesOfTheRequestedSize(int batchSize) throws Exception {
        List<Integer> ids = new ArrayList<>();
        List<Integer> batchRows = new ArrayList<>();
        try (DatabaseConnector connector = open(); BufferAllocator allocator = new RootAllocator();
                ArrowReader reader = connector.readTable(TableId.of(schema, "rows"),
                        ReadOptions.defaults().withBatchSize(batchSize), allocator)) {
            while (reader.loadNextBatch()) {
                var root = reader.getVectorSchemaRoot();
                batchRows.add(root.getRowCount());
                FieldVector id = root.getVector("id");
                FieldVector txt = root.getVector("txt");
                for (int i = 0; i < root.getRowCount(); i++) {
                    int value = Integer.parseInt(ArrowValues.render(id, i));
                    ids.add(value);
                    assertThat(ArrowValues.render(txt, i)).isEqualTo("row " + value);
                }
            }
        }
        assertThat(ids).hasSize(ROWS).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, ROWS).boxed().toList());
        int full = ROWS / batchSize;
        assertThat(batchRows).as("batch sizes").hasSize(full + (ROWS % batchSize == 0 ? 0 : 1));
        assertThat(batchRows.subList(0, full)).allMatch(n -> n == batchSize);
    }

    // ---- types ----

    @Test
    void nullsReadAsNullInEveryMappedType() throws Exception {
        List<TypeCase> cases = db.typeCases();
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + t("nulls") + " (" + q("id") + " " + db.integerType() + " NOT NULL PRIMARY KEY");
        for (int i = 0; i < cases.size(); i++) {
            ddl.append(", ").append(q("c" + i)).append(' ').append(cases.get(i).sqlType());
        }
        execute(ddl.append(")").toString());
        execute("INSERT INTO " + t("nulls") + " (" + q("id") + ") VALUES (1)");
        List<List<String>> rows = readAll(TableId.of(schema, "nulls"), ReadOptions.defaults());
        assertThat(rows).hasSize(1);
        for (int i = 0; i < cases.size(); i++) {
            assertThat(rows.get(0).get(i + 1)).as(cases.get(i).sqlType()).isNull();
        }
    }

    @TestFactory
    Stream<DynamicTest> minAndMaxValuesOfEveryMappedType() {
        List<TypeCase> cases = db.typeCases();
        return IntStream.range(0, cases.size()).mapToObj(n -> DynamicTest.dynamicTest(cases.get(n).sqlType(), () -> {
            TypeCase tc = cases.get(n);
            String table = "type_" + n;
            execute("CREATE TABLE " + t(table) + " (" + q("id") + " " + db.integerType() + " NOT NULL PRIMARY KEY, " + q("v") + " " + tc.sqlType() + ")");
            for (int i = 0; i < tc.literals().size(); i++) {
                execute("INSERT INTO " + t(table) + " VALUES (" + (i + 1) + ", " + tc.literals().get(i) + ")");
            }
            execute("INSERT INTO " + t(table) + " VALUES (0, NULL)");
            try (DatabaseConnector connector = open()) {
                Field field = connector.getSchema(TableId.of(schema, table)).column("v").orElseThrow().arrowField()
                        .orElseThrow(() -> new AssertionError(tc.sqlType() + " is not mapped"));
                assertThat(field.getType()).as(tc.sqlType()).isEqualTo(tc.arrowType());
            }
            List<List<String>> rows = sortedById(readAll(TableId.of(schema, table), ReadOptions.defaults()));
            List<String> values = rows.stream().map(r -> r.get(1)).toList();
            List<String> expected = new ArrayList<>();
            expected.add(null);
            expected.addAll(tc.expected());
            assertThat(values).as(tc.sqlType()).containsExactlyElementsOf(expected);
        }));
    }

    @Test
    void unicodeTextRoundTripsExactly() throws Exception {
        List<String> texts = List.of("", "Grüße aus Köln", "日本語のテキスト", "emoji 😀🚀 beyond the BMP", "שלום עולם",
                "e\u0301 combining", "tab\tnew\nline", "😀".repeat(1000));
        execute("CREATE TABLE " + t("unicode") + " (" + q("id") + " " + db.integerType() + " NOT NULL PRIMARY KEY, " + q("s") + " " + db.textType(4000) + ")");
        try (Connection c = db.openAdmin(); PreparedStatement ps = c.prepareStatement("INSERT INTO " + t("unicode") + " VALUES (?, ?)")) {
            for (int i = 0; i < texts.size(); i++) {
                ps.setInt(1, i);
                ps.setString(2, texts.get(i));
                ps.executeUpdate();
            }
        }
        List<List<String>> rows = sortedById(readAll(TableId.of(schema, "unicode"), ReadOptions.defaults().withBatchSize(3)));
        assertThat(rows.stream().map(r -> r.get(1)).toList()).containsExactlyElementsOf(texts);
    }

    @Test
    void emptyTableGivesItsSchemaAndNoBatch() throws Exception {
        execute("CREATE TABLE " + t("empty") + " (" + q("id") + " " + db.integerType() + " NOT NULL PRIMARY KEY, " + q("ts") + " " + db.timestampType() + ")");
        try (DatabaseConnector connector = open(); BufferAllocator allocator = new RootAllocator();
                ArrowReader reader = connector.readTable(TableId.of(schema, "empty"), ReadOptions.defaults(), allocator)) {
            assertThat(reader.getVectorSchemaRoot().getSchema().getFields()).extracting(Field::getName).containsExactly("id", "ts");
            assertThat(reader.loadNextBatch()).isFalse();
            assertThat(reader.getVectorSchemaRoot().getRowCount()).isZero();
        }
        try (DatabaseConnector connector = open()) {
            var window = connector.planIncremental(IncrementalRequest.initial(TableId.of(schema, "empty"), "id"));
            assertThat(window.isEmpty()).isTrue();
            assertThat(window.nextPosition()).isEmpty();
        }
    }

    // ---- hostile names ----

    /** Names that break naive quoting: spaces, quotes of every kind, brackets, reserved words, LIKE wildcards, non-ASCII. */
    protected List<String> hostileNames() {
        return List.of("my table", "quo\"te", "back`tick", "[brackets]", "select", "Grüße_表", "per%cent_under", "semi;colon", "it's");
    }

    @Test
    void hostileTableAndColumnNamesAreQuotedEverywhere() throws Exception {
        List<String> names = hostileNames();
        for (int n = 0; n < names.size(); n++) {
            String name = names.get(n);
            String col = "col " + name;
            execute("CREATE TABLE " + db.qualified(schema, name) + " (" + db.quote("order") + " " + db.integerType()
                    + " NOT NULL PRIMARY KEY, " + db.quote(col) + " " + db.textType(20) + ")");
            execute("INSERT INTO " + db.qualified(schema, name) + " VALUES (1, 'one'), (2, 'two')");
        }
        try (DatabaseConnector connector = open()) {
            List<TableId> listed = connector.listTables().stream().map(TableInfo::id).toList();
            for (String name : names) {
                TableId id = TableId.of(schema, name);
                assertThat(listed).as("listTables").contains(id);
                TableSchema s = connector.getSchema(id);
                assertThat(s.columns()).extracting(ColumnInfo::name).as(name).containsExactly("order", "col " + name);
                assertThat(s.primaryKey()).as(name).containsExactly("order");
                List<List<String>> rows = sortedById(readAll(id, ReadOptions.defaults()));
                assertThat(rows).as(name).containsExactly(List.of("1", "one"), List.of("2", "two"));
                try (BufferAllocator allocator = new RootAllocator();
                        IncrementalRead read = connector.readIncremental(IncrementalRequest.initial(id, "order")
                                .withUpperBound(UpperBoundStrategy.MAX_INCLUSIVE).withLag(Duration.ZERO),
                                ReadOptions.defaults(), allocator)) {
                    assertThat(count(read.reader())).as(name).isEqualTo(2);
                }
            }
        }
    }

    // ---- incremental ----

    @Test
    void incrementalReadsTakeTiedRowsExactlyOnce() throws Exception {
        TableId id = TableId.of(schema, "events");
        execute("CREATE TABLE " + t("events") + " (" + q("id") + " " + db.integerType() + " NOT NULL PRIMARY KEY, " + q("ts") + " " + db.timestampType() + ")");
        LocalDateTime t1 = LocalDateTime.of(2020, 1, 1, 10, 0, 0, 123_456_000);
        LocalDateTime t2 = t1.plusSeconds(1);
        LocalDateTime t3 = t2.plusNanos(1_000); // one microsecond later
        insertEvents(new Object[][] {{0, null}, {1, t1}, {2, t1}, {3, t2}, {4, t2}, {5, t2}});
        List<Integer> seen = new ArrayList<>();
        try (DatabaseConnector connector = open()) {
            // No writer commits late here, so lag 0 keeps these cases about ties (late commits:
            // LateCommitContractTest). MAX_EXCLUSIVE: the rows at the largest value wait, because more may still arrive with it.
            IncrementalRequest first = IncrementalRequest.initial(id, "ts").withUpperBound(UpperBoundStrategy.MAX_EXCLUSIVE).withLag(Duration.ZERO);
            WatermarkPosition p1 = readWindow(connector, first, seen, List.of(0, 1, 2));
            insertEvents(new Object[][] {{6, t2}, {7, t3}, {8, t3}});
            WatermarkPosition p2 = readWindow(connector, IncrementalRequest.after(id, "ts", p1)
                    .withUpperBound(UpperBoundStrategy.MAX_EXCLUSIVE).withLag(Duration.ZERO), seen, List.of(3, 4, 5, 6));
            WatermarkPosition p3 = readWindow(connector, IncrementalRequest.after(id, "ts", p2)
                    .withUpperBound(UpperBoundStrategy.MAX_EXCLUSIVE).withLag(Duration.ZERO), seen, List.of());
            // The database clock: everything stamped before now, the tied t3 rows included, and a row
            // the database stamps itself.
            execute("INSERT INTO " + t("events") + " VALUES (9, " + db.nowExpression() + ")");
            Thread.sleep(20);
            WatermarkPosition p4 = readWindow(connector, IncrementalRequest.after(id, "ts", p3)
                    .withUpperBound(UpperBoundStrategy.DATABASE_NOW).withLag(Duration.ZERO), seen, List.of(7, 8, 9));
            readWindow(connector, IncrementalRequest.after(id, "ts", p4).withUpperBound(UpperBoundStrategy.DATABASE_NOW).withLag(Duration.ZERO), seen, List.of());
        }
        assertThat(seen).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void splitAndWindowBoundsStayInsideABigintAtItsLimits() throws Exception {
        execute("CREATE TABLE " + t("limits") + " (" + q("id") + " " + db.bigintType() + " NOT NULL PRIMARY KEY)");
        try (Connection c = db.openAdmin(); PreparedStatement ps = c.prepareStatement("INSERT INTO " + t("limits") + " VALUES (?)")) {
            for (long k : IntegerLimitsCase.KEYS) {
                ps.setLong(1, k);
                ps.executeUpdate();
            }
        }
        IntegerLimitsCase.check(this::open, TableId.of(schema, "limits"));
    }

    private void insertEvents(Object[][] rows) throws SQLException {
        try (Connection c = db.openAdmin(); PreparedStatement ps = c.prepareStatement("INSERT INTO " + t("events") + " VALUES (?, ?)")) {
            for (Object[] r : rows) {
                ps.setInt(1, (Integer) r[0]);
                ps.setObject(2, r[1], java.sql.Types.TIMESTAMP);
                ps.executeUpdate();
            }
        }
    }

    private WatermarkPosition readWindow(DatabaseConnector connector, IncrementalRequest request, List<Integer> seen,
            List<Integer> expected) throws Exception {
        List<Integer> ids = new ArrayList<>();
        WatermarkPosition next;
        try (BufferAllocator allocator = new RootAllocator();
                IncrementalRead read = connector.readIncremental(request, ReadOptions.defaults().withBatchSize(2), allocator)) {
            while (read.reader().loadNextBatch()) {
                FieldVector v = read.reader().getVectorSchemaRoot().getVector("id");
                for (int i = 0; i < read.reader().getVectorSchemaRoot().getRowCount(); i++) {
                    ids.add(Integer.parseInt(ArrowValues.render(v, i)));
                }
            }
            next = read.window().nextPosition().orElseThrow();
        }
        assertThat(ids).as("window after " + request.lastPosition()).containsExactlyInAnyOrderElementsOf(expected);
        seen.addAll(ids.stream().sorted().toList());
        return next;
    }

    // ---- memory ----

    /**
     * Tagged {@code memory}: Surefire leaves it out and Failsafe's {@code memory} execution runs it
     * (once, in UTC: memory does not depend on the zone), under its own longer timeout.
     */
    @Test
    @Tag("memory")
    void largeTableStreamsInBoundedMemory() throws Exception {
        int rows = db.largeTableRows();
        execute("CREATE TABLE " + t("large") + " (" + q("id") + " " + db.integerType() + " NOT NULL PRIMARY KEY, " + q("payload") + " " + db.textType(250) + ")");
        execute(db.generateRows(t("large"), rows));
        BoundedReadProbe.Result streamed = BoundedReadProbe.runInChildJvm(db, schema, "large", rows, false);
        assertThat(streamed.exitCode()).as(streamed.output()).isZero();
        assertThat(streamed.output()).contains("rows=" + rows + " ");
        System.out.println(db.displayName() + " streamed read in a " + BoundedReadProbe.HEAP + " JVM: "
                + streamed.output().lines().filter(l -> l.startsWith("rows=")).findFirst().orElse(""));
        if (db.bufferedReadExhaustsHeap()) {
            // The control: the same read without streaming settings must not fit, or the test above proves nothing.
            BoundedReadProbe.Result buffered = BoundedReadProbe.runInChildJvm(db, schema, "large", rows, true);
            assertThat(buffered.exitCode()).as("a buffered read should exhaust the probe's heap: " + buffered.output()).isNotZero();
            assertThat(buffered.output()).contains("OutOfMemoryError");
        }
    }

    // ---- helpers ----

    @Override
    public ContractDatabase contractDatabase() {
        return db;
    }

    @Override
    public String contractSchema() {
        return schema;
    }

    @Override
    public DatabaseConnector open() {
        return Connectors.open(db.connectorIdentifier(), db.config(schema));
    }

    /** A quoted column name: the suite's names are lower case, which H2 and others fold to upper case unquoted. */
    protected String q(String column) {
        return db.quote(column);
    }

    protected String t(String table) {
        return db.qualified(schema, table);
    }

    @Override
    public void execute(String sql) throws SQLException {
        try (Connection c = db.openAdmin(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static TableInfo find(List<TableInfo> tables, String name) {
        return tables.stream().filter(i -> i.id().name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not listed in " + tables));
    }

    @Override
    public List<List<String>> readAll(TableId table, ReadOptions options) throws Exception {
        try (DatabaseConnector connector = open(); BufferAllocator allocator = new RootAllocator();
                ArrowReader reader = connector.readTable(table, options, allocator)) {
            return ArrowValues.rows(reader);
        }
    }

    private static List<List<String>> sortedById(List<List<String>> rows) {
        return rows.stream().sorted((a, b) -> Long.compare(Long.parseLong(a.get(0)), Long.parseLong(b.get(0)))).toList();
    }

    private static long count(ArrowReader reader) throws Exception {
        long n = 0;
        while (reader.loadNextBatch()) {
            n += reader.getVectorSchemaRoot().getRowCount();
        }
        return n;
    }
}

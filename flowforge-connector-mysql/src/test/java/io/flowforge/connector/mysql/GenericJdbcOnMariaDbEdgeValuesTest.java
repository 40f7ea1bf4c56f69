package io.flowforge.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.IncrementalRead;
import io.flowforge.connector.IncrementalRequest;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.UpperBoundStrategy;
import io.flowforge.connector.testkit.ArrowValues;
import io.flowforge.connector.testkit.LiveDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
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
 * The generic {@code jdbc} connector given a {@code jdbc:mariadb:} URL reads what the mysql
 * connector reads: FLOAT as stored, wall clocks inside a daylight-saving gap unmoved (the build
 * runs this class in UTC and in America/New_York), and a zero date as a failure, not a NULL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GenericJdbcOnMariaDbEdgeValuesTest {

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
            unreachable = problem;
            return;
        }
        LiveDatabases.requireReachable(db.displayName(), db.location(), problem);
        execute("CREATE DATABASE " + schema);
        execute("CREATE TABLE " + schema + ".t (id int PRIMARY KEY, f float, dt datetime(6))");
        execute("INSERT INTO " + schema + ".t VALUES (1, 16777217, '2021-03-14 02:30:00.5'), (2, 1e0/3, '2021-11-07 01:30:00'),"
                + " (3, NULL, NULL)");
        try (Connection c = db.openAdmin(); Statement s = c.createStatement()) {
            s.execute("SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION'");
            s.execute("CREATE TABLE " + schema + ".zero (id int PRIMARY KEY, d date)");
            s.execute("CREATE TABLE " + schema + ".gap (id int PRIMARY KEY, dt datetime(6))");
            s.execute("INSERT INTO " + schema + ".gap VALUES (1, '2021-03-14 02:30:00.5')");
            s.execute("INSERT INTO " + schema + ".zero VALUES (1, '0000-00-00')");
        }
    }

    @BeforeEach
    void skipWhenUnreachable() {
        LiveDatabases.requireReachable(db.displayName(), db.location(), unreachable);
    }

    @AfterAll
    void tearDown() throws SQLException {
        if (unreachable.isEmpty()) {
            execute("DROP DATABASE IF EXISTS " + schema);
        }
    }

    @Test
    void floatsAndWallClocksReadAsStored() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (DatabaseConnector connector = open(); BufferAllocator allocator = new RootAllocator();
                ArrowReader reader = connector.readTable(TableId.of(schema, "t"), ReadOptions.defaults(), allocator)) {
            while (reader.loadNextBatch()) {
                var root = reader.getVectorSchemaRoot();
                for (int i = 0; i < root.getRowCount(); i++) {
                    rows.add(List.of(ArrowValues.render(root.getVector("f"), i) + "",
                            ArrowValues.render(root.getVector("dt"), i) + ""));
                }
            }
        }
        assertThat(rows).containsExactly(List.of("1.6777216E7", "2021-03-14T02:30:00.500000"),
                List.of("0.33333334", "2021-11-07T01:30:00.000000"), List.of("null", "null"));
    }

    @Test
    void wallClockWatermarksDoNotMove() throws Exception {
        try (DatabaseConnector connector = open(); BufferAllocator allocator = new RootAllocator();
                IncrementalRead read = connector.readIncremental(IncrementalRequest.initial(TableId.of(schema, "gap"), "dt")
                        .withUpperBound(UpperBoundStrategy.MAX_INCLUSIVE).withLag(java.time.Duration.ZERO),
                        ReadOptions.defaults(), allocator)) {
            assertThat(read.window().upper().orElseThrow().toJavaValue()).isEqualTo(LocalDateTime.of(2021, 3, 14, 2, 30, 0, 500_000_000));
        }
    }

    @Test
    void zeroDatesFailInsteadOfReadingAsNull() {
        assertThatThrownBy(() -> {
            try (DatabaseConnector connector = open(); BufferAllocator allocator = new RootAllocator();
                    ArrowReader reader = connector.readTable(TableId.of(schema, "zero"), ReadOptions.defaults(), allocator)) {
                reader.loadNextBatch();
            }
        }).hasMessageStartingWith("Cannot read '" + schema + ".zero': value 0000-00-00 of column 'd' is a MySQL zero date");
    }

    private DatabaseConnector open() {
        ConnectionConfig own = db.config(schema);
        return Connectors.open("jdbc", ConnectionConfig.builder().jdbcUrl(own.jdbcUrl()).username(own.username())
                .password(own.passwordSecret().orElse(null)).build());
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.openAdmin(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

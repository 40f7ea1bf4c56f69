package io.flowforge.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.jdbc.JdbcColumn;
import io.flowforge.connector.testkit.OwnDriverContract;
import java.sql.Types;
import java.time.Duration;
import java.util.Properties;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PGInterval;

/** The PostgreSQL dialect, factory and catalog decoding, with no database. */
class PostgreSqlDialectTest {

    /** The connector asks its own driver for connections (OwnDriverContract checks it live). */
    @Test
    void theFactorysDriverTakesTheDialectsUrls() throws Exception {
        OwnDriverContract.assertFactorysDriverTakesTheDialectsUrls(new PostgreSqlConnectorFactory(), new PostgreSqlDialect());
    }

    private final PostgreSqlDialect dialect = new PostgreSqlDialect();

    @Test
    void urlIsBuiltFromHostPortAndDatabaseWithThePasswordOnlyInProperties() {
        ConnectionConfig config = ConnectionConfig.builder().host("db.example").database("sales data").username("u")
                .password("s3cret!").loginTimeout(Duration.ofMillis(1500)).build();
        assertThat(dialect.jdbcUrl(config)).isEqualTo("jdbc:postgresql://db.example:5432/sales%20data");
        Properties p = dialect.driverProperties(config);
        assertThat(p).containsEntry("user", "u").containsEntry("password", "s3cret!")
                .containsEntry("ApplicationName", "FlowForge").containsEntry("loginTimeout", "2")
                .containsEntry("connectTimeout", "2").containsEntry("socketTimeout", "1800");
        assertThat(dialect.jdbcUrl(config)).doesNotContain("s3cret");
    }

    @Test
    void aHostWithUserInfoIsRefusedWithoutShowingThePassword() {
        assertThatThrownBy(() -> Connectors.open("postgresql",
                ConnectionConfig.builder().host("user:Secret@db").database("d").username("u").build()))
                .hasMessage("The postgresql connection configuration is incomplete: host 'user:******@db' must not "
                        + "contain '/', '?', '&', '@' or spaces: give the host name, and the port and database separately; "
                        + "the user and password as username and password.");
    }

    @Test
    void factoryListsEveryMissingOptionAtOnce() {
        assertThatThrownBy(() -> Connectors.open("postgresql", ConnectionConfig.builder().build()))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("The postgresql connection configuration is incomplete: missing host, database, username "
                        + "(port is optional and defaults to 5432).");
        assertThatThrownBy(() -> Connectors.open("postgresql", ConnectionConfig.builder().jdbcUrl("jdbc:mysql://x/y").build()))
                .hasMessage("The postgresql connection configuration is incomplete: jdbcUrl must start with 'jdbc:postgresql:'.");
    }

    @Test
    void identifiersAreDoubleQuotedWithQuotesDoubled() {
        assertThat(dialect.quoteIdentifier("quo\"te")).isEqualTo("\"quo\"\"te\"");
    }

    @Test
    void watermarksCompareAsTheColumnsOwnTypeAndTheClockMatchesTheColumn() {
        JdbcColumn ts = new JdbcColumn("ts", 1, Types.TIMESTAMP, "timestamp", 26, 6, true);
        JdbcColumn tz = new JdbcColumn("tz", 1, Types.TIMESTAMP, "timestamptz", 35, 6, true);
        JdbcColumn d = new JdbcColumn("d", 1, Types.DATE, "date", 13, 0, true);
        assertThat(dialect.currentTimeExpression(ts)).isEqualTo("LOCALTIMESTAMP");
        assertThat(dialect.currentTimeExpression(tz)).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(dialect.currentTimeExpression(d)).isEqualTo("CURRENT_DATE");
        assertThat(dialect.watermarkParameter(tz)).isEqualTo("CAST(? AS timestamptz)");
        assertThat(dialect.watermarkType(tz)).contains(io.flowforge.connector.Watermark.Type.TIMESTAMP_TZ);
        assertThat(dialect.watermarkType(new JdbcColumn("u", 1, Types.OTHER, "uuid", 0, 0, true))).isEmpty();
    }

    @Test
    void catalogDecodesTypeModifiersAsPgjdbcReportsThem() {
        assertThat(PostgreSqlDialect.column("n", 1, "numeric", "b", ((12 << 16) | 3) + 4, true))
                .isEqualTo(new JdbcColumn("n", 1, Types.NUMERIC, "numeric", 12, 3, true));
        assertThat(PostgreSqlDialect.column("n", 1, "numeric", "b", -1, true).precision()).isZero();
        assertThat(PostgreSqlDialect.column("t", 1, "timestamp", "b", -1, false).scale()).isEqualTo(6);
        assertThat(PostgreSqlDialect.column("t", 1, "timestamp", "b", 0, false).scale()).isZero();
        assertThat(PostgreSqlDialect.column("a", 1, "_int4", "b", -1, true).jdbcType()).isEqualTo(Types.ARRAY);
        assertThat(PostgreSqlDialect.column("e", 1, "mood", "e", -1, true).jdbcType()).isEqualTo(Types.VARCHAR);
    }

    @Test
    void mappingIsAPureFunctionOfTheColumn() {
        PostgreSqlTypeMapping m = new PostgreSqlTypeMapping();
        ReadOptions o = ReadOptions.defaults();
        assertThat(m.map(new JdbcColumn("m", 1, Types.DOUBLE, "money", 0, 0, true), o).orElseThrow().selectItem("\"m\""))
                .isEqualTo("\"m\"::numeric AS \"m\"");
        assertThat(PostgreSqlTypeMapping.forQueryResults().map(new JdbcColumn("m", 1, Types.DOUBLE, "money", 0, 0, true), o)).isEmpty();
        assertThat(m.map(new JdbcColumn("n", 1, Types.NUMERIC, "numeric", 0, 0, true), o)).isEmpty();
        assertThat(m.map(new JdbcColumn("n", 1, Types.NUMERIC, "numeric", 39, 0, true), o)).isEmpty();
        assertThat(m.map(new JdbcColumn("e", 1, Types.VARCHAR, "mood", 0, 0, true), o).orElseThrow().field().getType())
                .isEqualTo(ArrowType.Utf8.INSTANCE);
        assertThat(m.map(new JdbcColumn("t", 1, Types.TIME, "timetz", 21, 6, true), o)).isEmpty();
    }

    @Test
    void intervalsBecomeIso8601Durations() throws Exception {
        assertThat(PostgreSqlReaders.isoInterval(new PGInterval("1 year 2 mons 3 days 04:05:06.789"))).isEqualTo("P1Y2M3DT4H5M6.789S");
        assertThat(PostgreSqlReaders.isoInterval(new PGInterval("1 mon -2 days"))).isEqualTo("P1M-2D");
        assertThat(PostgreSqlReaders.isoInterval(new PGInterval("-00:00:00.000001"))).isEqualTo("PT-0.000001S");
        assertThat(PostgreSqlReaders.isoInterval(new PGInterval("00:00:00"))).isEqualTo("PT0S");
    }

    /** A result set whose getBytes and getString disagree, to see which one a text reader used. */
    private static java.sql.ResultSet wireAndDecoded() {
        return (java.sql.ResultSet) java.lang.reflect.Proxy.newProxyInstance(getClass0().getClassLoader(),
                new Class<?>[] {java.sql.ResultSet.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getBytes" -> "wire".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    case "getString" -> "decoded";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Class<?> getClass0() {
        return PostgreSqlDialectTest.class;
    }

    private static String readTextThrough(PostgreSqlTypeMapping mapping, String typeName) throws Exception {
        var column = mapping.map(new JdbcColumn("t", 1, Types.VARCHAR, typeName, 10, 0, true), ReadOptions.defaults()).orElseThrow();
        try (var allocator = new org.apache.arrow.memory.RootAllocator();
                var vector = new org.apache.arrow.vector.VarCharVector("t", allocator)) {
            vector.allocateNew();
            var bound = (io.flowforge.connector.jdbc.ColumnReader.BatchBound) column.reader().bindForBatches(vector, 1);
            bound.startBatch();
            bound.read(wireAndDecoded(), 0);
            bound.finishBatch(1);
            vector.setValueCount(1);
            return vector.getObject(0).toString();
        }
    }

    @Test
    void textIsTakenAsTheWireBytesUnlessEncodingChangesAreAllowed() throws Exception {
        ConnectionConfig plain = ConnectionConfig.builder().jdbcUrl("jdbc:postgresql://h/d").username("u").build();
        ConnectionConfig allowing = ConnectionConfig.builder().jdbcUrl("jdbc:postgresql://h/d").username("u")
                .property("allowEncodingChanges", "true").build();
        for (String type : new String[] {"varchar", "text", "bpchar", "name"}) {
            assertThat(readTextThrough(PostgreSqlConnector.mapping(new PostgreSqlTypeMapping(), plain), type)).isEqualTo("wire");
            assertThat(readTextThrough(PostgreSqlConnector.mapping(new PostgreSqlTypeMapping(), allowing), type)).isEqualTo("decoded");
            assertThat(readTextThrough(PostgreSqlConnector.mapping(PostgreSqlTypeMapping.forQueryResults(), allowing), type))
                    .isEqualTo("decoded");
        }
        // Text-like types whose wire form is not necessarily their text (jsonb's binary form has a version byte).
        for (String type : new String[] {"json", "jsonb", "xml", "citext", "inet"}) {
            assertThat(readTextThrough(PostgreSqlConnector.mapping(new PostgreSqlTypeMapping(), plain), type)).isEqualTo("decoded");
        }
    }
}

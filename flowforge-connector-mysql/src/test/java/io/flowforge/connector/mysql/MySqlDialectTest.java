package io.flowforge.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.jdbc.InformationSchemaCatalog;
import io.flowforge.connector.jdbc.JdbcColumn;
import io.flowforge.connector.jdbc.ValueOutOfRangeException;
import io.flowforge.connector.testkit.OwnDriverContract;
import java.sql.Types;
import java.util.Properties;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;

/** The MySQL dialect, factory, catalog decoding and TIME parsing, with no database. */
class MySqlDialectTest {

    /** The connector asks its own driver for connections (OwnDriverContract checks it live). */
    @Test
    void theFactorysDriverTakesTheDialectsUrls() throws Exception {
        OwnDriverContract.assertFactorysDriverTakesTheDialectsUrls(new MySqlConnectorFactory(), new MySqlDialect());
    }

    private final MySqlDialect dialect = new MySqlDialect();

    @Test
    void urlAndPropertiesOpenAUtcSessionThatKeepsTinyintIntegers() {
        ConnectionConfig config = ConnectionConfig.builder().host("db.example").database("shop").username("u")
                .password("s3cret!").build();
        assertThat(dialect.jdbcUrl(config)).isEqualTo("jdbc:mariadb://db.example:3306/shop");
        Properties p = dialect.driverProperties(config);
        assertThat(p).containsEntry("sessionVariables", "time_zone='+00:00'").containsEntry("tinyInt1isBit", "false")
                .containsEntry("connectTimeout", "15000").containsEntry("password", "s3cret!");
    }

    @Test
    void factoryListsEveryMissingOptionAtOnce() {
        assertThatThrownBy(() -> Connectors.open("mysql", ConnectionConfig.builder().build()))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("The mysql connection configuration is incomplete: missing host, username "
                        + "(port is optional and defaults to 3306).");
        assertThatThrownBy(() -> Connectors.open("mysql", ConnectionConfig.builder().host("a/b").username("u").build()))
                .hasMessageContaining("host 'a/b' must not contain");
    }

    @Test
    void aHostWithUserInfoIsRefusedWithoutShowingThePassword() {
        assertThatThrownBy(() -> Connectors.open("mysql", ConnectionConfig.builder().host("user:Secret@db").username("u").build()))
                .hasMessage("The mysql connection configuration is incomplete: host 'user:******@db' must not contain '/', "
                        + "'?', '&', ',', '@' or spaces: give the host name, and the port and database separately; the user "
                        + "and password as username and password.");
    }

    @Test
    void backticksAreDoubledInsideIdentifiers() {
        assertThat(dialect.quoteIdentifier("back`tick")).isEqualTo("`back``tick`");
    }

    @Test
    void clockMatchesHowEachColumnTypeIsStamped() {
        assertThat(dialect.currentTimeExpression(new JdbcColumn("t", 1, Types.TIMESTAMP, "TIMESTAMP", 26, 6, true)))
                .isEqualTo("UTC_TIMESTAMP(6)");
        assertThat(dialect.currentTimeExpression(new JdbcColumn("t", 1, Types.TIMESTAMP, "DATETIME", 26, 6, true)))
                .isEqualTo("CONVERT_TZ(UTC_TIMESTAMP(6), '+00:00', @@global.time_zone)");
        assertThat(dialect.currentTimeExpression(new JdbcColumn("d", 1, Types.DATE, "DATE", 10, 0, true)))
                .isEqualTo("CAST(CONVERT_TZ(UTC_TIMESTAMP(6), '+00:00', @@global.time_zone) AS DATE)");
    }

    @Test
    void catalogRowsLookLikeTheDriversColumns() throws Exception {
        assertThat(column("b", 1, "bigint", "bigint(20) unsigned", 20, 0, 0, 0, false))
                .isEqualTo(new JdbcColumn("b", 1, Types.BIGINT, "BIGINT UNSIGNED", 20, 0, false));
        assertThat(column("d", 1, "datetime", "datetime(3)", 0, 0, 3, 0, true))
                .isEqualTo(new JdbcColumn("d", 1, Types.TIMESTAMP, "DATETIME", 23, 3, true));
        assertThat(column("f", 1, "bit", "bit(12)", 12, 0, 0, 0, true).precision()).isEqualTo(12);
        assertThat(column("m", 2, "decimal", "decimal(12,3)", 12, 3, 0, 0, true))
                .isEqualTo(new JdbcColumn("m", 2, Types.DECIMAL, "DECIMAL", 12, 3, true));
        assertThat(column("v", 3, "varchar", "varchar(40)", 0, 0, 0, 40, true))
                .isEqualTo(new JdbcColumn("v", 3, Types.VARCHAR, "VARCHAR", 40, 0, true));
        assertThat(column("x", 4, "double", "double(10,4)", 22, 4, 0, 0, true).scale()).isZero();
    }

    /** A row of information_schema.COLUMNS (0 for NULL), decoded as the catalog decodes it. */
    private static JdbcColumn column(String name, int ordinal, String dataType, String columnType, long numericPrecision,
            long numericScale, long datetimePrecision, long characterLength, boolean nullable) throws Exception {
        return MySqlDialect.column(new InformationSchemaCatalog.ColumnRow(name, ordinal, dataType, numericPrecision,
                numericScale, datetimePrecision, characterLength, nullable, null), columnType);
    }

    @Test
    void mappingNeverNarrowsAValue() {
        MySqlTypeMapping m = new MySqlTypeMapping();
        ReadOptions o = ReadOptions.defaults();
        assertThat(m.map(new JdbcColumn("b", 1, Types.BIGINT, "BIGINT UNSIGNED", 20, 0, true), o).orElseThrow().field().getType())
                .isEqualTo(new ArrowType.Decimal(20, 0, 128));
        assertThat(m.map(new JdbcColumn("f", 1, Types.BOOLEAN, "BOOLEAN", 1, 0, true), o).orElseThrow().field().getType())
                .isEqualTo(new ArrowType.Int(16, true));
        assertThat(m.map(new JdbcColumn("g", 1, Types.OTHER, "GEOMETRY", 0, 0, true), o)).isEmpty();
        assertThat(m.unsupportedReason(new JdbcColumn("g", 1, Types.OTHER, "GEOMETRY", 0, 0, true)))
                .contains("ST_AsBinary(col)");
    }

    @Test
    void timeOfDayIsParsedExactlyAndDurationsFail() throws Exception {
        assertThat(MySqlReaders.timeOfDayMicros("23:59:59.999999", "c")).isEqualTo(86_399_999_999L);
        assertThat(MySqlReaders.timeOfDayMicros("01:02:03.5", "c")).isEqualTo(3_723_500_000L);
        assertThatThrownBy(() -> MySqlReaders.timeOfDayMicros("-00:00:01", "c")).isInstanceOf(ValueOutOfRangeException.class);
        assertThatThrownBy(() -> MySqlReaders.timeOfDayMicros("24:00:00", "c")).isInstanceOf(ValueOutOfRangeException.class);
    }
}

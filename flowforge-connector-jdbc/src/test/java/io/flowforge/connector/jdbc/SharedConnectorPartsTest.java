package io.flowforge.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.ConnectionConfig;
import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import io.flowforge.connector.TableInfo;
import io.flowforge.connector.Watermark;
import io.flowforge.connector.arrow.RowCountReport;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;

/**
 * The parts connectors share instead of writing them each: the information_schema catalog (on H2,
 * which keeps the standard's views), the declarative type table, ISO interval text, the
 * {@code flowforge.*} properties kept from drivers, and the bulk read's method switch.
 */
class SharedConnectorPartsTest {

    @Test
    void informationSchemaCatalogListsDescribesAndKeysTablesOfTheCurrentSchema() throws Exception {
        JdbcCatalog catalog = InformationSchemaCatalog.of("CURRENT_SCHEMA", List.of("INFORMATION_SCHEMA"), List.of(), null,
                List.of(), c -> new JdbcColumn(c.name(), c.ordinal(), Types.OTHER, c.dataType(), c.precision(), c.scale(),
                        c.nullable()));
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:iscat;DB_CLOSE_DELAY=-1");
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA s");
            s.execute("SET SCHEMA s");
            s.execute("CREATE TABLE t (a INT NOT NULL, b VARCHAR(20) NOT NULL, d DECIMAL(12,3), ts TIMESTAMP(3), PRIMARY KEY (b, a))");
            s.execute("CREATE VIEW v AS SELECT a FROM t");
            assertThat(catalog.listTables(c)).containsExactly(
                    new TableInfo(TableId.of("S", "T"), TableInfo.Kind.TABLE, OptionalLong.empty()),
                    new TableInfo(TableId.of("S", "V"), TableInfo.Kind.VIEW, OptionalLong.empty()));
            assertThat(catalog.table(c, TableId.of(null, "V")).orElseThrow().kind()).isEqualTo(TableInfo.Kind.VIEW);
            assertThat(catalog.columns(c, TableId.of(null, "T"))).containsExactly(
                    new JdbcColumn("A", 1, Types.OTHER, "INTEGER", 32, 0, false),
                    new JdbcColumn("B", 2, Types.OTHER, "CHARACTER VARYING", 20, 0, false),
                    new JdbcColumn("D", 3, Types.OTHER, "NUMERIC", 12, 3, true),
                    new JdbcColumn("TS", 4, Types.OTHER, "TIMESTAMP", 0, 3, true));
            assertThat(catalog.primaryKey(c, TableId.of("S", "T"))).containsExactly("B", "A");
            assertThat(catalog.columns(c, TableId.of("S", "MISSING"))).isEmpty();
        }
    }

    @Test
    void typeTableNamesATypeOnceForItsJdbcCodeWatermarkAndMapping() {
        TypeTable table = new TypeTable(JdbcColumn::typeName,
                TypeTable.row(Types.INTEGER, Watermark.Type.INTEGER, StandardColumnMappings::int32, "int4", "serial"),
                TypeTable.row(Types.VARCHAR, StandardColumnMappings::utf8, "name"),
                TypeTable.unsupported(Types.TIME, "timetz"));
        JdbcColumn serial = new JdbcColumn("id", 1, Types.INTEGER, "SERIAL", 10, 0, false);
        assertThat(table.map(serial).orElseThrow().field().getType()).isEqualTo(new ArrowType.Int(32, true));
        assertThat(table.watermarkType(serial)).contains(Watermark.Type.INTEGER);
        assertThat(table.watermarkType(new JdbcColumn("n", 1, Types.VARCHAR, "name", 63, 0, true))).isEmpty();
        assertThat(table.jdbcType("int4")).isEqualTo(Types.INTEGER);
        assertThat(table.jdbcType("mood")).isEqualTo(Types.OTHER);
        assertThat(table.supportedNames()).containsExactlyInAnyOrder("int4", "serial", "name");
        // Known but unsupported, and unknown: text only when the driver reports text.
        assertThat(table.map(new JdbcColumn("t", 1, Types.TIME, "timetz", 21, 6, true))).isEmpty();
        assertThat(table.map(new JdbcColumn("e", 1, Types.VARCHAR, "mood", 0, 0, true)).orElseThrow().field().getType())
                .isEqualTo(ArrowType.Utf8.INSTANCE);
        assertThat(table.map(new JdbcColumn("g", 1, Types.OTHER, "geometry", 0, 0, true))).isEmpty();
        assertThatThrownBy(() -> new TypeTable(JdbcColumn::typeName, TypeTable.row(Types.BIGINT, StandardColumnMappings::int64, "x"),
                TypeTable.row(Types.INTEGER, StandardColumnMappings::int32, "X"))).hasMessageContaining("two rows");
    }

    @Test
    void intervalsAreIsoDurationsWithEachPartSigned() {
        assertThat(IntervalText.iso(14, 3, 14_706_789_000L)).isEqualTo("P1Y2M3DT4H5M6.789S");
        assertThat(IntervalText.iso(-14, -3, -14_706_789_000L)).isEqualTo("P-1Y-2M-3DT-4H-5M-6.789S");
        assertThat(IntervalText.iso(1, -2, 0)).isEqualTo("P1M-2D");
        assertThat(IntervalText.iso(0, 0, -1)).isEqualTo("PT-0.000001S");
        assertThat(IntervalText.iso(-1, 2, 0, 0)).isEqualTo("P-1Y2M");
        assertThat(IntervalText.iso(0, 0, 0)).isEqualTo("PT0S");
    }

    @Test
    void flowforgeSwitchesNeverReachTheDriver() {
        ConnectionConfig config = ConnectionConfig.builder().jdbcUrl("jdbc:h2:mem:x").property("flowforge.readMethod", "jdbc")
                .property("loginTimeout", "5").build();
        assertThat(new DefaultJdbcDialect().driverProperties(config)).containsEntry("loginTimeout", "5")
                .doesNotContainKey("flowforge.readMethod");
    }

    @Test
    void anUnknownReadMethodFailsWhenTheConnectorIsMade() {
        BulkTableRead<Object> bulk = new BulkTableRead<>() {
            @Override
            public String name() {
                return "copy";
            }

            @Override
            public String description() {
                return "binary COPY";
            }

            @Override
            public Class<Object> decoderType() {
                return Object.class;
            }

            @Override
            public ArrowReader open(String source, Connection connection, JdbcDialect dialect, TableId table, String where,
                    SelectedColumns columns, List<Object> decoders, ReadOptions options, BufferAllocator allocator,
                    UnaryOperator<String> redact, RowCountReport.RowCount count) {
                throw new AssertionError("not read");
            }
        };
        ConnectionConfig fast = ConnectionConfig.builder().jdbcUrl("jdbc:h2:mem:x").property("flowforge.readMethod", "fast").build();
        assertThatThrownBy(() -> new JdbcConnector("t", fast, new DefaultJdbcDialect(), new GenericJdbcTypeMapping(), bulk) {})
                .isInstanceOf(ConnectorException.class)
                .hasMessage("Connection property flowforge.readMethod is 'fast'; use copy (binary COPY, the default) or jdbc.");
    }
}

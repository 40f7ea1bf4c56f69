package io.flowforge.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.ConnectorException;
import io.flowforge.connector.ReadOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whatever a driver or a conversion throws while a column reader reads a value (a driver's
 * SQLException, a DateTimeException, an IllegalArgumentException) fails the read with the source,
 * the column, its type, the row and the value's text, with the driver's own words after them.
 */
class UnreadableValueTest {

    static BfsiH2 db;

    @BeforeAll
    static void load() throws Exception {
        db = BfsiH2.create();
        db.execute("CREATE TABLE dbo.texts (id INT PRIMARY KEY, txt VARCHAR(20))",
                "INSERT INTO dbo.texts VALUES (1, '12.5'), (2, 'abc'), (3, 'not-a-uuid')");
    }

    @AfterAll
    static void shutdown() throws Exception {
        db.close();
    }

    /** A driver's SQLException: H2 cannot read 'abc' as a decimal. */
    @Test
    void aDriversExceptionNamesSourceColumnRowAndValue() throws Exception {
        JdbcColumn txt = new JdbcColumn("txt", 2, Types.DECIMAL, "VARCHAR", 10, 2, true);
        assertThatThrownBy(() -> read("SELECT id, txt FROM dbo.texts WHERE id <= 2 ORDER BY id",
                StandardColumnMappings.decimal(txt, 10, 2), txt))
                .isInstanceOf(ConnectorException.class)
                .hasMessageStartingWith("Cannot read 'dbo.texts': value abc of column 'txt' (VARCHAR) in row 2 could not "
                        + "be read: Data conversion error converting \"abc\"");
    }

    /** A conversion's RuntimeException, which used to escape the reader with no column at all. */
    @Test
    void aConversionsExceptionNamesSourceColumnRowAndValue() throws Exception {
        JdbcColumn txt = new JdbcColumn("txt", 2, Types.OTHER, "VARCHAR", 20, 0, true);
        assertThatThrownBy(() -> read("SELECT id, txt FROM dbo.texts WHERE id = 3", StandardColumnMappings.uuid(txt), txt))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("Cannot read 'dbo.texts': value not-a-uuid of column 'txt' (VARCHAR) in row 1 could not be read: "
                        + "IllegalArgumentException: Invalid UUID string: not-a-uuid.");
    }

    private static void read(String sql, ColumnMapping mapping, JdbcColumn column) throws Exception {
        JdbcColumn id = new JdbcColumn("id", 1, Types.INTEGER, "INTEGER", 10, 0, false);
        SelectedColumns columns = new SelectedColumns(List.of(id, column), List.of(StandardColumnMappings.int32(id), mapping));
        Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery();
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader reader = ResultSetArrowReader.open("dbo.texts", c, ps, rs, columns, new int[] {1, 2},
                        ReadOptions.defaults(), allocator, s -> s)) {
            while (reader.loadNextBatch()) {
                assertThat(reader.getVectorSchemaRoot().getRowCount()).isPositive();
            }
        }
    }
}

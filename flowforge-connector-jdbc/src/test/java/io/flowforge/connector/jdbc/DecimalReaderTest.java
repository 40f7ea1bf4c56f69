package io.flowforge.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowforge.connector.ReadOptions;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The decimal reader's two paths: up to 18 digits through a long (sign extension of negative
 * values, a scale padded with zeros), beyond that through BigDecimal; both exact.
 */
class DecimalReaderTest {

    static BfsiH2 db;
    static GenericJdbcConnector connector;

    @BeforeAll
    static void load() throws Exception {
        db = BfsiH2.create();
        db.execute("CREATE TABLE dbo.money (id INT PRIMARY KEY, d18 DECIMAL(18,2), d38 DECIMAL(38,2), d4 DECIMAL(4,2))",
                "INSERT INTO dbo.money VALUES (1, -9999999999999999.99, -123456789012345678901234567890123456.78, -0.01)",
                "INSERT INTO dbo.money VALUES (2, 9999999999999999.99, 123456789012345678901234567890123456.78, 99.99)",
                "INSERT INTO dbo.money VALUES (3, 0.5, 0.5, 0)",
                "INSERT INTO dbo.money VALUES (4, NULL, -1, NULL)",
                "INSERT INTO dbo.money VALUES (5, -1.10, 9223372036854775.80, -99.99)");
        connector = new GenericJdbcConnector(db.config());
    }

    @AfterAll
    static void shutdown() throws Exception {
        db.close();
    }

    @Test
    void decimalsOfEverySizeAreExact() throws Exception {
        List<String> rows = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader r = connector.readQuery("SELECT d18, d38, d4 FROM dbo.money ORDER BY id",
                        ReadOptions.defaults(), allocator)) {
            while (r.loadNextBatch()) {
                VectorSchemaRoot root = r.getVectorSchemaRoot();
                for (int i = 0; i < root.getRowCount(); i++) {
                    List<String> cells = new ArrayList<>();
                    for (FieldVector v : root.getFieldVectors()) {
                        Object o = v.getObject(i);
                        cells.add(o == null ? "null" : ((BigDecimal) o).toPlainString());
                    }
                    rows.add(String.join(" ", cells));
                }
            }
        }
        assertThat(rows).containsExactly(
                "-9999999999999999.99 -123456789012345678901234567890123456.78 -0.01",
                "9999999999999999.99 123456789012345678901234567890123456.78 99.99",
                "0.50 0.50 0.00",
                "null -1.00 null",
                "-1.10 9223372036854775.80 -99.99");
    }

    @Test
    void moreFractionalDigitsThanTheScaleOrTooManyDigitsFailInsteadOfRounding() throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                DecimalVector v = new DecimalVector("amount", allocator, 15, 2)) {
            v.allocateNew();
            ColumnReader.Bound reader = StandardColumnReaders.decimal().bind(v, 1);
            reader.read(resultSetOf(new BigDecimal("-7.5")), 0);
            reader.read(resultSetOf(new BigDecimal("9999999999999.99")), 1);
            v.setValueCount(2);
            assertThat(v.getObject(0)).isEqualTo(new BigDecimal("-7.50"));
            assertThat(v.getObject(1)).isEqualTo(new BigDecimal("9999999999999.99"));
            assertThatThrownBy(() -> reader.read(resultSetOf(new BigDecimal("1.005")), 2))
                    .isInstanceOf(ValueOutOfRangeException.class)
                    .hasMessageContaining("1.005").hasMessageContaining("has more than 2 fractional digits");
            assertThatThrownBy(() -> reader.read(resultSetOf(new BigDecimal("10000000000000.00")), 2))
                    .isInstanceOf(ValueOutOfRangeException.class)
                    .hasMessageContaining("does not fit decimal(15,2)");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "18, 0, 999999999999999999, 999999999999999999",
        "18, 0, -999999999999999999, -999999999999999999",
        "18, 4, -99999999999999.9999, -99999999999999.9999",
        "18, 4, 12.5, 12.5000",
        "18, 4, 0E-10, 0.0000",
        "18, 4, -0.0001, -0.0001",
        "10, 2, 1E+3, 1000.00",
        "5, -2, 1.23E+4, 12300",
        "5, -2, -9999900, -9999900",
        "19, 0, 9223372036854775807, 9223372036854775807",
        "38, 10, -1234567890123456789012345678.0123456789, -1234567890123456789012345678.0123456789",
    })
    void valuesUpToEighteenDigitsTakeTheLongPathAndLandExactly(int precision, int scale, String in, String expected)
            throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
                DecimalVector v = new DecimalVector("amount", allocator, precision, scale)) {
            v.allocateNew();
            ColumnReader.Bound reader = StandardColumnReaders.decimal().bind(v, 1);
            // Both a compact BigDecimal and one built from a BigInteger (as some drivers do).
            BigDecimal compact = new BigDecimal(in);
            reader.read(resultSetOf(compact), 0);
            reader.read(resultSetOf(new BigDecimal(compact.unscaledValue(), compact.scale())), 1);
            v.setValueCount(2);
            assertThat(v.getObject(0).toPlainString()).isEqualTo(new BigDecimal(expected).toPlainString());
            assertThat(v.getObject(1)).isEqualTo(v.getObject(0));
        }
    }

    /** A result set whose getBigDecimal answers the value (and nothing else is called). */
    private static ResultSet resultSetOf(BigDecimal value) {
        return (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getBigDecimal")) {
                        return value;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}

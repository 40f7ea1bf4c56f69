package io.flowforge.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link JdbcDialect#connect}: the dialect's own driver for the URLs it takes, DriverManager for the rest. */
class DialectConnectTest {

    /** Takes {@code jdbc:private:<h2 url>} and opens H2 itself; never registered with DriverManager. */
    static final class PrivateDriver extends TestDriver {
        final AtomicInteger connects = new AtomicInteger();
        final boolean answersNull;

        PrivateDriver(boolean answersNull) {
            this.answersNull = answersNull;
        }

        @Override
        public Connection connect(String url, Properties info) throws SQLException {
            if (!acceptsURL(url)) {
                return null;
            }
            connects.incrementAndGet();
            return answersNull ? null : new org.h2.Driver().connect(url.substring("jdbc:private:".length()), info);
        }

        @Override
        public boolean acceptsURL(String url) {
            return url.startsWith("jdbc:private:");
        }
    }

    static final class PrivateDialect extends DefaultJdbcDialect {
        final PrivateDriver driver;

        PrivateDialect(PrivateDriver driver) {
            this.driver = driver;
        }

        @Override
        public Optional<Driver> driver() {
            return Optional.of(driver);
        }
    }

    @Test
    void theDialectsDriverOpensTheUrlsItTakesThoughDriverManagerDoesNotKnowIt() throws SQLException {
        String url = "jdbc:private:jdbc:h2:mem:dialect_connect;DB_CLOSE_DELAY=-1";
        assertThatThrownBy(() -> DriverManager.getConnection(url)).hasMessageContaining("No suitable driver");
        PrivateDriver driver = new PrivateDriver(false);
        try (Connection c = new PrivateDialect(driver).connect(url, new Properties());
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 41 + 1")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
        assertThat(driver.connects).hasValue(1);
    }

    @Test
    void otherUrlsGoToDriverManager() throws SQLException {
        CountingDriver.register();
        CountingDriver.CONNECTS.set(0);
        PrivateDriver driver = new PrivateDriver(false);
        try (Connection c = new PrivateDialect(driver).connect("jdbc:counting:h2:mem:dialect_other", new Properties())) {
            assertThat(c.isValid(1)).isTrue();
        }
        assertThat(driver.connects).hasValue(0);
        assertThat(CountingDriver.CONNECTS).hasValue(1);
        // The generic dialect names no driver: DriverManager, as before.
        assertThat(new DefaultJdbcDialect().driver()).isEmpty();
    }

    @Test
    void aDriverThatTakesTheUrlAndReturnsNoConnectionIsAnErrorWithoutTheSecret() {
        PrivateDialect dialect = new PrivateDialect(new PrivateDriver(true));
        assertThatThrownBy(() -> dialect.connect("jdbc:private:jdbc:h2:mem:x;password=Hunter2", new Properties()))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("returned no connection")
                .hasMessageNotContaining("Hunter2")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
    }
}

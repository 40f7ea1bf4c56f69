package io.flowforge.connector.jdbc;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;

/**
 * Tells the pool to drop a connection whose driver said it is gone, beyond HikariCP's own list of
 * SQL states (class 08, PostgreSQL's 57P0x): drivers report a killed session with their own
 * states (H2 90067/90098/90121, MariaDB 70100), but as a connection exception type.
 */
final class BrokenConnectionRule implements SQLExceptionOverride {

    @java.lang.Override  // plain @Override would name SQLExceptionOverride.Override
    public Override adjudicate(SQLException e) {
        if (e instanceof SQLNonTransientConnectionException || e instanceof SQLRecoverableException) {
            return Override.MUST_EVICT;
        }
        String state = e.getSQLState();
        if (state != null && (state.equals("70100") || state.equals("90067") || state.equals("90098")
                || state.equals("90121"))) {
            return Override.MUST_EVICT;
        }
        return Override.CONTINUE_EVICT;
    }
}

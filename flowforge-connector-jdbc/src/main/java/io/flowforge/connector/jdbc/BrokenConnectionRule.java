package io.flowforge.connector.jdbc;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;

/**
 * Tells the pool to drop a connection whose driver said it is gone, beyond HikariCP's own list of
 * SQL states (class 08, PostgreSQL's 57P0x): H2 reports a killed session with its own states
 * (90067/90098/90121), as a connection exception type. (MariaDB reports one as 08000, which HikariCP
 * handles itself; its 70100 is a cancelled query on a healthy connection, so it is kept.)
 */
final class BrokenConnectionRule implements SQLExceptionOverride {

    @java.lang.Override  // plain @Override would name SQLExceptionOverride.Override
    public Override adjudicate(SQLException e) {
        if (e instanceof SQLNonTransientConnectionException || e instanceof SQLRecoverableException) {
            return Override.MUST_EVICT;
        }
        String state = e.getSQLState();
        if (state != null && (state.equals("90067") || state.equals("90098") || state.equals("90121"))) {
            return Override.MUST_EVICT;
        }
        return Override.CONTINUE_EVICT;
    }
}

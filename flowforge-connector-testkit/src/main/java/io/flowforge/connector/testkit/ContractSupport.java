package io.flowforge.connector.testkit;

import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableId;
import java.sql.SQLException;
import java.util.List;

/**
 * What the contract suite's groups of cases share with {@link ConnectorContractTest}: the database
 * under test, the run's schema and the helpers every case uses. The groups are test interfaces
 * (JUnit runs their default {@code @Test} methods on every class implementing them), so each
 * connector's contract test runs them without a line of its own.
 */
public interface ContractSupport {

    /** The database under test. */
    ContractDatabase contractDatabase();

    /** The run's own schema, created before and dropped after the cases. */
    String contractSchema();

    /** The connector under test, configured for the run's schema. */
    DatabaseConnector open();

    /** Runs one statement as the administrator. */
    void execute(String sql) throws SQLException;

    /** Every row of a table read through the connector, each as rendered values in column order. */
    List<List<String>> readAll(TableId table, ReadOptions options) throws Exception;
}

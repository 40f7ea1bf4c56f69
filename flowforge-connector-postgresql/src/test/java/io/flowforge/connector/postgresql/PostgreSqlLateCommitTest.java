package io.flowforge.connector.postgresql;

import io.flowforge.connector.testkit.ContractDatabase;
import io.flowforge.connector.testkit.LateCommitContractTest;

/** Late-committing transactions against the live PostgreSQL (a superuser login sees every session). */
class PostgreSqlLateCommitTest extends LateCommitContractTest {
    @Override
    protected ContractDatabase database() {
        return new PostgreSqlContractTest.PostgreSqlDatabase();
    }
}

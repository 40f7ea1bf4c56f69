package io.flowforge.connector.mysql;

import io.flowforge.connector.testkit.ContractDatabase;
import io.flowforge.connector.testkit.LateCommitContractTest;

/** Late-committing transactions against the live MariaDB (root has the PROCESS privilege). */
class MariaDbLateCommitTest extends LateCommitContractTest {
    @Override
    protected ContractDatabase database() {
        return new MariaDbContractTest.MariaDbDatabase();
    }
}

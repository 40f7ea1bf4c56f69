package io.flowforge.connector.testkit;

import io.flowforge.connector.testkit.example.ExampleH2ConnectorFactory;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * The guide's last step for its example connector (package {@code example}: a factory, a dialect
 * and a type mapping): the contract suite, the definition of done, memory case included
 * (Failsafe's run), and the own-driver case. Not repeated in the New York execution: {@code H2ContractTest} covers H2 in
 * that zone for the shared read path.
 */
@DisabledIfSystemProperty(named = "user.timezone", matches = "America/New_York")
class ExampleH2ContractTest extends ConnectorContractTest implements OwnDriverContract {

    @Override
    protected ContractDatabase database() {
        return new H2ContractTest.H2Database(ExampleH2ConnectorFactory.IDENTIFIER);
    }
}

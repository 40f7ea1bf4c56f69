package io.flowforge.connector.testkit;

import io.flowforge.connector.testkit.example.ExampleH2ConnectorFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The guide's last step for its example connector (package {@code example}: a factory, a dialect
 * and a type mapping, about 70 lines): the contract suite, the definition of done. Run in the UTC
 * execution only; {@code H2ContractTest} covers H2 in New York's zone for the shared read path.
 */
@EnabledIfSystemProperty(named = "user.timezone", matches = "UTC")
class ExampleH2ContractTest extends ConnectorContractTest {

    @Override
    protected ContractDatabase database() {
        return new H2ContractTest.H2Database(ExampleH2ConnectorFactory.IDENTIFIER);
    }
}

package io.flowforge.connector.testkit.example;

import io.flowforge.connector.jdbc.JdbcConnector;
import io.flowforge.connector.jdbc.JdbcConnectorFactory;
import java.util.List;

/**
 * The README's "Writing a connector" guide followed step by step, for H2: a factory (this class),
 * a dialect ({@link ExampleH2Dialect}), a type mapping ({@link ExampleH2TypeMapping}), a
 * services file, and the contract suite ({@code ExampleH2ContractTest}) as the definition of done.
 */
public final class ExampleH2ConnectorFactory extends JdbcConnectorFactory {

    public static final String IDENTIFIER = "example-h2";

    public ExampleH2ConnectorFactory() {
        super(new Settings(IDENTIFIER, "org.h2.Driver", "h2", 9092, "/?&@;",
                "give the host name, and the port and database separately", List.of("database", "username")),
                config -> new JdbcConnector(IDENTIFIER, config, new ExampleH2Dialect(), new ExampleH2TypeMapping()) {});
    }
}

package io.flowforge.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectorsTest {

    static class Alpha implements DatabaseConnectorFactory {
        @Override public String identifier() { return "alpha"; }
        @Override public DatabaseConnector create(ConnectionConfig config) { throw new UnsupportedOperationException(); }
    }

    static class Beta implements DatabaseConnectorFactory {
        @Override public String identifier() { return "beta"; }
        @Override public DatabaseConnector create(ConnectionConfig config) { throw new UnsupportedOperationException(); }
    }

    static class OtherAlpha extends Alpha {}

    @Test
    void selectsTheFactoryForAnIdentifier() {
        DatabaseConnectorFactory f = Connectors.select("beta", List.of(new Alpha(), new Beta()));
        assertThat(f).isInstanceOf(Beta.class);
    }

    @Test
    void noFactoriesAtAll() {
        assertThatThrownBy(() -> Connectors.select("sql-server", List.of()))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("No FlowForge connectors were found on the class path. Add a connector module "
                        + "(for example io.flowforge:flowforge-connector-sqlserver) as a dependency.");
    }

    @Test
    void unknownIdentifierListsTheAvailableOnesSorted() {
        assertThatThrownBy(() -> Connectors.select("oracle", List.of(new Beta(), new Alpha())))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("No connector for identifier 'oracle'. Available connectors: alpha, beta.");
    }

    @Test
    void ambiguousIdentifierNamesBothClasses() {
        assertThatThrownBy(() -> Connectors.select("alpha", List.of(new OtherAlpha(), new Alpha(), new Beta())))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("More than one connector for identifier 'alpha': "
                        + "io.flowforge.connector.ConnectorsTest$Alpha, io.flowforge.connector.ConnectorsTest$OtherAlpha. "
                        + "Keep only one of them on the class path.");
    }

    @Test
    void serviceLoaderWithNoServicesGivesTheNoneFoundError() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            // The bootstrap-parented loader cannot even see the SPI's services files.
            assertThat(Connectors.available(empty)).isEmpty();
            assertThatThrownBy(() -> Connectors.factory("sql-server", empty))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageStartingWith("No FlowForge connectors were found on the class path.");
        }
    }
}

package courtside.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment's settings agree across its files: the environment variables the services read (their
 * application.yml), the ones .env.example lists, and the ones docker-compose.yml passes to the containers and takes
 * from .env. A variable added in one place and forgotten in another fails here, by name. No Docker needed.
 */
class DeploymentConfigurationTests {

    private static final Deployment deployment = Deployment.ofThisRepository();

    @Test
    void theServicesReadTheVariablesOfDesignSection8() {
        assertThat(variablesTheServicesRead()).containsAll(Set.of("DB_USER", "DB_PASSWORD", "DB_NAME", "DB_HOST",
                "DB_PORT", "KAFKA_BROKER", "REDIS_ADDR", "STATS_API_KEY", "STATS_PORT", "AGGREGATION_PORT"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"stats-service", "aggregation-service"})
    void composeGivesEachServiceEveryVariableItReads(String service) {
        assertThat(minus(deployment.variablesReadBy(service), deployment.composeEnvironmentOf(service)))
                .as("variables %s reads (its application.yml) that docker-compose.yml does not set in its environment", service)
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"stats-service", "aggregation-service"})
    void composeGivesEachServiceNoVariableItDoesNotRead(String service) {
        assertThat(minus(deployment.composeEnvironmentOf(service), deployment.variablesReadBy(service)))
                .as("variables docker-compose.yml sets for %s that it does not read (no placeholder in its application.yml)", service)
                .isEmpty();
    }

    @Test
    void envExampleListsEveryVariableTheServicesRead() {
        assertThat(minus(variablesTheServicesRead(), deployment.envExampleKeys()))
                .as("variables the services read that .env.example does not list")
                .isEmpty();
    }

    @Test
    void envExampleListsNothingElseButWhatComposeTakesFromIt() {
        Set<String> composeOnly = minus(deployment.envExampleKeys(), variablesTheServicesRead());
        assertThat(minus(composeOnly, deployment.composeVariables()))
                .as(".env.example keys that neither a service nor docker-compose.yml uses")
                .isEmpty();
    }

    @Test
    void everyVariableComposeTakesFromEnvIsInEnvExample() {
        assertThat(minus(deployment.composeVariables(), deployment.envExampleKeys()))
                .as("variables docker-compose.yml interpolates that .env.example does not list")
                .isEmpty();
    }

    @Test
    void theContainerTestsRunTheServerImagesComposeRuns() {
        assertThat(deployment.composeImageOf("postgres")).isEqualTo(Containers.POSTGRES_IMAGE);
        assertThat(deployment.composeImageOf("kafka")).isEqualTo(Containers.KAFKA_IMAGE);
        assertThat(deployment.composeImageOf("kafka-init")).isEqualTo(Containers.KAFKA_IMAGE);
        assertThat(deployment.composeImageOf("redis")).isEqualTo(Containers.REDIS_IMAGE);
    }

    private static Set<String> variablesTheServicesRead() {
        Set<String> names = new TreeSet<>();
        Deployment.SERVICES.forEach(service -> names.addAll(deployment.variablesReadBy(service)));
        return names;
    }

    private static Set<String> minus(Set<String> these, Set<String> those) {
        Set<String> rest = new TreeSet<>(these);
        rest.removeAll(those);
        return rest;
    }
}

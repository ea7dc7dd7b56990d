package courtside.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The two images, as the workflow builds them, run the way docker-compose.yml runs them: the same variables, on one
 * network with PostgreSQL, Kafka and Redis, each container up when its own HEALTHCHECK says so. A real line posted
 * to stats-service's container shows in aggregation-service's cached average, equal to the SQL one.
 *
 * <p>The image names come from {@code -Dcourtside.stats-image=…} and {@code -Dcourtside.aggregation-image=…};
 * without them the class is skipped, and says so. Skipped without Docker too.
 */
@Testcontainers(disabledWithoutDocker = true)
class ImagesEndToEndTests {

    private static final String STATS_IMAGE = System.getProperty("courtside.stats-image", "");
    private static final String AGGREGATION_IMAGE = System.getProperty("courtside.aggregation-image", "");
    private static final int STATS_PORT = 8080;
    private static final int AGGREGATION_PORT = 8081;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Network network;
    private static PostgreSQLContainer postgres;
    private static KafkaContainer kafka;
    private static GenericContainer<?> redis;
    private static GenericContainer<?> statsService;
    private static GenericContainer<?> aggregationService;

    @BeforeAll
    static void startTheDeployment() {
        assumeTrue(!STATS_IMAGE.isBlank() && !AGGREGATION_IMAGE.isBlank(),
                "ImagesEndToEndTests runs built images: pass -Dcourtside.stats-image=… and -Dcourtside.aggregation-image=… "
                        + "(the GitHub workflow builds them and does)");
        network = Network.newNetwork();
        postgres = Containers.postgres().withNetwork(network).withNetworkAliases("postgres")
                .withDatabaseName("courtside").withUsername("courtside_owner").withPassword("owner-in-a-container");
        kafka = Containers.kafka().withNetwork(network).withListener("kafka:19092");
        redis = Containers.redis().withNetwork(network).withNetworkAliases("redis");
        Startables.deepStart(postgres, kafka, redis).join();

        // As docker-compose.yml sets them; aggregation-service starts once stats-service has migrated the database.
        statsService = service(STATS_IMAGE, STATS_PORT, Map.ofEntries(
                Map.entry("DB_HOST", "postgres"),
                Map.entry("DB_PORT", "5432"),
                Map.entry("DB_NAME", "courtside"),
                Map.entry("DB_USER", "courtside"),
                Map.entry("DB_PASSWORD", "courtside-in-a-container"),
                Map.entry("DB_MIGRATION_USER", "courtside_owner"),
                Map.entry("DB_MIGRATION_PASSWORD", "owner-in-a-container"),
                Map.entry("DB_READER_USER", "courtside_reader"),
                Map.entry("DB_READER_PASSWORD", "reader-in-a-container"),
                Map.entry("KAFKA_BROKER", "kafka:19092"),
                Map.entry("STATS_API_KEY", ""),
                Map.entry("STATS_ANONYMOUS_WRITES", "true"),
                Map.entry("STATS_PORT", String.valueOf(STATS_PORT))));
        statsService.start();
        aggregationService = service(AGGREGATION_IMAGE, AGGREGATION_PORT, Map.of(
                "DB_HOST", "postgres",
                "DB_PORT", "5432",
                "DB_NAME", "courtside",
                "DB_READER_USER", "courtside_reader",
                "DB_READER_PASSWORD", "reader-in-a-container",
                "KAFKA_BROKER", "kafka:19092",
                "REDIS_ADDR", "redis:" + Containers.REDIS_PORT,
                "AGGREGATION_PORT", String.valueOf(AGGREGATION_PORT)));
        aggregationService.start();
    }

    @AfterAll
    static void stopTheDeployment() {
        Stream.of(aggregationService, statsService, redis, kafka, postgres).filter(Objects::nonNull).forEach(GenericContainer::stop);
        if (network != null) {
            network.close();
        }
    }

    @Test
    void aPostedLineShowsInTheCachedAverageEqualToTheSqlOne() {
        RestTestClient stats = client(statsService, STATS_PORT);
        RestTestClient aggregation = client(aggregationService, AGGREGATION_PORT);
        stats.post().uri("/log").contentType(MediaType.APPLICATION_JSON).body(RealLine.JOKIC_AT_PHOENIX)
                .exchange().expectStatus().isCreated();

        for (String average : new String[] {RealLine.PLAYER_AVERAGE, RealLine.TEAM_AVERAGE}) {
            JsonNode sql = JSON.readTree(stats.get().uri(average).exchange()
                    .expectStatus().isOk().returnResult(String.class).getResponseBody());
            assertThat(sql.get("games_played").asLong()).as("games played in %s", average).isEqualTo(1);

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                var cached = aggregation.get().uri(average).exchange().returnResult(String.class);
                assertThat(cached.getStatus()).as(average).isEqualTo(HttpStatus.OK);
                assertThat(cached.getResponseHeaders().getFirst("X-Cache")).as("X-Cache of %s", average).isEqualTo("HIT");
                Averages.assertSame(average, JSON.readTree(cached.getResponseBody()), sql);
            });
        }
    }

    @Test
    void theServicesRunAsANonRootUser() throws Exception {
        for (GenericContainer<?> service : new GenericContainer<?>[] {statsService, aggregationService}) {
            assertThat(service.execInContainer("id", "-u").getStdout().strip())
                    .as("user id in %s", service.getDockerImageName()).isNotEqualTo("0");
        }
    }

    private static GenericContainer<?> service(String image, int port, Map<String, String> environment) {
        return new GenericContainer<>(DockerImageName.parse(image))
                .withNetwork(network)
                .withEnv(environment)
                .withEnv("LOG_FORMAT", "")
                .withExposedPorts(port)
                // Up when the image's own HEALTHCHECK (readiness, through curl) says so, as for docker compose --wait.
                .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(3)))
                .withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger(image)).withSeparateOutputStreams());
    }

    private static RestTestClient client(GenericContainer<?> service, int port) {
        return RestTestClient.bindToServer().baseUrl("http://" + service.getHost() + ":" + service.getMappedPort(port)).build();
    }
}

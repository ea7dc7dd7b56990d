package courtside.system;

import courtside.aggregation.AggregationServiceApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * aggregation-service against PostgreSQL, Kafka and Redis in containers, next to a real stats-service on the same
 * containers: a real line posted to stats-service shows in the cached average, equal to stats-service's SQL average.
 * Kafka and Redis are wired by {@code @ServiceConnection}. PostgreSQL is not: a service connection logs in as the
 * container's superuser, whatever the properties say, and the service must read through the SELECT-only role that
 * stats-service's migrations create, as deployed; so it gets the variables its image gets (DB_HOST, …,
 * DB_READER_USER). Skipped without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = AggregationServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                OwnConfiguration.OWN_APPLICATION_YML_ONLY,
                OwnConfiguration.AGGREGATION_SERVICE_WITHOUT_PERSISTENCE,
                "LOG_FORMAT="})
@ContextConfiguration(initializers = OwnConfiguration.AggregationService.class)
@AutoConfigureRestTestClient
@DirtiesContext
class AggregationServiceContainersTests {

    static final String READER = "courtside_reader";
    static final String READER_PASSWORD = "reader-in-a-container";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Container
    static PostgreSQLContainer postgres = Containers.postgres();

    @Container
    @ServiceConnection
    static KafkaContainer kafka = Containers.kafka();

    @Container
    @ServiceConnection
    static GenericContainer<?> redis = Containers.redis();

    private static RunningStatsService stats;

    @Autowired
    RestTestClient aggregation;

    @Autowired
    JdbcTemplate jdbc;

    /** Before aggregation-service's context: the schema and the read-only role come from stats-service's migrations. */
    @BeforeAll
    static void statsServiceRunsFirst() {
        stats = RunningStatsService.start(Map.of(
                "DB_HOST", postgres.getHost(),
                "DB_PORT", postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
                "DB_NAME", postgres.getDatabaseName(),
                // The container's superuser owns the schema and runs the migrations; they create the service's role.
                "DB_MIGRATION_USER", postgres.getUsername(),
                "DB_MIGRATION_PASSWORD", postgres.getPassword(),
                "DB_USER", "courtside",
                "DB_PASSWORD", "courtside-in-a-container",
                "DB_READER_USER", READER,
                "DB_READER_PASSWORD", READER_PASSWORD,
                "KAFKA_BROKER", kafka.getBootstrapServers()));
    }

    @DynamicPropertySource
    static void readOnlyRole(DynamicPropertyRegistry environment) {
        environment.add("DB_HOST", postgres::getHost);
        environment.add("DB_PORT", () -> postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT));
        environment.add("DB_NAME", postgres::getDatabaseName);
        environment.add("DB_READER_USER", () -> READER);
        environment.add("DB_READER_PASSWORD", () -> READER_PASSWORD);
    }

    @AfterAll
    static void stopStatsService() {
        if (stats != null) {
            stats.close();
        }
    }

    @Test
    void itReadsPostgresqlThroughTheReadOnlyRole() {
        assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo(READER);
        assertThat(jdbc.queryForObject("SELECT has_table_privilege('stat_line', 'INSERT')", Boolean.class)).isFalse();
    }

    @Test
    void theCachedAverageOfAPostedLineEqualsStatsServicesSqlAverage() {
        stats.log(RealLine.JOKIC_AT_PHOENIX);

        for (String average : new String[] {RealLine.PLAYER_AVERAGE, RealLine.TEAM_AVERAGE}) {
            JsonNode sql = JSON.readTree(stats.client().get().uri(average).exchange()
                    .expectStatus().isOk().returnResult(String.class).getResponseBody());
            assertThat(sql.get("games_played").asLong()).as("games played in %s", average).isEqualTo(1);

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                var cached = aggregation.get().uri(average).exchange().returnResult(String.class);
                assertThat(cached.getStatus()).as(average).isEqualTo(HttpStatus.OK);
                assertThat(cached.getResponseHeaders().getFirst("X-Cache")).as("X-Cache of %s", average).isEqualTo("HIT");
                Averages.assertSame(average, JSON.readTree(cached.getResponseBody()), sql);
            });
        }
    }
}

package courtside.system;

import courtside.model.StatLineChanged;
import courtside.model.StatLineEventCodec;
import courtside.model.StatLineTopic;
import courtside.stats.StatsServiceApplication;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * stats-service against PostgreSQL and Kafka in containers (the images docker-compose.yml runs), wired by
 * {@code @ServiceConnection}: a real line posted is stored, averaged by SQL and published. Skipped without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = StatsServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                OwnConfiguration.OWN_APPLICATION_YML_ONLY,
                OwnConfiguration.STATS_SERVICE_WITHOUT_REDIS,
                "LOG_FORMAT=",
                // The container's superuser runs the migrations, which create the service's row-only role.
                "DB_MIGRATION_USER=test",
                "DB_MIGRATION_PASSWORD=test",
                "STATS_ANONYMOUS_WRITES=true",
                "courtside.outbox.poll-interval=50ms"})
@ContextConfiguration(initializers = OwnConfiguration.StatsService.class)
@AutoConfigureRestTestClient
@DirtiesContext
class StatsServiceContainersTests {

    @Container
    @ServiceConnection
    static PostgreSQLContainer postgres = Containers.postgres();

    @Container
    @ServiceConnection
    static KafkaContainer kafka = Containers.kafka();

    private static final StatLineEventCodec CODEC = new StatLineEventCodec();

    @Autowired
    RestTestClient stats;

    @LocalManagementPort
    int managementPort;

    /** Created the first time, unchanged after: posting the same line again is an idempotent retry. */
    @BeforeEach
    void jokicsLineIsLogged() {
        stats.post().uri("/log").contentType(MediaType.APPLICATION_JSON).body(RealLine.JOKIC_AT_PHOENIX)
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.version").isEqualTo(1);
    }

    @Test
    void theLineIsReadBackAsPosted() {
        stats.get().uri("/player/{id}/stats?season={season}", RealLine.JOKIC, RealLine.SEASON).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.total_lines").isEqualTo(1)
                .jsonPath("$.lines[0].game_id").isEqualTo(RealLine.GAME_ID)
                .jsonPath("$.lines[0].team_id").isEqualTo(RealLine.DENVER)
                .jsonPath("$.lines[0].points").isEqualTo(27)
                .jsonPath("$.lines[0].rebounds").isEqualTo(13)
                .jsonPath("$.lines[0].minutes_played").isEqualTo(34.717)
                .jsonPath("$.lines[0].plus_minus").isEqualTo(28);
    }

    @Test
    void itsSeasonAverageIsComputedBySql() {
        stats.get().uri(RealLine.PLAYER_AVERAGE).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.games_played").isEqualTo(1)
                .jsonPath("$.averages.points").isEqualTo(27.0)
                .jsonPath("$.averages.minutes_played").isEqualTo(34.717)
                .jsonPath("$.totals.rebounds").isEqualTo(13)
                .jsonPath("$.shooting.fg_pct").isEqualTo(13.0 / 22);
    }

    @Test
    void itsEventIsPublishedOnTheStatLineTopic() {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "stats-service-containers-tests",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(StatLineTopic.DEFAULT_NAME));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return records.stream().anyMatch(record -> isJokicsLine(CODEC.read(record.value())));
            });
            assertThat(consumer.partitionsFor(StatLineTopic.DEFAULT_NAME)).hasSize(StatLineTopic.MIN_PARTITIONS);
        }

        assertThat(records).singleElement().satisfies(record -> {
            StatLineChanged event = CODEC.read(record.value());
            assertThat(record.key()).isEqualTo(String.valueOf(RealLine.JOKIC));
            assertThat(header(record, StatLineTopic.EVENT_TYPE_HEADER)).isEqualTo("stat-line.recorded");
            assertThat(event.version()).isEqualTo(1);
            assertThat(event.stats().points()).isEqualTo(27);
            assertThat(event.stats().minutesPlayed()).isEqualByComparingTo(new BigDecimal("34.717"));
        });
    }

    @Test
    void itIsReadyWithPostgresqlAndKafkaUp() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> RestTestClient.bindToServer()
                .baseUrl("http://localhost:" + managementPort).build().get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.components.db.status").isEqualTo("UP")
                .jsonPath("$.components.kafka.status").isEqualTo("UP"));
    }

    private static boolean isJokicsLine(StatLineChanged event) {
        return event.playerId() == RealLine.JOKIC && event.gameId().equals(RealLine.GAME_ID);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

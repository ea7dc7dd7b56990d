package courtside.stats.outbox;

import courtside.model.BoxScoreFile;
import courtside.embedded.EmbeddedStack;
import courtside.model.StatLineChanged.Change;
import courtside.stats.ManagementClient;
import courtside.stats.RealLines;
import courtside.stats.SampleSeason;
import courtside.stats.StatsServiceTest;
import courtside.stats.TopicReader;
import courtside.stats.TopicReader.Received;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static courtside.stats.RealLines.joeHarris;
import static courtside.stats.RealLines.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every accepted change reaches Kafka, keyed by player, in order, once: also across a Kafka outage (writes
 * keep succeeding, the backlog drains when the broker returns) and with two relays draining one outbox.
 */
@StatsServiceTest
class OutboxRelayTests {

    private static final String TOPIC = "nba.stat-lines";

    @Autowired
    RestTestClient http;

    @Autowired
    ManagementClient management;

    @Autowired
    JdbcTemplate jdbc;

    private final TopicReader topic = new TopicReader(EmbeddedStack.shared().kafka().bootstrapServers(), TOPIC);

    @Test
    void publishesEachChangeKeyedByPlayerWithItsTypeAndSchemaVersion() {
        post(List.of(joeHarris("RELAY-0022100001")));
        awaitOutboxDrained("RELAY-");

        List<Received> events = topic.read(event -> event.gameId().equals("RELAY-0022100001"));

        assertThat(topic.partitions()).isGreaterThanOrEqualTo(6);
        assertThat(events).hasSize(1);
        Received received = events.getFirst();
        assertThat(received.key()).isEqualTo("203925");
        assertThat(received.eventType()).isEqualTo("stat-line.recorded");
        assertThat(received.schemaVersion()).isEqualTo("1");
        assertThat(received.event().playerName()).isEqualTo("Joe Harris");
        assertThat(received.event().season()).as("derived from the date").isEqualTo("2019-20");
        assertThat(received.event().stats().minutesPlayed()).isEqualByComparingTo("30.767");
    }

    @Test
    void aKafkaOutageNeverFailsAWriteAndEveryChangeArrivesOnceInOrderWhenItReturns() {
        List<Map<String, Object>> game = gameOf("0022100001", "OUTAGE-0022100001");
        Map<Long, Long> expectedVersions = new HashMap<>();
        Long removed = (Long) game.get(24).get("player_id");
        EmbeddedStack.shared().kafka().stop();
        try {
            post(game);
            game.forEach(line -> expectedVersions.put((Long) line.get("player_id"), 1L));
            // Corrections while the broker is down: five lines once, two of them a second time.
            for (List<Map<String, Object>> corrected : List.of(game.subList(0, 5), game.subList(0, 2))) {
                post(corrected.stream().map(line -> with(line, "plus_minus",
                        (Integer) line.get("plus_minus") + expectedVersions.get((Long) line.get("player_id")))).toList());
                corrected.forEach(line -> expectedVersions.merge((Long) line.get("player_id"), 1L, Long::sum));
            }
            http.delete().uri("/log/OUTAGE-0022100001/" + removed).exchange().expectStatus().isNoContent();
            expectedVersions.merge(removed, 1L, Long::sum);

            // Kafka is checked in the background, so readiness turns DEGRADED within a few seconds, staying 200.
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(management.http().get().uri("/actuator/health/readiness")
                    .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody()
                    .at("/components/kafka/status").asString()).isEqualTo("DEGRADED"));
            assertThat(pendingInOutbox("OUTAGE-")).as("waiting in the outbox").isEqualTo(25 + 5 + 2 + 1);
        } finally {
            EmbeddedStack.shared().kafka().start();
        }

        awaitOutboxDrained("OUTAGE-");
        List<Received> events = topic.read(event -> event.gameId().equals("OUTAGE-0022100001"));

        Map<Long, List<Received>> byPlayer = events.stream().collect(Collectors.groupingBy(r -> r.event().playerId()));
        assertThat(byPlayer.keySet()).containsExactlyInAnyOrderElementsOf(expectedVersions.keySet());
        byPlayer.forEach((player, received) -> {
            List<Long> versions = received.stream().map(r -> r.event().version()).toList();
            List<Long> once = new ArrayList<>();
            for (long v = 1; v <= expectedVersions.get(player); v++) {
                once.add(v);
            }
            assertThat(versions).as("versions of player %d, in partition order", player).containsExactlyElementsOf(once);
            assertThat(received).extracting(Received::partition).as("one partition per player").containsOnly(received.getFirst().partition());
            assertThat(received).extracting(Received::key).containsOnly(Long.toString(player));
        });
        assertThat(byPlayer.get(removed).getLast().event().change()).isEqualTo(Change.REMOVED);
    }

    @Test
    void twoRelaysDrainingOneOutboxNeverPublishARecordTwice(@Autowired TransactionTemplate transactions,
            @Autowired KafkaTemplate<String, String> kafka, @Autowired KafkaAdmin admin, @Autowired NewTopic statLineTopic,
            @Autowired OutboxSettings settings) {
        OutboxRelay second = new OutboxRelay(jdbc, transactions, kafka, admin, statLineTopic,
                new OutboxSettings(settings.topic(), settings.partitions(), settings.replicas(), 50,
                        Duration.ofMillis(10), settings.maxBackoff()),
                new OutboxSignal(), new SimpleMeterRegistry());
        second.start();
        List<Map<String, Object>> lines = new ArrayList<>();
        try {
            for (String gameId : List.of("0022100001", "0022100002", "0022100003", "0022100004", "0022100005",
                    "0022100006", "0022100007", "0022100008", "0022100009", "0022100010")) {
                List<Map<String, Object>> game = gameOf(gameId, "TWO-" + gameId);
                post(game);
                lines.addAll(game);
            }
            awaitOutboxDrained("TWO-");
        } finally {
            second.stop();
        }

        List<Received> events = topic.read(event -> event.gameId().startsWith("TWO-"));

        assertThat(events).hasSize(lines.size());
        assertThat(events.stream().map(r -> r.event().eventId()).distinct().count()).isEqualTo(lines.size());
    }

    /** The real lines of one game of the season, under a test game id and in the tests' own season. */
    private static List<Map<String, Object>> gameOf(String realGameId, String testGameId) {
        return BoxScoreFile.sampleSeason().stream().filter(line -> line.gameId().equals(realGameId))
                .map(line -> with(line.toWire(), "game_id", testGameId, "game_date", RealLines.TEST_DATE, "season", "2019-20"))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    private void post(List<Map<String, Object>> lines) {
        http.post().uri("/log").contentType(MediaType.APPLICATION_JSON).body(SampleSeason.json(lines))
                .exchange().expectStatus().isCreated();
    }

    private long pendingInOutbox(String gamePrefix) {
        return jdbc.queryForObject("SELECT count(*) FROM stat_line_outbox WHERE payload LIKE ?", Long.class,
                "%\"game_id\":\"" + gamePrefix + "%");
    }

    private void awaitOutboxDrained(String gamePrefix) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> pendingInOutbox(gamePrefix) == 0);
    }
}

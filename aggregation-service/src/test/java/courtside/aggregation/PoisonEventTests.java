package courtside.aggregation;

import courtside.embedded.EmbeddedStack;
import courtside.model.StatLineTopic;
import courtside.stats.ManagementClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15 item 3: a record that can never be applied goes to the dead-letter topic at once, and the partition goes
 * on; a transient failure is retried and shows in readiness while it lasts; dead letters can be re-driven.
 */
@AggregationServiceTest
class PoisonEventTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DEAD_LETTERS = StatLineTopic.DEFAULT_NAME + StatLineTopic.DEAD_LETTER_SUFFIX;

    /** Dead letters and readiness are on the management port. */
    @Autowired
    ManagementClient management;
    @Autowired
    Pipeline pipeline;
    @Autowired
    MeterRegistry meters;

    @Test
    void poisonEventsGoToTheDeadLetterTopicAtOnceAndTheLinesAfterThemOnTheSamePartitionAreApplied() {
        SyntheticSeason season = SyntheticSeason.starting(2018);
        List<Map<String, Object>> lines = season.linesOfFirstGames(8);
        List<Map<String, Object>> before = lines.subList(0, lines.size() / 2);
        pipeline.post(before, 50);
        pipeline.awaitQuiet();
        Map<String, Object> line = before.getFirst();
        long player = ((Number) line.get("player_id")).longValue();
        ConsumerRecord<String, byte[]> real = new RawTopic(pipeline.bootstrapServers(), StatLineTopic.DEFAULT_NAME)
                .events(e -> e.playerId() == player && e.season().equals(season.label())).getFirst();
        double deadLettersBefore = deadLetters();

        // Valid JSON, newer versions of a real line, keyed by its player: the same partition as his lines.
        List<String> poison = List.of(
                poisoned(real, 101, node -> node.put("minutes_played", 0)).replace("\"minutes_played\":0", "\"minutes_played\":1E+400"),
                poisoned(real, 102, node -> node.put("points", -5)),
                poisoned(real, 103, node -> node.put("player_name", "Nikola|Jokic")),
                poisoned(real, 104, node -> node.put("fouls", 9)),
                poisoned(real, 105, node -> node.put("minutes_played", 600)));
        send(real, poison);
        // After the poison on the same partition: a correction of that player's line, then the rest of the games.
        pipeline.postBatch(List.of(FaultReplay.oneMoreFreeThrow(line)));
        pipeline.post(lines.subList(lines.size() / 2, lines.size()), 50);
        pipeline.awaitQuiet();

        RawTopic deadLetters = new RawTopic(pipeline.bootstrapServers(), DEAD_LETTERS);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters.all().stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList()).containsAll(poison));
        ConsumerRecord<String, byte[]> outOfRange = deadLetters.all().stream()
                .filter(r -> new String(r.value(), StandardCharsets.UTF_8).equals(poison.getFirst())).findFirst().orElseThrow();
        assertThat(header(outOfRange, "kafka_dlt-exception-message")).contains("minutes_played");
        assertThat(header(outOfRange, "kafka_dlt-original-offset")).isNotEmpty();
        assertThat(deadLetters() - deadLettersBefore).isEqualTo(poison.size());
        assertThat(pipeline.assertCachedEqualsSql("player", player, season.label(), "regular")).isEqualTo("HIT");
        pipeline.assertCacheEqualsSql(season.label());

        // Re-driven, they come back onto the topic; still poison, they go to the dead-letter topic again.
        assertThat(management.http().get().uri("/actuator/deadletters").exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody()).contains("\"pending\":");
        String report = management.http().post().uri("/actuator/deadletters").exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody();
        assertThat(JSON.readTree(report).get("redriven").longValue()).isGreaterThanOrEqualTo(poison.size());
        pipeline.awaitQuiet();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters.all().stream()
                .filter(r -> poison.contains(new String(r.value(), StandardCharsets.UTF_8)))).hasSize(2 * poison.size()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(JSON.readTree(management.http().get()
                .uri("/actuator/deadletters").exchange().returnResult(String.class).getResponseBody()).get("pending").longValue())
                .as("dead letters waiting after the re-drive: only those that came back").isEqualTo(
                        (long) (deadLetters() - deadLettersBefore) - poison.size()));
        pipeline.assertCacheEqualsSql(season.label());
    }

    @Test
    void aTransientFailureIsRetriedAndReadinessShowsTheStallWhileItLasts() {
        SyntheticSeason season = SyntheticSeason.starting(1996);
        List<Map<String, Object>> lines = season.linesOfFirstGames(4);
        pipeline.post(lines.subList(0, 20), 20);
        pipeline.awaitQuiet();
        double deadLettersBefore = deadLetters();

        // Redis down: every attempt at the batch fails, and is retried.
        EmbeddedStack.shared().redis().stop();
        try {
            pipeline.post(lines.subList(20, lines.size()), 20);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                JsonNode kafka = readiness().get("components").get("kafka");
                assertThat(kafka.get("status").asString()).as("readiness of Kafka: %s", kafka).isEqualTo("DEGRADED");
                assertThat(kafka.get("details").get("failing_offset").asString()).startsWith(StatLineTopic.DEFAULT_NAME + "-");
                assertThat(kafka.get("details").get("failure").asString()).isNotBlank();
                assertThat(kafka.get("details").get("lag").longValue()).isPositive();
            });
        } finally {
            EmbeddedStack.shared().redis().start();
        }

        pipeline.awaitQuiet();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(readiness().get("components").get("kafka").get("status").asString()).isEqualTo("UP"));
        assertThat(deadLetters()).as("nothing transient goes to the dead-letter topic").isEqualTo(deadLettersBefore);
        pipeline.assertCacheEqualsSql(season.label());
    }

    private JsonNode readiness() {
        return JSON.readTree(management.http().get().uri("/actuator/health/readiness").exchange().returnResult(String.class).getResponseBody());
    }

    private double deadLetters() {
        return Search.in(meters).name("courtside.dead_letters").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static String poisoned(ConsumerRecord<String, byte[]> real, long version, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode node = (ObjectNode) JSON.readTree(real.value());
        node.put("version", version);
        node.put("event_id", java.util.UUID.randomUUID().toString());
        change.accept(node);
        return JSON.writeValueAsString(node);
    }

    private void send(ConsumerRecord<String, byte[]> like, List<String> values) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                pipeline.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(StatLineTopic.DEFAULT_NAME, null, like.key(),
                        value.getBytes(StandardCharsets.UTF_8), like.headers()));
            }
            producer.flush();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}

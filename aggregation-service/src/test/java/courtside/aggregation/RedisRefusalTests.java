package courtside.aggregation;

import courtside.aggregation.ledger.Ledger;
import courtside.model.StatLineTopic;
import courtside.stats.ManagementClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15 item 3, for failures Redis itself raises: a line that Redis refuses every time it is applied (here a key
 * of the wrong type where the ledger keeps a season's sums, as a bug or a hand-made key would leave it) is sent to the
 * dead-letter topic at once, and the lines after it on its partition are applied, instead of being retried for ever
 * while the partition stalls. Once the key is mended, re-driving the dead letters brings the cache level with SQL.
 */
@AggregationServiceTest
class RedisRefusalTests {

    private static final String DEAD_LETTERS = StatLineTopic.DEFAULT_NAME + StatLineTopic.DEAD_LETTER_SUFFIX;

    @Autowired
    Pipeline pipeline;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    ManagementClient management;
    @Autowired
    MeterRegistry meters;

    @Test
    void aLineRedisRefusesEveryTimeGoesToTheDeadLetterTopicAndTheLinesAfterItOnItsPartitionAreApplied() {
        SyntheticSeason season = SyntheticSeason.starting(1983);
        List<Map<String, Object>> lines = season.linesOfFirstGames(10);
        List<Map<String, Object>> earlier = lines.subList(0, lines.size() / 2);
        List<Map<String, Object>> later = lines.subList(lines.size() / 2, lines.size());
        pipeline.post(earlier, 50);
        pipeline.awaitQuiet();

        // Two players of the first games whose records share a partition: the refused one, and one after him.
        Map<Long, Integer> partitions = new LinkedHashMap<>();
        new RawTopic(pipeline.bootstrapServers(), StatLineTopic.DEFAULT_NAME).events(e -> e.season().equals(season.label()))
                .forEach(record -> partitions.put(Long.parseLong(record.key()), record.partition()));
        long refused = player(earlier.getFirst());
        long after = partitions.keySet().stream().filter(p -> p != refused && Objects.equals(partitions.get(p), partitions.get(refused)))
                .findFirst().orElseThrow(() -> new AssertionError("no second player on partition " + partitions.get(refused)));
        // Corrections of their lines (keyed by player: on that partition), his first.
        List<Map<String, Object>> refusedLines = List.of(FaultReplay.oneMoreFreeThrow(earlier.getFirst()));
        List<Map<String, Object>> others = new ArrayList<>(List.of(FaultReplay.oneMoreFreeThrow(
                earlier.stream().filter(line -> player(line) == after).findFirst().orElseThrow())));
        others.addAll(later);

        String seasonSums = Ledger.PREFIX + "{player:" + refused + "}:season:" + season.label() + ":regular";
        double deadLettersBefore = deadLetters();
        redis.opsForValue().set(seasonSums, "a string where the ledger keeps a hash");
        try {
            pipeline.post(refusedLines, 50);
            pipeline.post(others, 50);

            RawTopic deadLetters = new RawTopic(pipeline.bootstrapServers(), DEAD_LETTERS);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    assertThat(refusedIn(deadLetters, season, refused)).as("dead letters of player %d", refused).hasSameSizeAs(refusedLines));
            pipeline.awaitQuiet();
            assertThat(refusedIn(deadLetters, season, refused)).allSatisfy(letter -> {
                assertThat(header(letter, "kafka_dlt-exception-message")).contains("WRONGTYPE");
                assertThat(header(letter, "kafka_dlt-original-offset")).isNotEmpty();
            });
            assertThat(deadLetters() - deadLettersBefore).isEqualTo(refusedLines.size());
            assertThat(pipeline.assertCachedEqualsSql("player", after, season.label(), "regular"))
                    .as("the player whose lines came after, on the same partition").isEqualTo("HIT");
        } finally {
            redis.delete(seasonSums);
        }

        // Mended: the ledger is dropped (a script that failed half way leaves what it wrote) and loaded again when the
        // re-driven lines arrive.
        dropLedger(Ledger.player(refused));
        management.http().post().uri("/actuator/deadletters").exchange().expectStatus().isOk();
        pipeline.awaitQuiet();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(pipeline.assertCachedEqualsSql("player", refused, season.label(), "regular")).isEqualTo("HIT"));
        pipeline.assertWholeCacheEqualsSql();
    }

    private static List<ConsumerRecord<String, byte[]>> refusedIn(RawTopic deadLetters, SyntheticSeason season, long player) {
        return deadLetters.events(e -> e.season().equals(season.label()) && e.playerId() == player);
    }

    private void dropLedger(Ledger ledger) {
        String prefix = ledger.loadedKey().substring(0, ledger.loadedKey().length() - ":loaded".length());
        List<String> keys = new ArrayList<>();
        try (Cursor<String> cursor = redis.scan(ScanOptions.scanOptions().match(prefix.replace("{", "\\{").replace("}", "\\}") + ":*")
                .count(1000).build())) {
            cursor.forEachRemaining(keys::add);
        }
        assertThat(keys).contains(ledger.loadedKey());
        redis.delete(keys);
    }

    private double deadLetters() {
        return Search.in(meters).name("courtside.dead_letters").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static long player(Map<String, Object> line) {
        return ((Number) line.get("player_id")).longValue();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}

package courtside.aggregation;

import courtside.aggregation.ingest.StatLineListener;
import courtside.model.StatLineTopic;
import courtside.stats.ManagementClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static courtside.stats.RealLines.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docs/design.md I1, I2 and I5 under faults: whatever is delivered twice, late, out of order or into an emptied
 * cache, once the pipeline is quiet the cache equals what SQL says. Each test works in a season of its own and
 * ends with that check over every read model of its season ({@link Pipeline#assertCacheEqualsSql}); the test that
 * rewinds the consumer group to the start of the topic, which delivers every season again, checks every season in
 * the database.
 */
@AggregationServiceTest
class ExactlyOnceTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    RestTestClient client;
    @Autowired
    ManagementClient management;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    MeterRegistry meters;
    @Autowired
    Pipeline pipeline;

    RawTopic topic;
    String bootstrapServers;

    @BeforeEach
    void topic() {
        bootstrapServers = pipeline.bootstrapServers();
        topic = new RawTopic(bootstrapServers, StatLineTopic.DEFAULT_NAME);
    }

    @Test
    void everyEventDeliveredTwiceCountsOnce() {
        SyntheticSeason season = SyntheticSeason.starting(2008);
        pipeline.post(season.linesOfFirstGames(8), 50);
        pipeline.awaitQuiet();
        List<ConsumerRecord<String, byte[]>> events = topic.events(e -> e.season().equals(season.label()));
        double duplicatesBefore = events("duplicate");

        topic.deliverAgain(events);
        pipeline.awaitQuiet();

        assertThat(events("duplicate") - duplicatesBefore).isEqualTo(events.size());
        pipeline.assertCacheEqualsSql(season.label());
    }

    @Test
    void consumerStoppedMidStreamAndRestartedWithOffsetsRewoundCountsOnce() throws Exception {
        SyntheticSeason season = SyntheticSeason.starting(2009);
        List<Map<String, Object>> lines = season.linesOfFirstGames(10);
        pipeline.post(lines.subList(0, 120), 40);
        MessageListenerContainer consumer = listeners.getListenerContainer(StatLineListener.ID);
        consumer.stop();
        try {
            pipeline.post(lines.subList(120, lines.size()), 40);
            pipeline.post(lines.subList(0, 30).stream().map(ExactlyOnceTests::oneMoreFreeThrow).toList(), 30);
            await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.outboxBacklog() == 0);
            rewindGroupToTheStart();
        } finally {
            consumer.start();
        }
        pipeline.awaitQuiet();

        // Rewound to the start of the topic, the group took every season's events again: every season is checked.
        pipeline.assertWholeCacheEqualsSql();
    }

    @Test
    void correctionsAndRemovalsInterleavedWithNewLinesCountOnlyTheLatestVersion() {
        SyntheticSeason season = SyntheticSeason.starting(2010);
        List<Map<String, Object>> lines = season.linesOfFirstGames(12);
        int batch = 25;
        for (int from = 0; from < lines.size(); from += batch) {
            List<Map<String, Object>> posted = new ArrayList<>(lines.subList(from, Math.min(from + batch, lines.size())));
            if (from >= batch) {
                // In the same batch: new lines, and corrections of some of the previous batch's lines.
                lines.subList(from - batch, from).stream().filter(l -> ((Number) l.get("points")).intValue() % 3 == 0)
                        .map(ExactlyOnceTests::oneMoreFreeThrow).forEach(posted::add);
            }
            pipeline.postBatch(posted);
            if (from >= 2 * batch) {
                Map<String, Object> removed = lines.get(from - 2 * batch);
                pipeline.remove(removed.get("game_id"), removed.get("player_id"));
            }
        }
        pipeline.awaitQuiet();

        pipeline.assertCacheEqualsSql(season.label());
    }

    @Test
    void olderVersionsDeliveredAfterNewerOnesChangeNothingEvenAcrossATeamMoveAndAReload() {
        SyntheticSeason season = SyntheticSeason.starting(2011);
        List<Map<String, Object>> game = season.linesOfFirstGames(1);
        pipeline.post(game, 50);
        Map<String, Object> line = game.getFirst();
        Map<String, Object> otherTeamsLine = game.stream().filter(l -> !l.get("team_id").equals(line.get("team_id")))
                .findFirst().orElseThrow();
        pipeline.postBatch(List.of(oneMoreFreeThrow(line)));                      // version 2
        pipeline.remove(line.get("game_id"), line.get("player_id"));               // version 3
        pipeline.postBatch(List.of(with(line, "team_id", otherTeamsLine.get("team_id"),
                "team_abbreviation", otherTeamsLine.get("team_abbreviation"))));   // version 4, for the other team
        pipeline.awaitQuiet();
        pipeline.assertCacheEqualsSql(season.label());
        List<ConsumerRecord<String, byte[]>> older = topic.events(e -> e.gameId().equals(line.get("game_id"))
                && e.playerId() == ((Number) line.get("player_id")).longValue() && e.version() < 4);
        assertThat(older).hasSize(3);
        // Emptied, the cache is loaded again from PostgreSQL, where the line now belongs to the other team only.
        redis.execute((RedisCallback<Void>) connection -> {
            connection.serverCommands().flushAll();
            return null;
        });
        double staleBefore = events("stale");

        // The first two versions again, for the team the line has left, without the removal that followed them.
        topic.deliverAgain(older.subList(0, 2));
        pipeline.awaitQuiet();
        assertThat(events("stale") - staleBefore).isEqualTo(2);
        pipeline.assertCacheEqualsSql(season.label());

        topic.deliverAgain(older.reversed());
        pipeline.awaitQuiet();

        assertThat(events("stale") - staleBefore).isEqualTo(5);
        pipeline.assertCacheEqualsSql(season.label());
    }

    @Test
    void redisFlushedMidStreamThenRebuiltWhileEventsKeepArriving() throws Exception {
        SyntheticSeason season = SyntheticSeason.starting(2012);
        List<Map<String, Object>> lines = season.linesOfFirstGames(30);
        int before = 200;
        CountDownLatch halfPosted = new CountDownLatch(1);
        AtomicBoolean rebuilt = new AtomicBoolean();
        AtomicInteger correctionsDuringRebuild = new AtomicInteger();
        AtomicReference<Throwable> posterFailed = new AtomicReference<>();
        Thread poster = Thread.ofVirtual().start(() -> {
            try {
                pipeline.post(lines.subList(0, before), 20);
                halfPosted.countDown();
                // Until the rebuild is over: corrections of the lines posted so far, each one more free throw.
                List<Map<String, Object>> current = new ArrayList<>(lines.subList(0, before));
                for (int round = 0; !rebuilt.get(); round++) {
                    List<Map<String, Object>> batch = new ArrayList<>();
                    for (int i = (round * 20) % before; batch.size() < 20; i = (i + 1) % before) {
                        current.set(i, oneMoreFreeThrow(current.get(i)));
                        batch.add(current.get(i));
                    }
                    pipeline.postBatch(batch);
                    correctionsDuringRebuild.addAndGet(batch.size());
                    Thread.sleep(10);
                }
                pipeline.post(lines.subList(before, lines.size()), 20);
            } catch (Throwable e) {
                posterFailed.set(e);
            } finally {
                halfPosted.countDown();
            }
        });
        assertThat(halfPosted.await(60, TimeUnit.SECONDS)).isTrue();
        redis.execute((RedisCallback<Void>) connection -> {
            connection.serverCommands().flushAll();
            return null;
        });
        String report = management.http().post().uri("/actuator/rebuild").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        rebuilt.set(true);
        poster.join(Duration.ofSeconds(60));

        assertThat(posterFailed.get()).isNull();
        assertThat(report).contains("\"outcome\":\"rebuilt\"");
        assertThat(correctionsDuringRebuild.get()).as("lines corrected between the flush and the end of the rebuild").isPositive();
        pipeline.awaitQuiet();
        pipeline.assertCacheEqualsSql(season.label());
    }

    @Test
    void twoInstancesInOneConsumerGroupShareThePartitionsAndCountOnce() {
        Map<String, Object> environment = new HashMap<>(courtside.embedded.EmbeddedStack.shared().environment());
        environment.put("AGGREGATION_PORT", "0");
        environment.put("AGGREGATION_MANAGEMENT_PORT", "0");
        environment.put("LOG_FORMAT", "");
        String[] exclusion = AggregationServiceTest.WITHOUT_STATS_SERVICE_PERSISTENCE.split("=", 2);
        environment.put(exclusion[0], exclusion[1]);
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(
                courtside.aggregation.AggregationServiceApplication.class).properties(environment).run()) {
            MessageListenerContainer first = listeners.getListenerContainer(StatLineListener.ID);
            MessageListenerContainer other = second.getBean(KafkaListenerEndpointRegistry.class)
                    .getListenerContainer(StatLineListener.ID);
            await().atMost(Duration.ofSeconds(60)).until(() -> assigned(first) > 0 && assigned(other) > 0
                    && assigned(first) + assigned(other) == 6);
            MeterRegistry otherMeters = second.getBean(MeterRegistry.class);
            double firstBefore = applied(meters);
            double otherBefore = applied(otherMeters);

            SyntheticSeason season = SyntheticSeason.starting(2013);
            pipeline.post(season.linesOfFirstGames(15), 30);
            pipeline.awaitQuiet();

            assertThat(applied(meters) - firstBefore).as("events applied by the first instance").isPositive();
            assertThat(applied(otherMeters) - otherBefore).as("events applied by the second instance").isPositive();
            pipeline.assertCacheEqualsSql(season.label());
            // Both instances answer the read models from the same Redis: the same tables, the same live metrics.
            RestTestClient otherClient = RestTestClient.bindToServer()
                    .baseUrl("http://localhost:" + second.getEnvironment().getProperty("local.server.port")).build();
            String leaders = "/leaders?season=" + season.label() + "&limit=1000";
            assertThat(body(otherClient, leaders)).isEqualTo(body(client, leaders));
            JsonNode firstLive = JSON.readTree(body(client, "/materialized"));
            JsonNode otherLive = JSON.readTree(body(otherClient, "/materialized"));
            assertThat(otherLive.get("lines_total")).isEqualTo(firstLive.get("lines_total"));
            assertThat(otherLive.get("top_players")).isEqualTo(firstLive.get("top_players"));
        }
        pipeline.awaitQuiet();
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        topic.send("12345", "{not json".getBytes());
        topic.send("12345", "{\"event_id\":\"8d8a3b9c-8e0b-4d55-9a43-7c7f1e1d0c11\",\"version\":1}".getBytes());
        SyntheticSeason season = SyntheticSeason.starting(2014);
        pipeline.post(season.linesOfFirstGames(1), 50);
        pipeline.awaitQuiet();

        RawTopic deadLetters = new RawTopic(bootstrapServers, StatLineTopic.DEFAULT_NAME + StatLineTopic.DEAD_LETTER_SUFFIX);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters.all().stream()
                .map(r -> new String(r.value())).toList()).contains("{not json",
                "{\"event_id\":\"8d8a3b9c-8e0b-4d55-9a43-7c7f1e1d0c11\",\"version\":1}"));
        pipeline.assertCacheEqualsSql(season.label());
    }

    private static String body(RestTestClient client, String uri) {
        return client.get().uri(uri).exchange().expectStatus().isOk().returnResult(String.class).getResponseBody();
    }

    private static Map<String, Object> oneMoreFreeThrow(Map<String, Object> line) {
        return with(line, "ftm", (Integer) line.get("ftm") + 1, "fta", (Integer) line.get("fta") + 1,
                "points", (Integer) line.get("points") + 1);
    }

    private void rewindGroupToTheStart() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetAndMetadata> start = IntStream.range(0, 6).boxed().collect(Collectors.toMap(
                    p -> new TopicPartition(StatLineTopic.DEFAULT_NAME, p), p -> new OffsetAndMetadata(0)));
            // The stopped consumers leave the group; until the broker has seen them go, it refuses the reset.
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                    admin.alterConsumerGroupOffsets(Pipeline.GROUP, start).all().get());
        }
    }

    private double events(String outcome) {
        return meters.find("courtside.events").tag("outcome", outcome).counter().count();
    }

    /** Events that changed the cache: applied to a loaded ledger, or held by the ledger loaded for them. */
    private static double applied(MeterRegistry registry) {
        return registry.find("courtside.events").tag("outcome", "applied").counter().count()
                + registry.find("courtside.events").tag("outcome", "loaded").counter().count();
    }

    private static int assigned(MessageListenerContainer container) {
        var partitions = container.getAssignedPartitions();
        return partitions == null ? 0 : partitions.size();
    }
}

package courtside.aggregation;

import courtside.aggregation.ledger.LineState;
import courtside.aggregation.ingest.StatLineListener;
import courtside.aggregation.retention.RetiredSeasonPurge;
import courtside.aggregation.retention.RetiredSeasonPurge.Outcome;
import courtside.aggregation.retention.RetiredSeasonPurge.Run;
import courtside.model.StatLineChanged;
import courtside.model.StatLineTopic;
import courtside.stats.ManagementClient;
import courtside.stats.line.LineRecorder;
import courtside.stats.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 item 11: the seasons stats-service's retention drops leave Redis too. Their removal events are applied
 * like any other, and the ledgers keep them as tombstones; once every removal is applied, the purge forgets them, and
 * every key of those seasons with them, without ever touching a line that still counts. No late or replayed event
 * of a dropped season brings anything back, not even after a flush and a rebuild.
 *
 * <p>Retention acts on every season before the oldest kept one, in the one database all these tests share: the
 * dropped season here is 1947-48, older than any other test's, and 1948-49 is kept.
 */
@AggregationServiceTest
class RetiredSeasonPurgeTests {

    private static final SyntheticSeason DROPPED = SyntheticSeason.starting(1947);
    private static final SyntheticSeason KEPT = SyntheticSeason.starting(1948);

    @Autowired
    Pipeline pipeline;
    @Autowired
    RetiredSeasonPurge purge;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    MeterRegistry meters;
    @Autowired
    RestTestClient client;
    @Autowired
    ManagementClient management;

    private final RunningStatsService stats = RunningStatsService.shared();

    @Test
    void aDroppedSeasonLeavesRedisOnceItsRemovalsAreAppliedAndNoLateEventBringsItBack() throws InterruptedException {
        String season = DROPPED.label();
        List<Map<String, Object>> dropped = DROPPED.linesOfFirstGames(6);
        pipeline.post(KEPT.linesOfFirstGames(3), 100);
        pipeline.post(dropped, 100);
        // Versions beyond the first, and a line removed before retention comes: a correction and a DELETE.
        pipeline.postBatch(List.of(FaultReplay.oneMoreFreeThrow(dropped.get(3))));
        pipeline.remove(dropped.get(7).get("game_id"), dropped.get(7).get("player_id"));
        pipeline.awaitQuiet();
        Map<String, Object> sample = dropped.get(3);
        long samplePlayer = ((Number) sample.get("player_id")).longValue();
        String sampleAverage = "/average/player/%d?season=%s".formatted(samplePlayer, season);
        long gamesBefore = gamesPlayed(sampleAverage);
        Set<Long> players = ids(dropped, "player_id");
        Set<Long> teams = ids(dropped, "team_id");
        RawTopic topic = new RawTopic(pipeline.bootstrapServers(), StatLineTopic.DEFAULT_NAME);
        // What a replay of the season would deliver again: its first game's lines as first posted, and the correction.
        String firstGame = (String) dropped.getFirst().get("game_id");
        List<ConsumerRecord<String, byte[]>> oldEvents = topic.events(e -> e.season().equals(season) && !e.deleted()
                && (e.gameId().equals(firstGame) || e.version() == 2));

        // Retention drops the season while the consumer is away: its removals wait on the topic.
        MessageListenerContainer consumer = listeners.getListenerContainer(StatLineListener.ID);
        Run whileRemovalsWait;
        consumer.stop();
        try {
            retireAsRetentionDoes(season, KEPT.label());
            whileRemovalsWait = purge.purge();
            assertThat(gamesPlayed(sampleAverage)).as("a season whose lines still count in the cache is left whole")
                    .isEqualTo(gamesBefore);
        } finally {
            consumer.start();
        }
        pipeline.awaitQuiet();
        assertThat(tombstonesOf(season, players)).as("removed lines the ledgers keep, before the purge").isPositive();

        // Two instances at once: each ledger is purged by one of them.
        CompletableFuture<Run> one = CompletableFuture.supplyAsync(purge::purge);
        CompletableFuture<Run> other = CompletableFuture.supplyAsync(purge::purge);
        List<Run> runs = List.of(one.join(), other.join());
        assertRedisHoldsNothingOf(season, players, teams);
        assertThat(whileRemovalsWait.outcome()).as("purge while the removals wait: %s", whileRemovalsWait)
                .isEqualTo(Outcome.AWAITING_REMOVALS);
        assertThat(whileRemovalsWait.ledgersStillCounting()).as("ledgers left whole while their removals waited")
                .isGreaterThanOrEqualTo(players.size() - 1 + teams.size());
        assertThat(whileRemovalsWait.leaderIndexesDeleted()).isZero();
        assertThat(runs).extracting(Run::outcome).containsOnly(Outcome.PURGED);
        assertThat(whileRemovalsWait.tombstonesPurged() + runs.stream().mapToLong(Run::tombstonesPurged).sum())
                .as("every line's tombstone in its player's ledger and its team's, each deleted once").isEqualTo(2L * dropped.size());
        assertThat(runs.stream().mapToInt(Run::leaderIndexesDeleted).sum()).as("leader indexes of the season, players' and teams'")
                .isPositive();
        assertThat(purge.purge()).as("once more: nothing left to do").isEqualTo(new Run(Outcome.PURGED, KEPT.label(), 0, 0, 0, 0, 0));
        client.get().uri(sampleAverage).exchange().expectStatus().isNotFound();
        pipeline.assertWholeCacheEqualsSql();

        // Old versions of the dropped season delivered again: refused, counted, nothing comes back.
        double refusedBefore = refused();
        topic.deliverAgain(oldEvents);
        pipeline.awaitQuiet();
        assertThat(refused() - refusedBefore).as("events refused as a dropped season's").isEqualTo(oldEvents.size());
        assertRedisHoldsNothingOf(season, players, teams);
        pipeline.assertWholeCacheEqualsSql();

        // The same after Redis lost everything and was rebuilt from PostgreSQL, which holds nothing of the season.
        redis.execute((RedisCallback<Void>) connection -> {
            connection.serverCommands().flushAll();
            return null;
        });
        assertThat(management.http().post().uri("/actuator/rebuild").exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody()).contains("\"outcome\":\"rebuilt\"");
        refusedBefore = refused();
        topic.deliverAgain(oldEvents);
        pipeline.awaitQuiet();
        assertThat(refused() - refusedBefore).as("events refused after the rebuild").isEqualTo(oldEvents.size());
        assertRedisHoldsNothingOf(season, players, teams);
        pipeline.assertWholeCacheEqualsSql();
    }

    /**
     * What stats-service's retention does to the seasons before {@code firstKept} (SeasonRetention), through its own
     * components: it retires them, removes their lines a few games at a time, each batch's removal events published
     * before the next, and then deletes their tombstones from PostgreSQL for good.
     */
    private void retireAsRetentionDoes(String season, String firstKept) throws InterruptedException {
        var retired = stats.bean(courtside.stats.line.RetiredSeasons.class);
        LineRecorder recorder = stats.bean(LineRecorder.class);
        OutboxRelay relay = stats.bean(OutboxRelay.class);
        retired.retireBefore(firstKept);
        for (List<String> games = retired.gamesWithLines(season, 4); !games.isEmpty(); games = retired.gamesWithLines(season, 4)) {
            recorder.removeSeason(season, games);
            assertThat(relay.awaitPublished(Duration.ofSeconds(30))).as("removal events published").isTrue();
        }
        for (List<String> games = retired.gamesWithTombstones(season, 4); !games.isEmpty(); games = retired.gamesWithTombstones(season, 4)) {
            retired.purge(season, games);
        }
        assertThat(stats.jdbc().queryForObject("SELECT count(*) FROM stat_line WHERE season = ?", Long.class, season))
                .as("rows of the dropped season left in PostgreSQL").isZero();
    }

    /**
     * No key of the season (its sums, its leader indexes, its games' teams) and nothing of it inside the keys its
     * players and teams share with other seasons: no line state, no season member, no per-game count.
     */
    private void assertRedisHoldsNothingOf(String season, Set<Long> players, Set<Long> teams) {
        String games = "S" + season.substring(0, 4) + "-";
        try (Cursor<String> keys = redis.scan(ScanOptions.scanOptions().count(1000).build())) {
            while (keys.hasNext()) {
                String key = keys.next();
                assertThat(key).as("a key of the dropped season").doesNotContain(season).doesNotContain(games);
            }
        }
        for (String ledger : ledgers(players, teams)) {
            assertThat(redis.<String, String>opsForHash().values(ledger + ":lines")).as("lines of %s", ledger)
                    .noneMatch(state -> LineState.decode(state).season().equals(season));
            assertThat(redis.opsForSet().members(ledger + ":seasons")).as("seasons of %s", ledger)
                    .noneMatch(member -> member.endsWith("|" + season));
            assertThat(redis.<String, String>opsForHash().keys(ledger + ":games")).as("games of %s", ledger)
                    .noneMatch(field -> field.startsWith(season + "|"));
        }
        assertThat(redis.opsForSet().members("courtside:v4:leader-seasons")).as("leader indexes")
                .noneMatch(member -> member.endsWith("|" + season));
    }

    private long tombstonesOf(String season, Set<Long> players) {
        return ledgers(players, Set.of()).stream()
                .flatMap(ledger -> redis.<String, String>opsForHash().values(ledger + ":lines").stream())
                .map(LineState::decode).filter(line -> line.deleted() && line.season().equals(season)).count();
    }

    private static List<String> ledgers(Set<Long> players, Set<Long> teams) {
        return java.util.stream.Stream.concat(players.stream().map(id -> "courtside:v4:{player:" + id + "}"),
                teams.stream().map(id -> "courtside:v4:{team:" + id + "}")).toList();
    }

    private long gamesPlayed(String uri) {
        String body = client.get().uri(uri).exchange().expectStatus().isOk().returnResult(String.class).getResponseBody();
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(body).get("games_played").longValue();
    }

    private double refused() {
        return meters.counter("courtside.events", "outcome", "retired").count();
    }

    private static Set<Long> ids(List<Map<String, Object>> lines, String field) {
        return lines.stream().map(line -> ((Number) line.get(field)).longValue()).collect(Collectors.toSet());
    }
}

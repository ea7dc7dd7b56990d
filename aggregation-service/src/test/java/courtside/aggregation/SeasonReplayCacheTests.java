package courtside.aggregation;

import courtside.stats.ConcurrentChecks;

import courtside.aggregation.ledger.Ledger;
import courtside.model.BoxScoreFile;
import courtside.model.BoxScoreLine;
import courtside.stats.ExpectedSeason;
import courtside.stats.ExpectedSplit;
import courtside.stats.ManagementClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BinaryOperator;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real 2021-22 season, posted through stats-service, cached by aggregation-service: every player's and
 * every team's cached average equals stats-service's SQL one, and in every {@code per_mode} both services answer the
 * same bytes, each figure equal to one computed in the test from the CSV; and so does every split (last 10 games, a
 * month, one opponent). Measured on the way, and printed: how long a
 * posted line takes to show in the cached average, and how long a full rebuild of the season takes.
 */
@AggregationServiceTest
// Next to last of the JVM (junit-platform.properties), before DashboardBrowserTests: every other class ends with the
// whole-cache check, which compares every player and team season in the database, and with the real season's 605
// players and 30 teams in it each check took seconds more (ExactlyOnceTests alone: 150 s after this class, 78 s
// without). They run first, on their own seasons; this class's two whole-cache checks then cover all of them.
@Order(Integer.MAX_VALUE - 1)
class SeasonReplayCacheTests {

    private static final String SEASON = "2021-22";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    RestTestClient client;
    @Autowired
    ManagementClient management;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    MeterRegistry meters;
    @Autowired
    Pipeline pipeline;

    @Test
    void everyCachedAverageOfTheRealSeasonEqualsSqlAndSurvivesAFullRebuild() throws Exception {
        List<Map<String, Object>> lines = BoxScoreFile.sampleSeason().stream().map(BoxScoreLine::toWire).toList();

        List<Long> lagMillis = replayMeasuringFreshness(pipeline, lines, 100);
        pipeline.awaitQuiet();

        List<Long> players = RunningStatsService.shared().jdbc().queryForList(
                "SELECT DISTINCT player_id FROM stat_line WHERE season = ? AND NOT deleted", Long.class, SEASON);
        List<Long> teams = RunningStatsService.shared().jdbc().queryForList(
                "SELECT DISTINCT team_id FROM stat_line WHERE season = ? AND NOT deleted", Long.class, SEASON);
        assertThat(players).hasSize(605);
        assertThat(teams).hasSize(30);
        // Every ledger of the season is loaded, so that the whole-cache check compares each of its 635 averages as
        // answered from the cache (HIT), besides every other season of the database.
        assertEveryLedgerLoaded(players, teams);
        pipeline.assertWholeCacheEqualsSql();
        assertEveryModeEqualsTheCsvAndSql();
        assertEverySplitEqualsTheCsvAndSql();
        report("freshness, POST acknowledged to visible in the cached average, %d samples: p50 %d ms, p99 %d ms, max %d ms"
                .formatted(lagMillis.size(), percentile(lagMillis, 50), percentile(lagMillis, 99), percentile(lagMillis, 100)));
        Timer freshness = meters.find("courtside.freshness").timer();
        report("freshness, change in stats-service to sums in Redis (courtside.freshness): " + Arrays.stream(
                freshness.takeSnapshot().percentileValues()).map(p -> "p%.0f %.1f ms".formatted(p.percentile() * 100,
                p.value(TimeUnit.MILLISECONDS))).toList() + " over " + freshness.count() + " events");

        long groupByMillis = timeBareGroupBy();
        redis.execute((RedisCallback<Void>) connection -> {
            connection.serverCommands().flushAll();
            return null;
        });
        JsonNode rebuild = JSON.readTree(management.http().post().uri("/actuator/rebuild").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(rebuild.get("outcome").asString()).isEqualTo("rebuilt");
        report("full rebuild of every ledger from %d stored lines: %d ms; the bare SQL GROUP BY of the same sums: %d ms"
                .formatted(rebuild.get("lines").asLong(), rebuild.get("millis").asLong(), groupByMillis));
        assertEveryLedgerLoaded(players, teams);
        pipeline.assertWholeCacheEqualsSql();
    }

    /**
     * Every player's and team's cached answer in each mode (the default one asked without {@code per_mode}): the
     * same bytes as stats-service's, and each figure what the CSV says.
     */
    private void assertEveryModeEqualsTheCsvAndSql() {
        List<BoxScoreLine> season = BoxScoreFile.sampleSeason();
        Map<Long, ExpectedSeason> byPlayer = ExpectedSeason.byPlayer(season);
        Map<Long, ExpectedSeason> byTeam = ExpectedSeason.byTeam(season);
        assertThat(byPlayer).hasSize(605);
        assertThat(byTeam).hasSize(30);
        List<Runnable> checks = new ArrayList<>();
        byPlayer.forEach((player, expected) -> checks.add(() -> {
            for (String mode : ExpectedSeason.MODES) {
                expected.assertPlayer("player %d %s".formatted(player, mode), sameFromBoth("player", player, mode), mode);
            }
        }));
        byTeam.forEach((team, expected) -> checks.add(() -> {
            for (String mode : ExpectedSeason.MODES) {
                expected.assertTeam("team %d %s".formatted(team, mode), sameFromBoth("team", team, mode), mode);
            }
        }));
        ConcurrentChecks.each(checks, Runnable::run);
    }

    /**
     * Every player's and team's last 10 games, January 2022, and the games against the opponent of its first game:
     * the same bytes from both services, each figure what the CSV's lines of that split say, the split echoed; a
     * player without a game in January is a 404 in both, the same problem.
     */
    private void assertEverySplitEqualsTheCsvAndSql() {
        List<BoxScoreLine> season = BoxScoreFile.sampleSeason();
        Map<String, Set<Long>> teamsOfGame = new HashMap<>();
        season.forEach(line -> teamsOfGame.computeIfAbsent(line.gameId(), game -> new HashSet<>()).add(line.teamId()));
        Map<Long, BoxScoreLine> firstOfPlayer = new TreeMap<>();
        Map<Long, BoxScoreLine> firstOfTeam = new TreeMap<>();
        Comparator<BoxScoreLine> order = Comparator.comparing(BoxScoreLine::gameDate).thenComparing(BoxScoreLine::gameId);
        season.forEach(line -> {
            firstOfPlayer.merge(line.playerId(), line, BinaryOperator.minBy(order));
            firstOfTeam.merge(line.teamId(), line, BinaryOperator.minBy(order));
        });
        // A player's or a team's split is picked from the lines of its own games only (every team's lines of them, as
        // the opponent's filter needs), which gives ExpectedSplit the same lines as the whole season would, without
        // indexing all 26,039 lines again for each of some 2,000 splits.
        Map<String, List<BoxScoreLine>> linesOfGame = new HashMap<>();
        Map<Long, Set<String>> gamesOfPlayer = new HashMap<>();
        Map<Long, Set<String>> gamesOfTeam = new HashMap<>();
        season.forEach(line -> {
            linesOfGame.computeIfAbsent(line.gameId(), game -> new ArrayList<>()).add(line);
            gamesOfPlayer.computeIfAbsent(line.playerId(), player -> new LinkedHashSet<>()).add(line.gameId());
            gamesOfTeam.computeIfAbsent(line.teamId(), team -> new LinkedHashSet<>()).add(line.gameId());
        });
        Function<Set<String>, List<BoxScoreLine>> linesOfGames = games -> games.stream()
                .flatMap(game -> linesOfGame.get(game).stream()).toList();
        ExpectedSplit january = ExpectedSplit.between(LocalDate.parse("2022-01-01"), LocalDate.parse("2022-01-31"));
        AtomicInteger emptyJanuaries = new AtomicInteger();
        List<Runnable> checks = new ArrayList<>();
        for (var player : firstOfPlayer.entrySet()) {
            long id = player.getKey();
            List<ExpectedSplit> splits = List.of(ExpectedSplit.last(10), january, ExpectedSplit.against(opponent(player.getValue(), teamsOfGame)));
            List<BoxScoreLine> ofHisGames = linesOfGames.apply(gamesOfPlayer.get(id));
            checks.add(() -> {
                for (ExpectedSplit split : splits) {
                    List<BoxScoreLine> lines = split.ofPlayer(ofHisGames, id);
                    if (lines.isEmpty()) {
                        emptyJanuaries.incrementAndGet();
                        sameNotFoundFromBoth("player", id, split);
                        continue;
                    }
                    JsonNode answer = sameFromBoth("player", id, "per_game", split.query());
                    ExpectedSeason.byPlayer(lines).get(id).assertPlayer("player %d%s".formatted(id, split.query()), answer, "per_game");
                    assertEchoed(answer, split);
                }
            });
        }
        for (var team : firstOfTeam.entrySet()) {
            long id = team.getKey();
            List<ExpectedSplit> splits = List.of(ExpectedSplit.last(10), january, ExpectedSplit.against(opponent(team.getValue(), teamsOfGame)));
            List<BoxScoreLine> ofItsGames = linesOfGames.apply(gamesOfTeam.get(id));
            checks.add(() -> {
                for (ExpectedSplit split : splits) {
                    List<BoxScoreLine> lines = split.ofTeam(ofItsGames, id);
                    for (String mode : ExpectedSeason.MODES) {
                        JsonNode answer = sameFromBoth("team", id, mode, split.query());
                        ExpectedSeason.byTeam(lines).get(id).assertTeam("team %d %s%s".formatted(id, mode, split.query()), answer, mode);
                        assertEchoed(answer, split);
                    }
                }
                assertThat(ExpectedSplit.last(10).ofTeam(ofItsGames, id).stream().map(BoxScoreLine::gameId).distinct()).hasSize(10);
            });
        }
        ConcurrentChecks.each(checks, Runnable::run);
        // Some players of the season had no game in January (injured, waived or signed later): their 404s are checked.
        assertThat(emptyJanuaries.get()).isPositive();
    }

    private static long opponent(BoxScoreLine line, Map<String, Set<Long>> teamsOfGame) {
        return teamsOfGame.get(line.gameId()).stream().filter(team -> team != line.teamId()).findFirst().orElseThrow();
    }

    private static void assertEchoed(JsonNode answer, ExpectedSplit split) {
        JsonNode echoed = answer.get("split");
        assertThat(echoed).as("split echoed").isNotNull();
        assertThat(echoed.has("last") ? echoed.get("last").asInt() : null).isEqualTo(split.last());
        assertThat(echoed.has("from") ? LocalDate.parse(echoed.get("from").asString()) : null).isEqualTo(split.from());
        assertThat(echoed.has("to") ? LocalDate.parse(echoed.get("to").asString()) : null).isEqualTo(split.to());
        assertThat(echoed.has("vs") ? echoed.get("vs").asLong() : null).isEqualTo(split.vs());
    }

    private void sameNotFoundFromBoth(String side, long id, ExpectedSplit split) {
        String uri = "/average/%s/%d?season=%s%s".formatted(side, id, SEASON, split.query());
        String cached = client.get().uri(uri).exchange().expectStatus().isNotFound().returnResult(String.class).getResponseBody();
        String fromSql = RunningStatsService.shared().client().get().uri(uri).exchange().expectStatus().isNotFound()
                .returnResult(String.class).getResponseBody();
        assertThat(JSON.readTree(cached).get("title").asString()).as(uri).isEqualTo("No games in split");
        assertThat(cached).as(uri).isEqualTo(fromSql);
    }

    /** The cached answer, a HIT, after checking that stats-service's SQL answer is the same bytes. */
    private JsonNode sameFromBoth(String side, long id, String mode) {
        return sameFromBoth(side, id, mode, "");
    }

    private JsonNode sameFromBoth(String side, long id, String mode, String split) {
        String uri = "/average/%s/%d?season=%s".formatted(side, id, SEASON) + (mode.equals("per_game") ? "" : "&per_mode=" + mode) + split;
        var cached = client.get().uri(uri).exchange().expectStatus().isOk().returnResult(String.class);
        assertThat(cached.getResponseHeaders().getFirst("X-Cache")).as("X-Cache of %s", uri).isEqualTo("HIT");
        String fromSql = RunningStatsService.shared().client().get().uri(uri).exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody();
        assertThat(cached.getResponseBody()).as(uri).isEqualTo(fromSql);
        return JSON.readTree(cached.getResponseBody());
    }

    /**
     * Each of these players' and teams' ledgers is loaded in Redis: the whole-cache check then holds each of their
     * averages to a {@code HIT} (it expects a {@code MISS} only of a ledger not loaded when it asks).
     */
    private void assertEveryLedgerLoaded(List<Long> players, List<Long> teams) {
        for (long player : players) {
            assertThat(redis.hasKey(Ledger.player(player).loadedKey())).as("ledger of player %d loaded", player).isTrue();
        }
        for (long team : teams) {
            assertThat(redis.hasKey(Ledger.team(team).loadedKey())).as("ledger of team %d loaded", team).isTrue();
        }
    }

    /**
     * Posts the lines in batches; after each batch is acknowledged, a probe polls the cached average of the
     * batch's last player until it counts that line, and records how long that took. Only players seen before
     * are probed, so that every probe waits for the event rather than for a load on a miss.
     */
    private List<Long> replayMeasuringFreshness(Pipeline pipeline, List<Map<String, Object>> lines, int batchSize)
            throws InterruptedException {
        List<Long> lagMillis = Collections.synchronizedList(new ArrayList<>());
        Map<Long, Integer> gamesPosted = new HashMap<>();
        try (ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int from = 0; from < lines.size(); from += batchSize) {
                List<Map<String, Object>> batch = lines.subList(from, Math.min(from + batchSize, lines.size()));
                batch.forEach(line -> gamesPosted.merge(((Number) line.get("player_id")).longValue(), 1, Integer::sum));
                pipeline.postBatch(batch);
                long acknowledgedAt = System.nanoTime();
                long player = ((Number) batch.getLast().get("player_id")).longValue();
                int expected = gamesPosted.get(player);
                if (expected == 1) {
                    // A player's first line: a read would load the ledger from PostgreSQL, not wait for the event.
                    continue;
                }
                probes.submit(() -> {
                    while (gamesPlayed(player) < expected) {
                        Thread.sleep(5);
                    }
                    lagMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - acknowledgedAt));
                    return null;
                });
            }
            probes.shutdown();
            assertThat(probes.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        return lagMillis;
    }

    private long gamesPlayed(long player) {
        var result = client.get().uri("/average/player/{id}?season={season}", player, SEASON).exchange()
                .returnResult(String.class);
        if (!result.getStatus().is2xxSuccessful()) {
            return 0;
        }
        return JSON.readTree(result.getResponseBody()).get("games_played").asLong();
    }

    /** The ceiling a rebuild is held to: PostgreSQL computing the same sums, with nothing written anywhere. */
    private long timeBareGroupBy() {
        long startedAt = System.nanoTime();
        RunningStatsService.shared().jdbc().queryForList("""
                SELECT player_id, season, season_type, count(*), sum(points), sum(rebounds), sum(assists), sum(steals),
                       sum(blocks), sum(turnovers), sum(fouls), sum(minutes_played), count(fgm), sum(fgm), sum(fga),
                       sum(fg3m), sum(fg3a), sum(ftm), sum(fta), sum(oreb), sum(dreb)
                FROM stat_line WHERE NOT deleted GROUP BY player_id, season, season_type""");
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
    }

    private static long percentile(List<Long> values, int percentile) {
        List<Long> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static void report(String measurement) {
        System.out.println("[measured] " + measurement);
    }
}

package courtside.aggregation;

import courtside.embedded.EmbeddedStack;
import courtside.stats.ManagementClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** docs/design.md I4: with Redis down every average is still answered, from PostgreSQL, and it comes back by itself. */
@AggregationServiceTest
class RedisOutageTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    RestTestClient client;
    @Autowired
    ManagementClient management;
    @Autowired
    Pipeline pipeline;

    @Test
    void withRedisDownAveragesAreAnsweredFromPostgresAndWithRedisBackTheyAreCachedAgain() {
        SyntheticSeason season = SyntheticSeason.starting(2015);
        List<Map<String, Object>> lines = season.linesOfFirstGames(6);
        Map<String, Object> first = lines.getFirst();
        long player = ((Number) first.get("player_id")).longValue();
        long team = ((Number) first.get("team_id")).longValue();
        Set<Object> firstGameTeams = lines.stream().filter(l -> l.get("game_id").equals(first.get("game_id")))
                .map(l -> l.get("team_id")).collect(Collectors.toSet());
        // Lines posted during the outage come from games of other teams, so they leave this player and team alone.
        List<Map<String, Object>> duringOutage = lines.stream()
                .filter(l -> l.get("game_id").equals(lines.getLast().get("game_id"))).toList();
        assertThat(duringOutage).noneMatch(l -> firstGameTeams.contains(l.get("team_id")) || l.get("player_id").equals(first.get("player_id")));
        pipeline.post(lines.stream().filter(l -> !duringOutage.contains(l)).toList(), 50);
        pipeline.awaitQuiet();
        assertThat(pipeline.assertCachedEqualsSql("player", player, season.label(), "regular")).isEqualTo("HIT");

        EmbeddedStack.shared().redis().stop();
        try {
            assertThat(cacheSource("/average/player/" + player + "?season=" + season.label())).isEqualTo("BYPASS");
            assertThat(cacheSource("/average/team/" + team)).isEqualTo("BYPASS");
            Pipeline.assertSameAverage("player", JSON.readTree(body("/average/player/" + player + "?season=" + season.label())),
                    JSON.readTree(sqlBody("/average/player/" + player + "?season=" + season.label())));
            Pipeline.assertSameAverage("team", JSON.readTree(body("/average/team/" + team + "?season=" + season.label())),
                    JSON.readTree(sqlBody("/average/team/" + team + "?season=" + season.label())));
            client.get().uri("/average/player/999999999").exchange().expectStatus().isNotFound()
                    .expectHeader().valueEquals("X-Cache", "BYPASS");
            management.http().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.components.redis.status").isEqualTo("DEGRADED");
            // The read models beyond averages answer from PostgreSQL too, and alike.
            ReadModelsCheck readModels = new ReadModelsCheck(client, RunningStatsService.shared().jdbc());
            readModels.assertLeaders("player", season.label(), "regular", "points", 0, "BYPASS");
            readModels.assertLeaders("team", season.label(), "regular", "assists", 0, "BYPASS");
            readModels.assertMaterialized("BYPASS");
            readModels.assertDistribution(player, season.label(), "regular", "points");
            client.get().uri("/games/player/" + player + "?season=" + season.label()).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.games.length()").isEqualTo(RunningStatsService.shared().jdbc().queryForObject(
                            "SELECT count(*) FROM stat_line WHERE player_id = ? AND season = ? AND NOT deleted", Integer.class,
                            player, season.label()));
            client.get().uri("/search?q=" + first.get("player_name")).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.players[0].player_id").isEqualTo(player);
            // Accepted while Redis is down: the consumer retries them until it is back.
            pipeline.post(duringOutage, 50);
        } finally {
            EmbeddedStack.shared().redis().start();
        }

        String uri = "/average/player/" + player + "?season=" + season.label();
        // The restarted Redis is empty: the first answer from it loads the ledger (MISS), the next one is cached.
        String firstFromRedis = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> cacheSource(uri), source -> !"BYPASS".equals(source));
        assertThat(firstFromRedis).isEqualTo("MISS");
        assertThat(cacheSource(uri)).isEqualTo("HIT");
        pipeline.awaitQuiet();
        pipeline.assertCacheEqualsSql(season.label());
    }

    private String cacheSource(String uri) {
        return client.get().uri(uri).exchange().returnResult(String.class).getResponseHeaders().getFirst("X-Cache");
    }

    private String body(String uri) {
        return client.get().uri(uri).exchange().expectStatus().isOk().returnResult(String.class).getResponseBody();
    }

    private String sqlBody(String uri) {
        return RunningStatsService.shared().client().get().uri(uri).exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody();
    }
}

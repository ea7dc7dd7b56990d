package courtside.aggregation;

import courtside.stats.ManagementClient;
import courtside.stats.RealLines;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP contract of the cached averages (docs/design.md section 4) and what operations can see of the service. */
@AggregationServiceTest
class CachedAverageApiTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    RestTestClient client;
    @Autowired
    ManagementClient management;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    Pipeline pipeline;

    @Test
    void aPlayerAndATeamAreAnsweredWithTheSameJsonAsStatsService() {
        pipeline.post(List.of(RealLines.lebron("API-1"), RealLines.giannis("API-2"), RealLines.joeHarris("API-2")), 10);
        pipeline.awaitQuiet();

        for (String uri : List.of("/average/player/2544?season=2019-20", "/average/team/1610612749?season=2019-20",
                "/average/player/203507?season=2019-20&season_type=regular",
                "/average/player/2544?season=2019-20&per_mode=totals", "/average/team/1610612749?season=2019-20&per_mode=per_36",
                "/average/player/203507?per_mode=per_game&season=2019-20")) {
            String cached = client.get().uri(uri).exchange().expectStatus().isOk()
                    .expectHeader().contentType(MediaType.APPLICATION_JSON)
                    .returnResult(String.class).getResponseBody();
            String sql = RunningStatsService.shared().client().get().uri(uri).exchange().expectStatus().isOk()
                    .returnResult(String.class).getResponseBody();
            assertThat(JSON.readTree(cached)).as(uri).isEqualTo(JSON.readTree(sql));
        }
        client.get().uri("/average/player/2544?season=2019-20").exchange().expectBody()
                .jsonPath("$.games_played").isEqualTo(1)
                .jsonPath("$.averages.points").isEqualTo(34.0)
                .jsonPath("$.shooting.fg_pct").isEqualTo(13 / 23.0);
    }

    @Test
    void aModeIsAnsweredFromTheSameCachedSumsAndSaysWhichItIs() {
        // A game on the bench: 0 minutes and nothing else, so no figure per 36 minutes and no ratio.
        Map<String, Object> bench = RealLines.with(RealLines.lebron("API-BENCH"), "player_id", 9_000_201L,
                "minutes_played", BigDecimal.ZERO);
        for (String stat : List.of("points", "rebounds", "assists", "steals", "blocks", "turnovers", "fouls",
                "fgm", "fga", "fg3m", "fg3a", "ftm", "fta", "oreb", "dreb")) {
            bench = RealLines.with(bench, stat, 0);
        }
        pipeline.post(List.of(bench, RealLines.with(RealLines.lebron("API-MODE"), "player_id", 9_000_202L)), 10);
        pipeline.awaitQuiet();

        var benchPer36 = client.get().uri("/average/player/9000201?season=2019-20&per_mode=per_36").exchange()
                .expectStatus().isOk().expectHeader().valueEquals("X-Cache", "HIT").returnResult(String.class);
        JsonNode absent = JSON.readTree(benchPer36.getResponseBody());
        assertThat(absent.get("per_mode").asString()).isEqualTo("per_36");
        for (String figure : List.of("/averages/points", "/averages/minutes_played", "/shooting/fgm", "/shooting/ts_pct",
                "/shooting/efg_pct", "/ast_to")) {
            assertThat(absent.at(figure).isNull()).as("%s without minutes, attempts or turnovers", figure).isTrue();
        }
        client.get().uri("/average/player/9000202?season=2019-20&per_mode=per_36").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.averages.points").isEqualTo(34 * 36_000 / 36_748.0)
                .jsonPath("$.shooting.ts_pct").isEqualTo(100 * 34 / (200 * 23 + 88 * 6.0))
                .jsonPath("$.shooting.efg_pct").isEqualTo((2 * 13 + 5) / 46.0)
                .jsonPath("$.ast_to").isEqualTo(5 / 4.0);
        client.get().uri("/average/player/9000202?season=2019-20&per_mode=totals").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.per_mode").isEqualTo("totals")
                .jsonPath("$.averages.points").isEqualTo(34)
                .jsonPath("$.shooting.fgm").isEqualTo(13);
        client.get().uri("/average/player/9000202?season=2019-20").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.per_mode").doesNotExist();
    }

    @Test
    void withoutASeasonTheLatestSeasonWithLinesIsAnswered() {
        Map<String, Object> rookie = RealLines.with(RealLines.lebron("API-LATEST-1"), "player_id", 9_000_001L);
        pipeline.post(List.of(rookie, RealLines.with(rookie, "game_id", "API-LATEST-2", "game_date", "2020-12-23",
                "points", 31, "ftm", 0)), 10);
        pipeline.awaitQuiet();

        client.get().uri("/average/player/9000001").exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Cache", "HIT")
                .expectBody().jsonPath("$.season").isEqualTo("2020-21")
                .jsonPath("$.games_played").isEqualTo(1)
                .jsonPath("$.averages.points").isEqualTo(31.0);
        client.get().uri("/average/player/9000001?season=2019-20").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.averages.points").isEqualTo(34.0);
    }

    @Test
    void aCachedAverageIsSentWholeWithItsLength() {
        pipeline.post(List.of(RealLines.with(RealLines.lebron("API-LENGTH"), "player_id", 9_000_101L)), 1);
        pipeline.awaitQuiet();

        var answer = client.get().uri("/average/player/9000101?season=2019-20").exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Cache", "HIT")
                .expectHeader().doesNotExist("Transfer-Encoding")
                .returnResult(byte[].class);
        assertThat(answer.getResponseHeaders().getContentLength()).isEqualTo(answer.getResponseBody().length);
    }

    @Test
    void aSeasonWhoseLastLineIsRemovedIsNoLongerAnswered() {
        Map<String, Object> line = RealLines.with(RealLines.lebron("API-REMOVED"), "player_id", 9_000_102L);
        pipeline.post(List.of(line, RealLines.with(line, "game_id", "API-REMOVED-2", "game_date", "2020-12-23")), 10);
        pipeline.awaitQuiet();
        client.get().uri("/average/player/9000102?season=2019-20").exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Cache", "HIT");

        pipeline.remove("API-REMOVED", 9_000_102L);
        pipeline.awaitQuiet();

        client.get().uri("/average/player/9000102?season=2019-20").exchange().expectStatus().isNotFound()
                .expectHeader().valueEquals("X-Cache", "HIT")
                .expectBody().jsonPath("$.title").isEqualTo("Season not found");
        client.get().uri("/average/player/9000102").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.season").isEqualTo("2020-21");
    }

    @Test
    void unknownPlayersTeamsAndSeasonsAre404Problems() {
        client.get().uri("/average/player/987654321").exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("X-Cache")
                .expectBody().jsonPath("$.title").isEqualTo("Player not found")
                .jsonPath("$.status").isEqualTo(404);
        client.get().uri("/average/team/987654321").exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.title").isEqualTo("Team not found");
        pipeline.post(List.of(RealLines.lebron("API-404")), 1);
        client.get().uri("/average/player/2544?season=1990-91").exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.title").isEqualTo("Season not found");
        client.get().uri("/average/player/2544?season_type=playoffs").exchange().expectStatus().isNotFound();
        // Unknown ids are not remembered: asking for them cannot fill Redis.
        assertThat(redis.hasKey("courtside:v4:{player:987654321}:loaded")).isFalse();
    }

    @Test
    void badParametersAre400ProblemsNamingTheParameter() {
        client.get().uri("/average/player/0").exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("player_id");
        client.get().uri("/average/player/abc").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("player_id");
        client.get().uri("/average/team/5?season=2021-23").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("season");
        client.get().uri("/average/team/5?season_type=preseason").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("season_type")
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).doesNotContain("Exception"));
        client.get().uri("/average/player/5?per_mode=per36").exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("per_mode")
                .jsonPath("$.detail").isEqualTo("per_mode must be 'per_game', 'totals' or 'per_36'");
        client.get().uri("/average/team/5?season=2021-22&per_mode=TOTALS").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("per_mode");
    }

    @Test
    void readinessIncludesRedisAndKafkaAndMetricsAreExposed() {
        management.http().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.components.redis.status").isEqualTo("UP")
                .jsonPath("$.components.kafka").exists();
        pipeline.post(List.of(RealLines.giannis("API-METRICS")), 1);
        pipeline.awaitQuiet();
        client.get().uri("/average/player/203507?season=2019-20").exchange().expectStatus().isOk();
        String metrics = management.http().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody();
        assertThat(metrics).contains("courtside_events_total{", "courtside_cache_requests_total{",
                "courtside_rebuild_seconds_count{", "courtside_freshness_seconds_count{", "kafka_consumer_fetch_manager_records_lag_max{");
        management.http().get().uri("/actuator/openapi").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/average/player/{player_id}']").exists();
    }
}

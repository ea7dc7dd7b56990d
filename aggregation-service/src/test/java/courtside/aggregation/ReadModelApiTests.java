package courtside.aggregation;

import courtside.model.BoxScoreFile;
import courtside.model.BoxScoreLine;
import courtside.model.Season;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static courtside.stats.RealLines.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read models beyond averages as a client uses them: leader tables with their qualifications and errors,
 * distributions and game logs that follow corrections and removals, search, live metrics and the readable
 * event log. Each test works in a season of its own; {@link ExactlyOnceTests} holds them all to SQL under faults.
 */
@AggregationServiceTest
@ExtendWith(OutputCaptureExtension.class)
class ReadModelApiTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long JOKIC = 203999;
    private static final long DENVER = 1610612743L;

    @Autowired
    RestTestClient client;
    @Autowired
    Pipeline pipeline;
    @Autowired
    org.springframework.data.redis.core.StringRedisTemplate redis;
    @Autowired
    courtside.aggregation.directory.NameRetention names;

    final JdbcTemplate sql = RunningStatsService.shared().jdbc();

    @Test
    void everyLineTakenIsLoggedOnceWithASentenceAndACorrectionSaysWhatChanged(CapturedOutput output) {
        // Jokic's real first game (27 points in 34:43 at PHX), moved to 2007-08; Phoenix's lines first, so the
        // opponent is known when Denver's arrive.
        List<Map<String, Object>> game = BoxScoreFile.sampleSeason().stream().filter(l -> l.gameId().equals("0022100012"))
                .map(l -> l.inSeasonStartingIn(2007)).map(BoxScoreLine::toWire).toList();
        pipeline.post(game.stream().filter(l -> !l.get("team_id").equals(DENVER)).toList(), 50);
        pipeline.awaitQuiet();
        pipeline.post(game.stream().filter(l -> l.get("team_id").equals(DENVER)).toList(), 50);
        pipeline.awaitQuiet();

        String sentence = "Nikola Jokic (DEN) had 27 points, 13 rebounds and 2 assists in 34:43 vs PHX on October 20th, 2007";
        assertThat(output.getAll()).containsOnlyOnce(sentence);

        Map<String, Object> jokic = game.stream().filter(l -> l.get("player_id").equals(JOKIC)).findFirst().orElseThrow();
        pipeline.postBatch(List.of(with(jokic, "points", 28, "ftm", 1, "fta", 1)));
        pipeline.awaitQuiet();
        assertThat(output.getAll()).contains("Corrected: Nikola Jokic (DEN) had 28 points, 13 rebounds and 2 assists in 34:43 "
                + "vs PHX on October 20th, 2007; points 27 → 28, ftm 0 → 1, fta 0 → 1");

        pipeline.remove(jokic.get("game_id"), JOKIC);
        pipeline.awaitQuiet();
        assertThat(output.getAll()).contains("Removed the line of Nikola Jokic (DEN) vs PHX on October 20th, 2007");
        pipeline.assertCacheEqualsSql(Season.startingIn(2007));
    }

    @Test
    void aCorrectionMovesItsGameToAnotherBucketAndARemovalTakesItOutOfTheDistributionAndTheGameLog() {
        SyntheticSeason season = SyntheticSeason.starting(2006);
        List<Map<String, Object>> lines = season.linesOfFirstGames(30);
        pipeline.post(lines, 100);
        pipeline.awaitQuiet();
        Map<String, Object> line = lines.stream().filter(l -> l.get("player_id").equals(JOKIC)).findFirst().orElseThrow();
        String distribution = "/distribution/player/%d?season=%s&stat=points".formatted(JOKIC, season.label());
        String gameLog = "/games/player/%d?season=%s".formatted(JOKIC, season.label());
        Map<Long, Long> before = buckets(distribution);
        int points = (Integer) line.get("points");

        pipeline.postBatch(List.of(with(line, "points", points + 1, "ftm", (Integer) line.get("ftm") + 1,
                "fta", (Integer) line.get("fta") + 1)));
        pipeline.awaitQuiet();
        Map<Long, Long> corrected = buckets(distribution);
        assertThat(corrected.getOrDefault((long) points, 0L)).isEqualTo(before.get((long) points) - 1);
        assertThat(corrected.get((long) points + 1)).isEqualTo(before.getOrDefault((long) points + 1, 0L) + 1);
        JsonNode games = get(gameLog).get("games");
        assertThat(games.get(0).get("points").intValue()).isEqualTo(points + 1);
        assertThat(games.get(0).get("opponent_abbreviation").asString()).isEqualTo("PHX");
        assertThat(games.get(0).get("game_date").asString()).isEqualTo("2006-10-20");

        pipeline.remove(line.get("game_id"), JOKIC);
        pipeline.awaitQuiet();
        long remaining = sql.queryForObject("SELECT count(*) FROM stat_line WHERE player_id = ? AND season = ? AND NOT deleted",
                Long.class, JOKIC, season.label());
        assertThat(get(gameLog).get("games").size()).isEqualTo((int) remaining);
        assertThat(get(distribution).get("games").longValue()).isEqualTo(remaining);
        new ReadModelsCheck(client, sql).assertDistribution(JOKIC, season.label(), "regular", "points");
    }

    @Test
    void aTeamsGameLogHoldsItsPerGameTotalsAndItsOpponent() {
        SyntheticSeason season = SyntheticSeason.starting(2005);
        pipeline.post(season.linesOfFirstGames(25), 100);
        pipeline.awaitQuiet();
        JsonNode log = get("/games/team/%d?season=%s".formatted(DENVER, season.label()));
        List<Map<String, Object>> sums = sql.queryForList("""
                SELECT game_id, sum(points) AS points, sum(rebounds) AS rebounds, count(*) AS lines FROM stat_line
                WHERE team_id = ? AND season = ? AND NOT deleted GROUP BY game_id, game_date ORDER BY game_date, game_id""",
                DENVER, season.label());
        assertThat(log.get("games").size()).isEqualTo(sums.size()).isPositive();
        for (int i = 0; i < sums.size(); i++) {
            JsonNode game = log.get("games").get(i);
            assertThat(game.get("game_id").asString()).isEqualTo(sums.get(i).get("game_id"));
            assertThat(game.get("points").longValue()).isEqualTo(((Number) sums.get(i).get("points")).longValue());
            assertThat(game.get("rebounds").longValue()).isEqualTo(((Number) sums.get(i).get("rebounds")).longValue());
            assertThat(game.get("player_lines").longValue()).isEqualTo(((Number) sums.get(i).get("lines")).longValue());
            String opponent = sql.queryForObject("SELECT DISTINCT team_abbreviation FROM stat_line WHERE game_id = ? AND team_id <> ?",
                    String.class, game.get("game_id").asString(), DENVER);
            assertThat(game.get("opponent_abbreviation").asString()).isEqualTo(opponent);
        }
        assertThat(log.get("team_abbreviation").asString()).isEqualTo("DEN");
    }

    @Test
    void leaderTablesQualifyByGamesAndAttempts() {
        SyntheticSeason season = SyntheticSeason.starting(2005);
        pipeline.post(season.linesOfFirstGames(60), 100);
        pipeline.awaitQuiet();
        JsonNode table = get("/leaders?season=%s&stat=ft_pct&min_games=2&min_attempts=8&limit=1000".formatted(season.label()));
        long qualified = sql.queryForObject("""
                SELECT count(*) FROM (SELECT player_id FROM stat_line WHERE NOT deleted AND season = ? AND season_type = 'regular'
                GROUP BY player_id HAVING count(*) >= 2 AND sum(fta) >= 8) q""", Long.class, season.label());
        assertThat(table.get("leaders").size()).isEqualTo((int) qualified).isPositive();
        table.get("leaders").forEach(row -> {
            assertThat(row.get("games_played").longValue()).isGreaterThanOrEqualTo(2);
            assertThat(row.get("attempts").longValue()).isGreaterThanOrEqualTo(8);
            assertThat(row.get("value").doubleValue()).isEqualTo((double) row.get("total").longValue() / row.get("attempts").longValue());
        });
        assertThat(table.get("min_games").longValue()).isEqualTo(2);
        assertThat(table.get("min_attempts").longValue()).isEqualTo(8);

        JsonNode seasons = get("/seasons").get("seasons");
        assertThat(seasons.findValuesAsString("season")).contains(season.label());
        JsonNode teams = get("/leaders/teams?season=%s&stat=points&limit=3&min_games=0".formatted(season.label()));
        assertThat(teams.get("leaders").size()).isEqualTo(3);
        assertThat(teams.get("leaders").get(0).has("player_id")).isFalse();
    }

    @Test
    void badParametersAreProblemsNamingTheParameterAndAnUnknownSeasonIsA404() {
        problem("/leaders?stat=dunks", 400, "stat");
        problem("/leaders?limit=0", 400, "limit");
        problem("/leaders/teams?min_games=-1", 400, "min_games");
        problem("/leaders?season=2021-23", 400, "season");
        problem("/leaders?season_type=preseason", 400, "season_type");
        problem("/distribution/player/203999?stat=fg_pct", 400, "stat");
        problem("/distribution/player/203999?bucket=0", 400, "bucket");
        problem("/search?q=a", 400, "q");
        client.get().uri("/leaders?season=1990-91").exchange().expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.detail").isEqualTo("No player lines in the 1990-91 regular season");
        client.get().uri("/games/player/999999999").exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.title").isEqualTo("Player not found");
    }

    @Test
    void searchFindsPlayersAndTeamsByAnyPartOfTheirNameIgnoringCase() {
        SyntheticSeason season = SyntheticSeason.starting(2005);
        pipeline.post(season.linesOfFirstGames(25), 100);
        pipeline.awaitQuiet();
        JsonNode found = get("/search?q=JOKI");
        assertThat(found.get("players").findValuesAsString("player_name")).contains("Nikola Jokic");
        assertThat(found.get("players").get(0).get("team_abbreviation").asString()).isEqualTo("DEN");
        assertThat(get("/search?q=den").get("teams").findValuesAsString("team_abbreviation")).containsExactly("DEN");
    }

    @Test
    void searchFindsANameByTheStartOfAnyOfItsWordsThroughAnIndexAndForgetsAPlayerWithoutLines() {
        long player = 990_002;
        Map<String, Object> line = with(SyntheticSeason.starting(2000).linesOfFirstGames(1).getFirst(),
                "player_id", player, "player_name", "Zelda Quux-Vorn");
        pipeline.postBatch(List.of(line));
        pipeline.awaitQuiet();
        for (String q : List.of("zeld", "QUUX", "vorn", "quux-v", "zelda q", "Zelda Quux-Vorn")) {
            assertThat(JSON.readTree(client.get().uri("/search?q={q}", q).exchange().expectStatus().isOk()
                    .returnResult(String.class).getResponseBody()).get("players").findValuesAsString("player_name"))
                    .as("search for %s", q).containsExactly("Zelda Quux-Vorn");
        }
        // Found by its words, not by reading every name: the index holds them.
        assertThat(redis.opsForZSet().rangeByLex("courtside:v4:name-words",
                org.springframework.data.domain.Range.closed("vorn", "vorn\uffff"))).contains("vorn\0player:" + player);
        assertThat(get("/search?q=uux").get("players").size()).isZero();

        // A new name: found by its new words, no longer by the old ones, which the search drops from the index.
        pipeline.postBatch(List.of(with(line, "player_name", "Zelda Quux-Wren")));
        pipeline.awaitQuiet();
        assertThat(get("/search?q=wren").get("players").findValuesAsString("player_name")).containsExactly("Zelda Quux-Wren");
        assertThat(get("/search?q=vorn").get("players").size()).isZero();
        assertThat(redis.opsForZSet().rangeByLex("courtside:v4:name-words",
                org.springframework.data.domain.Range.closed("vorn", "vorn\uffff"))).isEmpty();

        pipeline.remove(line.get("game_id"), player);
        pipeline.awaitQuiet();
        assertThat(names.purgeNamesWithoutLines()).isPositive();
        assertThat(get("/search?q=zelda").get("players").size()).isZero();
        assertThat(redis.opsForHash().hasKey("courtside:v4:names", "player:" + player)).isFalse();
        assertThat(redis.opsForZSet().rangeByLex("courtside:v4:name-words",
                org.springframework.data.domain.Range.closed("wren", "wren\uffff"))).isEmpty();
    }

    @Test
    void liveMetricsCountTheLinesJustTakenAndTotalEveryStoredLine() {
        SyntheticSeason season = SyntheticSeason.starting(2004);
        List<Map<String, Object>> lines = season.linesOfFirstGames(10);
        pipeline.post(lines, 100);
        pipeline.awaitQuiet();
        JsonNode live = get("/materialized");
        assertThat(live.get("lines_per_minute").longValue()).isGreaterThanOrEqualTo(lines.size());
        assertThat(live.get("lines_per_second_moving_average").doubleValue())
                .isEqualTo(live.get("lines_per_minute").longValue() / 60.0);
        new ReadModelsCheck(client, sql).assertMaterialized("HIT");
    }

    private void problem(String uri, int status, String field) {
        client.get().uri(uri).exchange().expectStatus().isEqualTo(status)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
    }

    private JsonNode get(String uri) {
        return JSON.readTree(client.get().uri(uri).exchange().expectStatus().isOk().returnResult(String.class).getResponseBody());
    }

    private Map<Long, Long> buckets(String uri) {
        Map<Long, Long> buckets = new HashMap<>();
        get(uri).get("buckets").forEach(b -> buckets.put(b.get("value").longValue(), b.get("games").longValue()));
        return buckets;
    }
}

package courtside.aggregation;

import courtside.model.BoxScoreFile;
import courtside.model.BoxScoreLine;
import courtside.model.BoxScoreStat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.within;

/**
 * Leader tables of the real 2021-22 season by true shooting and effective field-goal percentage, and the league's
 * qualification they default to, each against a table the test computes itself from {@code sample-data}: 70 % of
 * the season's 82 games (58) and, for the shooting percentages, the league's minimum makes (300 FGM for FG%, TS%
 * and eFG%). The example: Kyrie Irving, 27.4 points a game in 29 games, ranks eighth in scoring without a
 * minimum and not at all by default.
 */
@AggregationServiceTest
// With DashboardBrowserTests, after SeasonReplayCacheTests has posted the real season (junit-platform.properties):
// posting it again changes nothing, and every other class's whole-cache check stays off its 635 seasons.
@Order(Integer.MAX_VALUE)
class LeaderQualificationTests {

    private static final String SEASON = "2021-22";
    private static final long KYRIE_IRVING = 202681;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    RestTestClient client;
    @Autowired
    Pipeline pipeline;

    /** One player's (or team's) season as the test sums it from the CSV. */
    private static final class Sums {
        long games;
        long points;
        long fgm;
        long fga;
        long fg3m;
        long ftm;
        long fta;
        final Set<String> gameIds = new HashSet<>();

        void add(BoxScoreLine line) {
            gameIds.add(line.gameId());
            games++;
            points += line.stats().value(BoxScoreStat.POINTS).longValue();
            fgm += line.stats().value(BoxScoreStat.FGM).longValue();
            fga += line.stats().value(BoxScoreStat.FGA).longValue();
            fg3m += line.stats().value(BoxScoreStat.FG3M).longValue();
            ftm += line.stats().value(BoxScoreStat.FTM).longValue();
            fta += line.stats().value(BoxScoreStat.FTA).longValue();
        }

        /**
         * The textbook formula in decimals (every line of the sample carries the shooting block), to 30 places: two
         * seasons with the same true figure tie here as in the service, which breaks ties by id.
         */
        BigDecimal trueShooting() {
            return ratio(BigDecimal.valueOf(2 * fgm + fg3m + ftm),
                    BigDecimal.valueOf(fga).add(new BigDecimal("0.44").multiply(BigDecimal.valueOf(fta))).multiply(BigDecimal.TWO));
        }

        BigDecimal effectiveFieldGoals() {
            return ratio(BigDecimal.valueOf(fgm).add(new BigDecimal("0.5").multiply(BigDecimal.valueOf(fg3m))), BigDecimal.valueOf(fga));
        }

        BigDecimal pointsPerGame() {
            return ratio(BigDecimal.valueOf(points), BigDecimal.valueOf(games));
        }

        BigDecimal fieldGoals() {
            return ratio(BigDecimal.valueOf(fgm), BigDecimal.valueOf(fga));
        }

        private static BigDecimal ratio(BigDecimal numerator, BigDecimal denominator) {
            return numerator.divide(denominator, 30, RoundingMode.HALF_EVEN);
        }
    }

    /** The season as the test sums it, once for the class: posting it again would change nothing. */
    private static final Map<Long, Sums> players = new HashMap<>();
    private static final Map<Long, Sums> teams = new HashMap<>();

    @BeforeEach
    void postTheRealSeason() {
        if (!players.isEmpty()) {
            return;
        }
        List<BoxScoreLine> season = BoxScoreFile.sampleSeason();
        pipeline.post(season.stream().map(BoxScoreLine::toWire).toList(), 1000);
        pipeline.awaitQuiet();
        // A first table may come from PostgreSQL while a rebuild refills the index: these come from the index.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                "HIT".equals(client.get().uri("/leaders").exchange().returnResult(String.class).getResponseHeaders().getFirst("X-Cache")));
        for (BoxScoreLine line : season) {
            assertThat(line.stats().hasShooting()).isTrue();
            players.computeIfAbsent(line.playerId(), id -> new Sums()).add(line);
            teams.computeIfAbsent(line.teamId(), id -> new Sums()).add(line);
        }
    }

    @Test
    void tsAndEfgLeadersAreTheQualifiedPlayersRankedAsComputedFromTheCsvAndEqualTheirAverages() {
        long teamGames = teams.values().stream().mapToLong(t -> t.gameIds.size()).max().orElseThrow();
        assertThat(teamGames).isEqualTo(82);
        Predicate<Sums> qualified = p -> p.games >= 58 && p.fgm >= 300;

        for (String stat : List.of("ts_pct", "efg_pct")) {
            Function<Sums, BigDecimal> value = stat.equals("ts_pct") ? Sums::trueShooting : Sums::effectiveFieldGoals;
            String uri = "/leaders?season=%s&stat=%s&limit=1000".formatted(SEASON, stat);
            var result = client.get().uri(uri).exchange().expectStatus().isOk().returnResult(String.class);
            assertThat(result.getResponseHeaders().getFirst("X-Cache")).as("from the leader index").isEqualTo("HIT");
            JsonNode table = JSON.readTree(result.getResponseBody());
            JsonNode qualification = table.get("qualification");
            assertThat(qualification.get("rule").asString()).isEqualTo("league");
            assertThat(qualification.get("min_games").longValue()).isEqualTo(58);
            assertThat(qualification.get("min_made").longValue()).isEqualTo(300);
            assertThat(qualification.get("team_games").longValue()).isEqualTo(82);
            assertThat(table.get("min_games").longValue()).isEqualTo(58);

            List<Long> expected = ranked(players, qualified, value);
            JsonNode leaders = table.get("leaders");
            assertThat(leaders.size()).as("qualified by %s", stat).isEqualTo(expected.size()).isGreaterThan(50);
            for (int i = 0; i < expected.size(); i++) {
                JsonNode row = leaders.get(i);
                Sums want = players.get(expected.get(i));
                String where = stat + " row " + (i + 1);
                assertThat(row.get("rank").intValue()).as(where).isEqualTo(i + 1);
                assertThat(row.get("player_id").longValue()).as(where).isEqualTo(expected.get(i));
                assertThat(row.get("games_played").longValue()).as(where).isEqualTo(want.games);
                assertThat(row.get("attempts").longValue()).as(where).isEqualTo(want.fga);
                assertThat(row.get("total").longValue()).as(where).isEqualTo(want.fgm);
                assertThat(row.get("value").doubleValue()).as(where).isCloseTo(value.apply(want).doubleValue(), within(1e-9));
                // The leader's value is his average answer's, to the bit.
                JsonNode average = get("/average/player/%d?season=%s".formatted(expected.get(i), SEASON));
                assertThat(row.get("value").doubleValue()).as(where + " against the average answer")
                        .isEqualTo(average.get("shooting").get(stat).doubleValue());
            }
        }

        // Teams qualify by the same rule: every team played 82 games and made far more than 300 field goals.
        JsonNode teamTable = get("/leaders/teams?season=%s&stat=efg_pct&limit=1000".formatted(SEASON));
        List<Long> expectedTeams = ranked(teams, t -> true, Sums::effectiveFieldGoals);
        assertThat(teamTable.get("leaders").size()).isEqualTo(expectedTeams.size()).isEqualTo(30);
        for (int i = 0; i < expectedTeams.size(); i++) {
            JsonNode row = teamTable.get("leaders").get(i);
            assertThat(row.get("team_id").longValue()).isEqualTo(expectedTeams.get(i));
            assertThat(row.get("value").doubleValue()).isCloseTo(teams.get(expectedTeams.get(i)).effectiveFieldGoals().doubleValue(), within(1e-9));
        }
    }

    @Test
    void byDefaultAPlayerUnder70PercentOfTheGamesDoesNotRankAndAnExplicitMinimumOfZeroRestoresTheTable() {
        Function<Sums, BigDecimal> pointsPerGame = Sums::pointsPerGame;

        JsonNode byDefault = get("/leaders?season=%s&stat=points&limit=1000".formatted(SEASON));
        List<Long> qualified = ranked(players, p -> p.games >= 58, pointsPerGame);
        assertRows(byDefault, qualified, pointsPerGame);
        assertThat(byDefault.get("qualification").get("rule").asString()).isEqualTo("league");
        assertThat(byDefault.get("qualification").has("min_made")).as("no makes for a stat per game").isFalse();
        assertThat(byDefault.findValues("player_id")).noneMatch(id -> id.longValue() == KYRIE_IRVING);
        byDefault.get("leaders").forEach(row -> assertThat(row.get("games_played").longValue()).isGreaterThanOrEqualTo(58));

        JsonNode unqualified = get("/leaders?season=%s&stat=points&limit=1000&min_games=0".formatted(SEASON));
        assertRows(unqualified, ranked(players, p -> true, pointsPerGame), pointsPerGame);
        assertThat(unqualified.get("leaders").get(7).get("player_id").longValue()).as("eighth in scoring").isEqualTo(KYRIE_IRVING);
        assertThat(unqualified.get("leaders").get(7).get("games_played").longValue()).isEqualTo(29);
        assertThat(unqualified.get("min_games").longValue()).isZero();
        assertThat(unqualified.get("qualification").get("rule").asString()).isEqualTo("request");

        // An explicit min_games=0 on a percentage is the table from before the league's rule: the configured attempts.
        JsonNode fieldGoals = get("/leaders?season=%s&stat=fg_pct&limit=1000&min_games=0".formatted(SEASON));
        assertThat(fieldGoals.get("min_attempts").longValue()).isEqualTo(300);
        assertRows(fieldGoals, ranked(players, p -> p.fga >= 300, Sums::fieldGoals), Sums::fieldGoals);

        // The league's minimum makes for 3P% and FT%, prorated by 82 of 82 games: the full-season figures.
        assertThat(get("/leaders?season=%s&stat=fg3_pct".formatted(SEASON)).get("qualification").get("min_made").longValue()).isEqualTo(82);
        assertThat(get("/leaders?season=%s&stat=ft_pct".formatted(SEASON)).get("qualification").get("min_made").longValue()).isEqualTo(125);
    }

    @Test
    void badMinimumsAreProblemsNamingTheParameter() {
        problem("/leaders?stat=ts_pct&min_games=-1", "min_games");
        problem("/leaders?stat=efg_pct&min_attempts=-5", "min_attempts");
        problem("/leaders?stat=ts_pct&min_games=many", "min_games");
    }

    private void assertRows(JsonNode table, List<Long> expected, Function<Sums, BigDecimal> value) {
        JsonNode leaders = table.get("leaders");
        assertThat(leaders.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode row = leaders.get(i);
            assertThat(row.get("player_id").longValue()).as("row %d", i + 1).isEqualTo(expected.get(i));
            assertThat(row.get("value").doubleValue()).as("row %d", i + 1)
                    .isCloseTo(value.apply(players.get(expected.get(i))).doubleValue(), within(1e-9));
        }
    }

    /** Ids of those qualified, best first, ties by id as the service breaks them. */
    private static List<Long> ranked(Map<Long, Sums> sums, Predicate<Sums> qualified, Function<Sums, BigDecimal> value) {
        List<Long> ids = new ArrayList<>(sums.keySet().stream().filter(id -> qualified.test(sums.get(id))).toList());
        ids.sort(Comparator.<Long, BigDecimal>comparing(id -> value.apply(sums.get(id))).reversed()
                .thenComparingLong(id -> id));
        return ids;
    }

    private void problem(String uri, String field) {
        client.get().uri(uri).exchange().expectStatus().isEqualTo(400)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
    }

    private JsonNode get(String uri) {
        return JSON.readTree(client.get().uri(uri).exchange().expectStatus().isOk().returnResult(String.class).getResponseBody());
    }
}

package courtside.stats.average;

import courtside.stats.SampleSeason;
import courtside.stats.StatsServiceTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static courtside.stats.RealLines.giannis;
import static courtside.stats.RealLines.lebron;
import static courtside.stats.RealLines.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The edges of {@code per_mode} and of the efficiency figures on a few lines in a season of their own (1987-88): no
 * minutes, some lines without the shooting block, and a mode that is not one. Every figure of the real season in
 * every mode is checked by {@link SeasonReplayTests}.
 */
@StatsServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PerModeTests {

    private static final String SEASON = "1987-88";
    /** One line: a game on the bench, 0 minutes and nothing else. */
    private static final long BENCH = 987_001;
    /** LeBron's real line (34 pts, 13/23 FG, 5/11 3P, 3/6 FT, 5 ast, 4 tov), then Giannis's (32 pts, 7 ast, 4 tov) without the block. */
    private static final long PARTIAL = 987_002;
    private static final long CELTICS = 1610612738L;
    private static final double EXACT = 1e-12;

    @Autowired
    RestTestClient http;

    @BeforeAll
    void aBenchGameAndAPartlyShootingSeason() {
        Map<String, Object> bench = with(lebron("MODE-Z"), "player_id", BENCH, "team_id", CELTICS, "team_abbreviation", "BOS",
                "game_date", "1988-01-10", "minutes_played", BigDecimal.ZERO);
        for (String stat : List.of("points", "rebounds", "assists", "steals", "blocks", "turnovers", "fouls",
                "fgm", "fga", "fg3m", "fg3a", "ftm", "fta", "oreb", "dreb")) {
            bench = with(bench, stat, 0);
        }
        List<Map<String, Object>> lines = List.of(bench,
                with(lebron("MODE-A"), "player_id", PARTIAL, "game_date", "1988-01-10"),
                with(giannis("MODE-B"), "player_id", PARTIAL, "team_id", 1610612747L, "team_abbreviation", "LAL",
                        "game_date", "1988-01-12", "fgm", null, "fga", null, "fg3m", null, "fg3a", null,
                        "ftm", null, "fta", null, "oreb", null, "dreb", null));
        http.post().uri("/log").contentType(MediaType.APPLICATION_JSON).body(SampleSeason.json(lines))
                .exchange().expectStatus().isCreated();
    }

    @Test
    void withoutMinutesEveryPer36FigureIsAbsentAndTheRatiosWithoutADenominatorToo() {
        for (String uri : List.of("/average/player/" + BENCH, "/average/team/" + CELTICS)) {
            JsonNode average = average(uri, "per_36");
            JsonNode figures = average.has("averages") ? average.get("averages") : average.get("per_game");
            assertThat(average.get("per_mode").asString()).isEqualTo("per_36");
            for (String stat : List.of("points", "assists", "fouls", "minutes_played")) {
                assertThat(figures.get(stat).isNull()).as("%s %s per 36", uri, stat).isTrue();
            }
            assertThat(average.at("/shooting/fgm").isNull()).as(uri).isTrue();
            assertThat(average.at("/shooting/ts_pct").isNull()).as(uri).isTrue();
            assertThat(average.at("/shooting/efg_pct").isNull()).as(uri).isTrue();
            assertThat(average.get("ast_to").isNull()).as(uri).isTrue();
            assertThat(average.at("/totals/points").asLong()).as(uri).isZero();
        }
        JsonNode totals = average("/average/player/" + BENCH, "totals");
        assertThat(totals.at("/averages/points").isIntegralNumber()).isTrue();
        assertThat(totals.at("/averages/points").asLong()).isZero();
    }

    @Test
    void trueShootingCountsThePointsOfTheLinesThatCarryTheBlock() {
        JsonNode average = average("/average/player/" + PARTIAL, "per_game");

        assertThat(average.has("per_mode")).as("the default answer names no mode").isFalse();
        assertThat(average.at("/totals/points").asLong()).isEqualTo(34 + 32);
        // 34 points from 13 field goals, 5 of them threes, and 3 free throws; not the season's 66.
        assertThat(average.at("/shooting/ts_pct").asDouble()).isCloseTo(34 / (2 * (23 + 0.44 * 6)), within(EXACT));
        assertThat(average.at("/shooting/efg_pct").asDouble()).isCloseTo((13 + 0.5 * 5) / 23, within(EXACT));
        assertThat(average.get("ast_to").asDouble()).isCloseTo((5 + 7) / 8.0, within(EXACT));
    }

    @Test
    void per36ShootingIsAbsentWhenSomeGamesLackTheBlockAndTheRestIsOverAllMinutes() {
        JsonNode average = average("/average/player/" + PARTIAL, "per_36");

        assertThat(average.at("/averages/points").asDouble()).isCloseTo(66 / (36.748 + 30.95) * 36, within(EXACT));
        assertThat(average.at("/averages/minutes_played").asDouble()).isCloseTo(36.0, within(EXACT));
        assertThat(average.at("/shooting/games").asLong()).isEqualTo(1);
        assertThat(average.at("/shooting/fgm").isNull()).as("fgm per 36 of the minutes of other games").isTrue();
        assertThat(average.at("/shooting/fg_pct").asDouble()).isCloseTo(13 / 23.0, within(EXACT));
        assertThat(average.at("/shooting/ts_pct").asDouble()).isCloseTo(34 / (2 * (23 + 0.44 * 6)), within(EXACT));
    }

    @Test
    void totalsAreTheSeasonSums() {
        JsonNode average = average("/average/player/" + PARTIAL, "totals");

        assertThat(average.get("per_mode").asString()).isEqualTo("totals");
        assertThat(average.at("/averages/points").asLong()).isEqualTo(66);
        assertThat(average.at("/averages/minutes_played").decimalValue()).isEqualByComparingTo("67.698");
        assertThat(average.at("/shooting/fgm").isIntegralNumber()).isTrue();
        assertThat(average.at("/shooting/fgm").asLong()).isEqualTo(13);
    }

    @Test
    void aModeThatIsNotOneIsA400ProblemNamingIt() {
        for (String uri : List.of("/average/player/" + PARTIAL + "?per_mode=per36",
                "/average/team/" + CELTICS + "?season=" + SEASON + "&per_mode=PER_36")) {
            http.get().uri(uri).exchange().expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.title").isEqualTo("Invalid request parameter")
                    .jsonPath("$.errors[0].field").isEqualTo("per_mode")
                    .jsonPath("$.detail").isEqualTo("per_mode must be 'per_game', 'totals' or 'per_36'");
        }
    }

    private JsonNode average(String path, String mode) {
        return http.get().uri(path + "?season=" + SEASON + (mode.equals("per_game") ? "" : "&per_mode=" + mode))
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }
}

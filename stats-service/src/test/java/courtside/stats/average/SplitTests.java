package courtside.stats.average;

import courtside.stats.SampleSeason;
import courtside.stats.StatsServiceTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.util.List;
import java.util.Map;

import static courtside.stats.RealLines.giannis;
import static courtside.stats.RealLines.lebron;
import static courtside.stats.RealLines.with;

/**
 * Splits by SQL on a few games in a season of their own (1963-64): the last N games, a date range, one opponent, and
 * their combination; an empty split and bad parameters. Every player and team of the real season is checked against
 * the CSV, and against the cache, by aggregation-service's SeasonReplayCacheTests.
 */
@StatsServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SplitTests {

    private static final String SEASON = "1963-64";
    private static final long PLAYER = 963_001;
    private static final long TEAMMATE = 963_002;
    private static final long LAKERS = 1610612747L;
    private static final long CELTICS = 1610612738L;
    private static final long KNICKS = 1610612752L;

    @Autowired
    RestTestClient http;

    /** Four games of his, told apart by their assists (1 to 4); the fourth with a teammate's line of 10 assists. */
    @BeforeAll
    void fourGamesAgainstTwoOpponents() {
        List<Map<String, Object>> lines = List.of(
                game("SPLIT-1", "1963-11-01", 1), opponent("SPLIT-1", "1963-11-01", 963_101, CELTICS, "BOS"),
                game("SPLIT-2", "1963-11-05", 2), opponent("SPLIT-2", "1963-11-05", 963_102, KNICKS, "NYK"),
                game("SPLIT-3", "1963-12-01", 3), opponent("SPLIT-3", "1963-12-01", 963_101, CELTICS, "BOS"),
                game("SPLIT-4", "1963-12-03", 4), opponent("SPLIT-4", "1963-12-03", 963_101, CELTICS, "BOS"),
                with(game("SPLIT-4", "1963-12-03", 10), "player_id", TEAMMATE));
        http.post().uri("/log").contentType(MediaType.APPLICATION_JSON).body(SampleSeason.json(lines))
                .exchange().expectStatus().isCreated();
    }

    @Test
    void theLastGamesADateRangeAndAnOpponentEachCountOnlyTheirGames() {
        player("&last=2").jsonPath("$.split.last").isEqualTo(2).jsonPath("$.split.from").doesNotExist()
                .jsonPath("$.games_played").isEqualTo(2).jsonPath("$.totals.assists").isEqualTo(7)
                .jsonPath("$.averages.assists").isEqualTo(3.5);
        player("&from=1963-11-01&to=1963-11-30").jsonPath("$.split.from").isEqualTo("1963-11-01")
                .jsonPath("$.split.to").isEqualTo("1963-11-30").jsonPath("$.split.last").doesNotExist()
                .jsonPath("$.games_played").isEqualTo(2).jsonPath("$.totals.assists").isEqualTo(3);
        player("&from=1963-12-03").jsonPath("$.games_played").isEqualTo(1).jsonPath("$.totals.assists").isEqualTo(4);
        player("&vs=" + CELTICS).jsonPath("$.split.vs").isEqualTo(CELTICS)
                .jsonPath("$.games_played").isEqualTo(3).jsonPath("$.totals.assists").isEqualTo(8);
        player("&vs=" + CELTICS + "&last=1&per_mode=totals").jsonPath("$.per_mode").isEqualTo("totals")
                .jsonPath("$.games_played").isEqualTo(1).jsonPath("$.averages.assists").isEqualTo(4);
        // A team's last game is all of its lines in that game: two player lines, one game.
        team(LAKERS, "&last=1").jsonPath("$.games_played").isEqualTo(1).jsonPath("$.player_lines").isEqualTo(2)
                .jsonPath("$.per_game.assists").isEqualTo(14.0).jsonPath("$.per_player_game.assists").isEqualTo(7.0);
        team(LAKERS, "&vs=" + KNICKS).jsonPath("$.games_played").isEqualTo(1).jsonPath("$.totals.assists").isEqualTo(2);
        team(CELTICS, "&vs=" + LAKERS).jsonPath("$.games_played").isEqualTo(3);
        // Without a split the answer is today's: no split in it.
        player("").jsonPath("$.split").doesNotExist().jsonPath("$.games_played").isEqualTo(4);
    }

    @Test
    void aSplitWithoutGamesIsNotFoundAndBadParametersAreRefused() {
        http.get().uri("/average/player/{id}?season={season}&vs=1610612744", PLAYER, SEASON).exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.title").isEqualTo("No games in split")
                .jsonPath("$.detail").isEqualTo("No lines of player 963001 in the 1963-64 regular season are in the split");
        http.get().uri("/average/team/{id}?season=1960-61&last=3", LAKERS).exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.title").isEqualTo("Season not found");
        Map<String, String> refused = Map.of("last=0", "last", "last=83", "last", "from=1963-02-30", "from",
                "from=1963-12-02&to=1963-12-01", "to", "vs=0", "vs", "vs=x", "vs");
        refused.forEach((query, field) -> http.get().uri("/average/player/{id}?season={season}&" + query, PLAYER, SEASON)
                .exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.title").isEqualTo("Invalid request parameter").jsonPath("$.errors[0].field").isEqualTo(field));
    }

    private RestTestClient.BodyContentSpec player(String split) {
        return http.get().uri("/average/player/{id}?season={season}" + split, PLAYER, SEASON).exchange()
                .expectStatus().isOk().expectBody();
    }

    private RestTestClient.BodyContentSpec team(long team, String split) {
        return http.get().uri("/average/team/{id}?season={season}" + split, team, SEASON).exchange()
                .expectStatus().isOk().expectBody();
    }

    private static Map<String, Object> game(String gameId, String date, int assists) {
        return with(lebron(gameId), "player_id", PLAYER, "game_date", date, "assists", assists);
    }

    private static Map<String, Object> opponent(String gameId, String date, long player, long team, String abbreviation) {
        return with(giannis(gameId), "player_id", player, "team_id", team, "team_abbreviation", abbreviation, "game_date", date);
    }
}

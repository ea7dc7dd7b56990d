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

import java.util.List;
import java.util.Map;

import static courtside.stats.RealLines.giannis;
import static courtside.stats.RealLines.lebron;
import static courtside.stats.RealLines.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The edges of docs/design.md section 3 on a few real lines in a season of their own (1997-98): shooting counts
 * only the lines that carry the block and is absent when none does, a team has two views, and a traded
 * player's line counts for the team on the line.
 */
@StatsServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeasonAverageTests {

    private static final String SEASON = "1997-98";
    private static final long SHOOTER = 990_201;
    private static final long NO_BLOCK = 990_202;
    private static final long LAKERS = 1610612747L;
    private static final long BUCKS = 1610612749L;
    private static final Object[] NO_SHOOTING_BLOCK = {"fgm", null, "fga", null, "fg3m", null, "fg3a", null,
            "ftm", null, "fta", null, "oreb", null, "dreb", null};

    @Autowired
    RestTestClient http;

    @BeforeAll
    void twoLakersGamesAndATrade() {
        // LeBron's real line (34 pts, 13/23 FG, 5/11 3P, 3/6 FT) for SHOOTER; Giannis's (32 pts) for NO_BLOCK.
        List<Map<String, Object>> lines = List.of(
                with(lebron("AVG-A"), "player_id", SHOOTER, "game_date", "1998-01-10"),
                with(with(giannis("AVG-A"), "player_id", NO_BLOCK, "team_id", LAKERS, "team_abbreviation", "LAL",
                        "game_date", "1998-01-10"), NO_SHOOTING_BLOCK),
                with(with(lebron("AVG-B"), "player_id", SHOOTER, "game_date", "1998-01-12"), NO_SHOOTING_BLOCK),
                // Traded: his next game is for Milwaukee.
                with(lebron("AVG-C"), "player_id", SHOOTER, "team_id", BUCKS, "team_abbreviation", "MIL",
                        "game_date", "1998-01-14"));
        http.post().uri("/log").contentType(MediaType.APPLICATION_JSON).body(SampleSeason.json(lines))
                .exchange().expectStatus().isCreated();
    }

    @Test
    void shootingCountsOnlyTheLinesThatCarryTheBlock() {
        JsonNode shooter = average("/average/player/" + SHOOTER);

        assertThat(shooter.get("games_played").asLong()).isEqualTo(3);
        assertThat(shooter.at("/averages/points").asDouble()).isCloseTo(34.0, within(1e-12));
        assertThat(shooter.at("/shooting/games").asLong()).isEqualTo(2);
        assertThat(shooter.at("/shooting/fgm").asDouble()).isCloseTo(13.0, within(1e-12));
        assertThat(shooter.at("/shooting/fg_pct").asDouble()).isCloseTo(26.0 / 46.0, within(1e-12));
        assertThat(shooter.at("/shooting/fg3_pct").asDouble()).isCloseTo(5.0 / 11.0, within(1e-12));
    }

    @Test
    void shootingIsAbsentWhenNoLineCarriesIt() {
        JsonNode average = average("/average/player/" + NO_BLOCK);

        assertThat(average.get("games_played").asLong()).isEqualTo(1);
        assertThat(average.has("shooting")).isFalse();
    }

    @Test
    void aTeamHasAPerGameAndAPerPlayerLineView() {
        JsonNode lakers = average("/average/team/" + LAKERS);

        assertThat(lakers.get("games_played").asLong()).as("team games").isEqualTo(2);
        assertThat(lakers.get("player_lines").asLong()).isEqualTo(3);
        assertThat(lakers.at("/totals/points").asLong()).isEqualTo(34 + 32 + 34);
        assertThat(lakers.at("/per_game/points").asDouble()).isCloseTo(100.0 / 2, within(1e-12));
        assertThat(lakers.at("/per_player_game/points").asDouble()).isCloseTo(100.0 / 3, within(1e-12));
        assertThat(lakers.at("/shooting/games").asLong()).as("team games with a shooting line").isEqualTo(1);
        assertThat(lakers.at("/shooting/fgm").asDouble()).isCloseTo(13.0, within(1e-12));
    }

    @Test
    void aTradedPlayersLineCountsForTheTeamOnTheLine() {
        JsonNode bucks = average("/average/team/" + BUCKS);

        assertThat(bucks.get("games_played").asLong()).isEqualTo(1);
        assertThat(bucks.at("/totals/points").asLong()).isEqualTo(34);
    }

    private JsonNode average(String path) {
        return http.get().uri(path + "?season=" + SEASON).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }
}

package courtside.stats.line;

import courtside.stats.SampleSeason;
import courtside.stats.StatsServiceTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.util.List;
import java.util.Map;

import static courtside.stats.RealLines.giannis;
import static courtside.stats.RealLines.lebron;
import static courtside.stats.RealLines.with;

/**
 * Lines and ids straight from the database: newest game first, paged, filtered by season and season type.
 * The lines are LeBron James's real one under a player id and season of their own.
 */
@StatsServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LineQueryTests {

    private static final long PLAYER = 990_100;
    private static final long LAKERS = 1610612747L;
    private static final long BUCKS = 1610612749L;

    @Autowired
    RestTestClient http;

    @BeforeAll
    void threeGamesInSeason1998() {
        List<Map<String, Object>> lines = List.of(
                with(lebron("QUERY-1"), "player_id", PLAYER, "game_date", "1999-02-05"),
                with(lebron("QUERY-3"), "player_id", PLAYER, "game_date", "1999-02-09"),
                with(lebron("QUERY-2"), "player_id", PLAYER, "game_date", "1999-02-07"),
                // Two more players, of another team, so that the id lists have an order to get right.
                with(giannis("QUERY-4"), "player_id", PLAYER + 7, "game_date", "1999-02-11"),
                with(giannis("QUERY-4"), "player_id", PLAYER - 5, "game_date", "1999-02-11"));
        http.post().uri("/log").contentType(MediaType.APPLICATION_JSON).body(SampleSeason.json(lines))
                .exchange().expectStatus().isCreated();
    }

    @Test
    void aPlayersLinesComeNewestGameFirstInPages() {
        http.get().uri("/player/{id}/stats?season=1998-99&size=2", PLAYER).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.player_id").isEqualTo(PLAYER)
                .jsonPath("$.lines.length()").isEqualTo(2)
                .jsonPath("$.lines[0].game_id").isEqualTo("QUERY-3")
                .jsonPath("$.lines[1].game_id").isEqualTo("QUERY-2")
                .jsonPath("$.lines[0].version").isEqualTo(1)
                .jsonPath("$.lines[0].season").isEqualTo("1998-99")
                .jsonPath("$.total_lines").isEqualTo(3)
                .jsonPath("$.total_pages").isEqualTo(2);
        http.get().uri("/player/{id}/stats?season=1998-99&size=2&page=1", PLAYER).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.lines.length()").isEqualTo(1)
                .jsonPath("$.lines[0].game_id").isEqualTo("QUERY-1");
    }

    @Test
    void lastGivesTheMostRecentLines() {
        http.get().uri("/player/{id}/stats?last=1", PLAYER).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.lines.length()").isEqualTo(1)
                .jsonPath("$.lines[0].game_date").isEqualTo("1999-02-09");
    }

    @Test
    void aTeamsLinesAreFilteredBySeason() {
        http.get().uri("/team/{id}/stats?season=1998-99", LAKERS).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.team_id").isEqualTo(LAKERS)
                .jsonPath("$.total_lines").isEqualTo(3);
    }

    @Test
    void idsAreSortedAndFilteredBySeason() {
        http.get().uri("/player/ids?season=1998-99").exchange().expectStatus().isOk().expectBody()
                .json("[%d, %d, %d]".formatted(PLAYER - 5, PLAYER, PLAYER + 7), JsonCompareMode.STRICT);
        http.get().uri("/team/ids?season=1998-99").exchange().expectStatus().isOk().expectBody()
                .json("[%d, %d]".formatted(LAKERS, BUCKS), JsonCompareMode.STRICT);
        http.get().uri("/player/ids?season=1998-99&season_type=playoffs").exchange().expectStatus().isOk().expectBody()
                .json("[]", JsonCompareMode.STRICT);
    }

    @Test
    void anUnknownPlayerTeamOrSeasonIsNotFound() {
        http.get().uri("/player/990199/stats").exchange().expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/player/{id}/stats?season_type=playoffs", PLAYER).exchange().expectStatus().isNotFound();
        http.get().uri("/team/1610612700/stats").exchange().expectStatus().isNotFound();
        http.get().uri("/average/player/990199").exchange().expectStatus().isNotFound();
        http.get().uri("/average/player/{id}?season=1997-98", PLAYER).exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.title").isEqualTo("Season not found");
        http.get().uri("/average/team/1610612700").exchange().expectStatus().isNotFound();
    }

    @Test
    void badQueryParametersAreProblemsThatNameTheParameter() {
        http.get().uri("/player/{id}/stats?size=501", PLAYER).exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("size");
        http.get().uri("/player/{id}/stats?season=1998", PLAYER).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("season");
        http.get().uri("/average/player/{id}?season=1998-00", PLAYER).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("season");
        http.get().uri("/average/player/{id}?season_type=preseason", PLAYER).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("season_type");
        http.get().uri("/average/player/lebron").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("player_id");
        http.get().uri("/average/team/-5").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("team_id");
    }
}

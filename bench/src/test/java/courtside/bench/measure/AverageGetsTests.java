package courtside.bench.measure;

import courtside.model.BoxScore;
import courtside.model.BoxScoreFile;
import courtside.model.BoxScoreLine;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AverageGetsTests {

    private static final BoxScore STATS = BoxScoreFile.sampleSeason().getFirst().stats();

    @Test
    void eachVariantAddsItsParametersToTheSameSeasonGetOfEveryPlayer() {
        List<Long> players = List.of(203999L, 2544L);
        Map<Long, Long> opponents = Map.of(203999L, 1610612747L, 2544L, 1610612743L);

        assertThat(AverageGets.paths(players, "2021-22", AverageGets.SEASON)).containsExactly(
                "/average/player/203999?season=2021-22", "/average/player/2544?season=2021-22");
        assertThat(AverageGets.paths(players, "2021-22", AverageGets.PER_36)).containsExactly(
                "/average/player/203999?season=2021-22&per_mode=per_36", "/average/player/2544?season=2021-22&per_mode=per_36");
        assertThat(AverageGets.paths(players, "2021-22", AverageGets.LAST_10)).containsExactly(
                "/average/player/203999?season=2021-22&last=10", "/average/player/2544?season=2021-22&last=10");
        assertThat(AverageGets.paths(players, "2021-22", AverageGets.versus(opponents))).containsExactly(
                "/average/player/203999?season=2021-22&vs=1610612747", "/average/player/2544?season=2021-22&vs=1610612743");
        assertThatThrownBy(() -> AverageGets.paths(List.of(1L), "2021-22", AverageGets.versus(opponents)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("player 1");
    }

    @Test
    void theOpponentIsTheOtherTeamOfThePlayersLatestGameByDateThenGameId() {
        List<BoxScoreLine> lines = List.of(
                line("0022100002", "2022-01-02", 1, 10), line("0022100002", "2022-01-02", 2, 20),
                // Same date, greater game id: the latest, although listed first.
                line("0022100009", "2022-01-02", 1, 10), line("0022100009", "2022-01-02", 3, 30),
                // An earlier date with a greater game id: not the latest.
                line("0022100099", "2021-12-30", 1, 10), line("0022100099", "2021-12-30", 4, 40),
                // Traded: his latest line is for team 20, so the other team of that game is 10.
                line("0022100009", "2022-01-02", 5, 30), line("0022100010", "2022-01-03", 5, 20),
                line("0022100010", "2022-01-03", 6, 10),
                // A game with no line of another team gives no opponent.
                line("0022100011", "2022-01-04", 7, 70));

        Map<Long, Long> opponents = AverageGets.latestOpponents(lines.reversed());

        assertThat(opponents).containsExactlyInAnyOrderEntriesOf(Map.of(1L, 30L, 2L, 10L, 3L, 10L, 4L, 10L, 5L, 10L, 6L, 20L));
    }

    @Test
    void everyPlayerOfTheRealSeasonHasAnOpponentHeMet() {
        List<BoxScoreLine> season = BoxScoreFile.sampleSeason();
        Map<String, Set<Long>> teamsOfGame = season.stream().collect(Collectors.groupingBy(BoxScoreLine::gameId,
                Collectors.mapping(BoxScoreLine::teamId, Collectors.toSet())));

        Map<Long, Long> opponents = AverageGets.latestOpponents(season);

        assertThat(opponents.keySet()).isEqualTo(season.stream().map(BoxScoreLine::playerId).collect(Collectors.toSet()));
        opponents.forEach((player, opponent) -> assertThat(season).as("player %d", player).anyMatch(line ->
                line.playerId() == player && line.teamId() != opponent && teamsOfGame.get(line.gameId()).contains(opponent)));
    }

    private static BoxScoreLine line(String gameId, String date, long player, long team) {
        return new BoxScoreLine(gameId, date, "2021-22", player, "Player " + player, team, "T" + team, STATS);
    }
}

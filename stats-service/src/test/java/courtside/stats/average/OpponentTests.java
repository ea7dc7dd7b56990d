package courtside.stats.average;

import courtside.model.BoxScore;
import courtside.model.BoxScoreLine;
import courtside.model.Season;
import courtside.stats.ExpectedOpponents;
import courtside.stats.ExpectedSeason;
import courtside.stats.ExpectedSplit;
import courtside.stats.ExpectedTeams;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A team's wins, losses and opponents' figures, and a traded player's per-team rows, by SQL, as docs/api.md specifies
 * them, on games made up for the purpose.
 *
 * <p>1949-50 (posted once, only read): Minneapolis beats Syracuse 100–90 and loses to Rochester 80–95 (both teams
 * 5 × 48 minutes), leads Syracuse 70–60 in a game still in progress (5 × 30 minutes each), ties Rochester 100–100 at
 * the end of regulation, and plays a game whose opponent has posted no line yet; Anderson has only such a game.
 * Rochester's lines of the 80–95 game carry no shooting block. 1950-51: a correction, a removal and a line moved to
 * another team, each on teams of its own, since they change what they touch.
 *
 * <p>Every expected figure is worked out here from the lines this test posted ({@link ExpectedOpponents},
 * {@link ExpectedTeams}); the records are spelled out as well.
 */
@StatsServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpponentTests {

    private static final String READ_SEASON = "1949-50";
    private static final String CHANGED_SEASON = "1950-51";

    private static final long MINNEAPOLIS = 49_001;
    private static final long SYRACUSE = 49_002;
    private static final long ROCHESTER = 49_003;
    /** Minneapolis's opponent of 1949-12-06, which never posts a line. */
    private static final long WATERLOO = 49_004;
    private static final long ANDERSON = 49_005;

    private static final String FULL = "48";
    private static final String THIRTY = "30";
    private static final double EXACT = 1e-9;

    @Autowired
    RestTestClient http;

    /** The lines as they stand after every post and removal of this test, by game and player. */
    private final Map<String, BoxScoreLine> posted = new LinkedHashMap<>();

    @BeforeAll
    void fiveGamesOfMinneapolis() {
        List<BoxScoreLine> lines = new ArrayList<>();
        lines.addAll(team("OPP49-1", "1949-11-01", MINNEAPOLIS, 49_101, FULL, true, 24, 22, 20, 18, 16));
        lines.addAll(team("OPP49-1", "1949-11-01", SYRACUSE, 49_201, FULL, true, 20, 20, 20, 15, 15));
        lines.addAll(team("OPP49-2", "1949-11-08", MINNEAPOLIS, 49_101, FULL, true, 20, 18, 16, 14, 12));
        lines.addAll(team("OPP49-2", "1949-11-08", ROCHESTER, 49_301, FULL, false, 25, 20, 20, 15, 15));
        lines.addAll(team("OPP49-3", "1949-11-15", MINNEAPOLIS, 49_101, THIRTY, true, 20, 15, 15, 10, 10));
        lines.addAll(team("OPP49-3", "1949-11-15", SYRACUSE, 49_201, THIRTY, true, 15, 15, 10, 10, 10));
        lines.addAll(team("OPP49-4", "1949-12-01", MINNEAPOLIS, 49_101, FULL, true, 20, 20, 20, 20, 20));
        lines.addAll(team("OPP49-4", "1949-12-01", ROCHESTER, 49_301, FULL, true, 30, 20, 20, 15, 15));
        lines.addAll(team("OPP49-5", "1949-12-06", MINNEAPOLIS, 49_101, FULL, true, 10, 10, 10, 10, 10));
        lines.addAll(team("OPP49-6", "1949-12-06", ANDERSON, 49_501, FULL, true, 10, 10, 10, 10, 10));
        post(lines);
    }

    @Test
    void aDecidedGameIsAWinForTheTeamWithMorePointsAndALossForTheOther() {
        // 100–90 and 80–95, both teams 5 × 48 minutes.
        assertRecord(team(MINNEAPOLIS, "&to=1949-11-08"), 1, 1);
        assertRecord(team(SYRACUSE, "&last=1&from=1949-11-01&to=1949-11-01"), 0, 1);
        assertRecord(team(ROCHESTER, "&to=1949-11-08"), 1, 0);
        assertEveryFigure(MINNEAPOLIS, READ_SEASON, new ExpectedSplit(null, null, LocalDate.parse("1949-11-08"), null));
    }

    @Test
    void aGameInProgressCountsInNeitherButItsOpponentFiguresCount() {
        JsonNode syracuse = team(SYRACUSE, "");
        // It lost 90–100, and trails 60–70 with 150 minutes played a side.
        assertRecord(syracuse, 0, 1);
        assertThat(syracuse.at("/opponent/games").asLong()).isEqualTo(2);
        assertThat(syracuse.at("/opponent/per_game/points").asDouble()).isCloseTo((100 + 70) / 2.0, within(EXACT));

        JsonNode inProgress = team(MINNEAPOLIS, "&from=1949-11-15&to=1949-11-15");
        assertRecord(inProgress, 0, 0);
        assertThat(inProgress.at("/opponent/games").asLong()).isEqualTo(1);
        assertThat(inProgress.at("/opponent/per_game/points").asDouble()).isCloseTo(60.0, within(EXACT));
        assertThat(inProgress.at("/opponent/per_game/minutes_played").asDouble()).isCloseTo(150.0, within(EXACT));
        assertEveryFigure(SYRACUSE, READ_SEASON, null);
    }

    @Test
    void aTieAtTheEndOfRegulationCountsInNeither() {
        JsonNode tie = team(MINNEAPOLIS, "&vs=" + ROCHESTER + "&last=1");
        assertRecord(tie, 0, 0);
        assertThat(tie.at("/opponent/totals/points").asLong()).isEqualTo(100);
        // Rochester: the 95–80 win and the tie.
        assertRecord(team(ROCHESTER, ""), 1, 0);
        assertEveryFigure(ROCHESTER, READ_SEASON, null);
    }

    @Test
    void aGameWithOnlyOneTeamsLinesHasNoOpponentFigures() {
        JsonNode anderson = team(ANDERSON, "");
        assertThat(anderson.get("games_played").asLong()).isEqualTo(1);
        assertThat(anderson.has("opponent")).as("no game of Anderson has an opponent's line").isFalse();
        assertRecord(anderson, 0, 0);

        JsonNode minneapolis = team(MINNEAPOLIS, "");
        assertThat(minneapolis.get("games_played").asLong()).isEqualTo(5);
        assertThat(minneapolis.at("/opponent/games").asLong()).as("the games with an opponent's line").isEqualTo(4);
        assertRecord(minneapolis, 1, 1);
        JsonNode lastGame = team(MINNEAPOLIS, "&last=1");
        assertThat(lastGame.has("opponent")).as("Waterloo has posted nothing in the last game").isFalse();
        assertRecord(lastGame, 0, 0);
        http.get().uri("/average/team/{id}?season={season}", WATERLOO, READ_SEASON).exchange().expectStatus().isNotFound();
        assertEveryFigure(ANDERSON, READ_SEASON, null);
        assertEveryFigure(MINNEAPOLIS, READ_SEASON, null);
    }

    @Test
    void splitsCountTheOpponentsAndTheResultsOfTheSplitsGamesOnly() {
        // The last 3: the game without an opponent, the tie, the game in progress.
        JsonNode lastThree = team(MINNEAPOLIS, "&last=3");
        assertRecord(lastThree, 0, 0);
        assertThat(lastThree.at("/opponent/games").asLong()).isEqualTo(2);
        assertThat(lastThree.at("/opponent/totals/points").asLong()).isEqualTo(100 + 60);
        // November: the win, the loss, the game in progress.
        JsonNode november = team(MINNEAPOLIS, "&from=1949-11-01&to=1949-11-30");
        assertRecord(november, 1, 1);
        assertThat(november.at("/opponent/totals/points").asLong()).isEqualTo(90 + 95 + 60);
        // Against Syracuse the opponent is Syracuse: the win and the game in progress.
        JsonNode againstSyracuse = team(MINNEAPOLIS, "&vs=" + SYRACUSE);
        assertRecord(againstSyracuse, 1, 0);
        assertThat(againstSyracuse.at("/opponent/games").asLong()).isEqualTo(2);
        assertThat(againstSyracuse.at("/opponent/totals/points").asLong()).isEqualTo(90 + 60);
        assertRecord(team(MINNEAPOLIS, "&vs=" + ROCHESTER), 0, 1);

        for (ExpectedSplit split : List.of(ExpectedSplit.last(1), ExpectedSplit.last(2), ExpectedSplit.last(3),
                ExpectedSplit.last(5), ExpectedSplit.between(LocalDate.parse("1949-11-01"), LocalDate.parse("1949-11-30")),
                ExpectedSplit.between(LocalDate.parse("1949-11-08"), LocalDate.parse("1949-12-01")),
                ExpectedSplit.against(SYRACUSE), ExpectedSplit.against(ROCHESTER),
                new ExpectedSplit(1, null, null, ROCHESTER), new ExpectedSplit(2, null, LocalDate.parse("1949-11-30"), null))) {
            assertEveryFigure(MINNEAPOLIS, READ_SEASON, split);
        }
        assertEveryFigure(SYRACUSE, READ_SEASON, ExpectedSplit.against(MINNEAPOLIS));
        assertEveryFigure(ROCHESTER, READ_SEASON, ExpectedSplit.last(1));
    }

    @Test
    void theOpponentsFiguresComeInTheAnswersMode() {
        // The opponents' 90 + 95 + 60 + 100 points in the 4 games with an opponent's line, in 5 × 48, 5 × 48, 5 × 30
        // and 5 × 48 minutes.
        double opponentMinutes = 240 + 240 + 150 + 240;
        JsonNode perGame = team(MINNEAPOLIS, "");
        assertThat(perGame.at("/opponent/per_game/points").asDouble()).isCloseTo(345 / 4.0, within(EXACT));
        JsonNode totals = team(MINNEAPOLIS, "&per_mode=totals");
        assertThat(totals.at("/opponent/per_game/points").asLong()).isEqualTo(345);
        assertThat(totals.at("/opponent/totals/points").asLong()).isEqualTo(345);
        assertThat(totals.at("/opponent/totals/minutes_played").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(opponentMinutes));
        JsonNode per36 = team(MINNEAPOLIS, "&per_mode=per_36");
        assertThat(per36.at("/opponent/per_game/points").asDouble()).isCloseTo(345 / opponentMinutes * 36, within(EXACT));
        assertThat(per36.at("/opponent/per_game/minutes_played").asDouble()).isCloseTo(36.0, within(EXACT));
        // Rochester's lines of the 80–95 game carry no block: the block covers 3 of the 4 games, so not per 36 minutes.
        assertThat(per36.at("/opponent/shooting/games").asLong()).isEqualTo(3);
        assertThat(per36.at("/opponent/shooting/fgm").isNull()).isTrue();
        assertThat(per36.at("/opponent/shooting/fg_pct").isNumber()).isTrue();
        for (long team : List.of(MINNEAPOLIS, SYRACUSE, ROCHESTER, ANDERSON)) {
            assertEveryFigure(team, READ_SEASON, null);
        }
    }

    @Test
    void aCorrectionOfOneTeamsLineMovesTheOtherTeamsOpponentFiguresAndCanFlipTheResult() {
        long buffalo = 50_001;
        long tricities = 50_002;
        List<BoxScoreLine> game = new ArrayList<>(team("OPP50-C", "1950-11-01", buffalo, 50_101, FULL, true, 20, 20, 20, 20, 20));
        List<BoxScoreLine> theirs = team("OPP50-C", "1950-11-01", tricities, 50_201, FULL, true, 20, 20, 20, 20, 18);
        game.addAll(theirs);
        post(game);
        assertRecord(team(buffalo, CHANGED_SEASON, ""), 1, 0);
        assertThat(team(buffalo, CHANGED_SEASON, "").at("/opponent/totals/points").asLong()).isEqualTo(98);

        // The scorer missed a basket and a free throw of Tri-Cities' fifth man: 18 points were 21, and the game 101–100.
        BoxScoreLine fifth = theirs.getLast();
        post(List.of(line("OPP50-C", "1950-11-01", fifth.playerId(), tricities, 21, FULL, true)));

        JsonNode afterCorrection = team(buffalo, CHANGED_SEASON, "");
        assertRecord(afterCorrection, 0, 1);
        assertThat(afterCorrection.at("/opponent/totals/points").asLong()).isEqualTo(101);
        assertRecord(team(tricities, CHANGED_SEASON, ""), 1, 0);
        assertEveryFigure(buffalo, CHANGED_SEASON, null);
        assertEveryFigure(tricities, CHANGED_SEASON, null);
    }

    @Test
    void aRemovedLineLeavesTheOpponentFiguresAndAGameNoLongerCompleteLeavesTheResults() {
        long hammond = 50_003;
        long sheboygan = 50_004;
        List<BoxScoreLine> game = new ArrayList<>(team("OPP50-R", "1950-11-02", hammond, 50_301, FULL, true, 20, 20, 20, 20, 20));
        List<BoxScoreLine> theirs = team("OPP50-R", "1950-11-02", sheboygan, 50_401, FULL, true, 20, 20, 20, 15, 15);
        game.addAll(theirs);
        post(game);
        assertRecord(team(hammond, CHANGED_SEASON, ""), 1, 0);

        remove(theirs.getFirst());
        // Sheboygan's lines now add up to 192 minutes: nothing says the game is over.
        JsonNode afterRemoval = team(hammond, CHANGED_SEASON, "");
        assertRecord(afterRemoval, 0, 0);
        assertThat(afterRemoval.at("/opponent/totals/points").asLong()).isEqualTo(70);
        assertThat(afterRemoval.at("/opponent/per_game/points").asDouble()).isCloseTo(70.0, within(EXACT));
        assertRecord(team(sheboygan, CHANGED_SEASON, ""), 0, 0);
        assertEveryFigure(hammond, CHANGED_SEASON, null);

        theirs.subList(1, theirs.size()).forEach(this::remove);
        JsonNode alone = team(hammond, CHANGED_SEASON, "");
        assertThat(alone.has("opponent")).as("every line of Sheboygan removed").isFalse();
        assertRecord(alone, 0, 0);
        assertEveryFigure(hammond, CHANGED_SEASON, null);
    }

    /**
     * A line posted under the wrong team is removed and posted again under the right one (a correction may not move a
     * line to another team: 409). It then counts for its new team: in the teams' points, so in the result, in the
     * other team's opponent figures, and in the player's per-team rows.
     */
    @Test
    void aLineMovedToAnotherTeamCountsForItsNewTeamAndThePlayersRowsFollowIt() {
        long denver = 50_005;
        long indianapolis = 50_006;
        long mover = 50_900;
        List<BoxScoreLine> first = new ArrayList<>(team("OPP50-M0", "1950-11-03", denver, 50_501, FULL, true, 20, 20, 20, 20, 15));
        first.add(line("OPP50-M0", "1950-11-03", mover, denver, 0, "0", true));
        first.addAll(team("OPP50-M0", "1950-11-03", indianapolis, 50_601, FULL, true, 20, 20, 20, 20, 10));
        post(first);
        // In the second game he played the whole game for Indianapolis; the scorer put him under Denver.
        List<BoxScoreLine> second = new ArrayList<>(team("OPP50-M1", "1950-11-10", denver, 50_501, FULL, true, 18, 18, 18, 18, 18));
        second.addAll(team("OPP50-M1", "1950-11-10", indianapolis, 50_601, FULL, true, 20, 20, 20, 20));
        BoxScoreLine underDenver = line("OPP50-M1", "1950-11-10", mover, denver, 25, FULL, true);
        second.add(underDenver);
        post(second);

        // Denver 115 in 288 minutes, Indianapolis 80 in 192: not complete, no result.
        assertRecord(team(denver, CHANGED_SEASON, "&last=1"), 0, 0);
        assertThat(player(mover, "").has("teams")).as("all of his lines are Denver's").isFalse();
        http.post().uri("/log").contentType(MediaType.APPLICATION_JSON)
                .body(SampleSeason.json(wire(line("OPP50-M1", "1950-11-10", mover, indianapolis, 25, FULL, true))))
                .exchange().expectStatus().isEqualTo(409);

        remove(underDenver);
        post(List.of(line("OPP50-M1", "1950-11-10", mover, indianapolis, 25, FULL, true)));

        // Indianapolis 105, Denver 90, both 240 minutes.
        JsonNode denverSecondGame = team(denver, CHANGED_SEASON, "&last=1");
        assertRecord(denverSecondGame, 0, 1);
        assertThat(denverSecondGame.at("/opponent/totals/points").asLong()).isEqualTo(105);
        assertThat(denverSecondGame.at("/opponent/totals/minutes_played").decimalValue()).isEqualByComparingTo("240");
        assertRecord(team(indianapolis, CHANGED_SEASON, ""), 1, 1);
        assertRecord(team(denver, CHANGED_SEASON, ""), 1, 1);

        JsonNode rows = player(mover, "").get("teams");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("team_id").asLong()).as("Denver first: his first game was for Denver").isEqualTo(denver);
        assertThat(rows.get(0).get("games_played").asLong()).isEqualTo(1);
        assertThat(rows.get(1).get("team_id").asLong()).isEqualTo(indianapolis);
        assertThat(rows.get(1).at("/totals/points").asLong()).isEqualTo(25);
        assertThat(player(mover, "&from=1950-11-05").has("teams")).as("one team in the split").isFalse();
        for (String mode : ExpectedSeason.MODES) {
            String modeQuery = mode.equals("per_game") ? "" : "&per_mode=" + mode;
            ExpectedTeams.of(linesOfPlayer(mover)).assertAnswer("mover " + mode, player(mover, modeQuery), mode);
        }
        assertEveryFigure(denver, CHANGED_SEASON, null);
        assertEveryFigure(indianapolis, CHANGED_SEASON, null);
        assertEveryFigure(indianapolis, CHANGED_SEASON, ExpectedSplit.last(1));
    }

    /** Every figure of the team's answer (its own, its opponents', its results) in every mode, as the posted lines give them. */
    private void assertEveryFigure(long teamId, String season, ExpectedSplit split) {
        ExpectedSplit games = split == null ? new ExpectedSplit(null, null, null, null) : split;
        List<BoxScoreLine> seasonLines = posted.values().stream().filter(line -> line.season().equals(season)).toList();
        List<BoxScoreLine> teamLines = games.ofTeam(seasonLines, teamId);
        for (String mode : ExpectedSeason.MODES) {
            String who = "team %d%s %s".formatted(teamId, games.query(), mode);
            JsonNode answer = team(teamId, season, games.query() + (mode.equals("per_game") ? "" : "&per_mode=" + mode));
            ExpectedSeason.of(teamLines).assertTeam(who, answer, mode);
            ExpectedOpponents.of(seasonLines, teamLines, teamId).assertTeam(who, answer, mode);
        }
    }

    private static void assertRecord(JsonNode answer, long wins, long losses) {
        assertThat(answer.get("wins").asLong()).as("wins").isEqualTo(wins);
        assertThat(answer.get("losses").asLong()).as("losses").isEqualTo(losses);
    }

    private JsonNode team(long teamId, String query) {
        return team(teamId, READ_SEASON, query);
    }

    private JsonNode team(long teamId, String season, String query) {
        return http.get().uri("/average/team/{id}?season={season}" + query, teamId, season).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private JsonNode player(long playerId, String query) {
        return http.get().uri("/average/player/{id}?season={season}" + query, playerId, CHANGED_SEASON).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private List<BoxScoreLine> linesOfPlayer(long playerId) {
        return posted.values().stream().filter(line -> line.playerId() == playerId).toList();
    }

    private void post(List<BoxScoreLine> lines) {
        http.post().uri("/log").contentType(MediaType.APPLICATION_JSON)
                .body(SampleSeason.json(lines.stream().map(OpponentTests::wire).toList()))
                .exchange().expectStatus().isCreated();
        lines.forEach(line -> posted.put(line.gameId() + "/" + line.playerId(), line));
    }

    private void remove(BoxScoreLine line) {
        http.delete().uri("/log/{game}/{player}", line.gameId(), line.playerId()).exchange().expectStatus().isNoContent();
        posted.remove(line.gameId() + "/" + line.playerId());
    }

    /** The line as a client posts it: fields it does not have are left out. */
    private static Map<String, Object> wire(BoxScoreLine line) {
        Map<String, Object> wire = line.toWire();
        wire.values().removeIf(value -> value == null);
        return wire;
    }

    /** One line per points figure, the players numbered from {@code firstPlayer}, each with {@code minutes}. */
    private static List<BoxScoreLine> team(String gameId, String date, long teamId, long firstPlayer, String minutes,
                                           boolean shooting, int... points) {
        List<BoxScoreLine> lines = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            lines.add(line(gameId, date, firstPlayer + i, teamId, points[i], minutes, shooting));
        }
        return lines;
    }

    /**
     * A line of {@code points}, the other stats made up from them and the player id so that they differ from line to
     * line; with the shooting block, one three when there are three points or more, free throws for an odd rest.
     */
    private static BoxScoreLine line(String gameId, String date, long playerId, long teamId, int points, String minutes,
                                     boolean shooting) {
        int fg3m = points >= 3 ? 1 : 0;
        int ftm = (points - 3 * fg3m) % 2;
        int fgm = (points - 3 * fg3m - ftm) / 2 + fg3m;
        int oreb = (int) (playerId % 3);
        int dreb = 2 + (int) (playerId % 5);
        BoxScore stats = new BoxScore(points, oreb + dreb, points % 7, (int) (playerId % 2), (int) (playerId % 4) / 2,
                1 + (int) (playerId % 3), 2, new BigDecimal(minutes), 0,
                shooting ? fgm : null, shooting ? fgm + 1 + (int) (playerId % 4) : null, shooting ? fg3m : null,
                shooting ? fg3m + 1 : null, shooting ? ftm : null, shooting ? ftm + 1 : null,
                shooting ? oreb : null, shooting ? dreb : null, 0);
        return new BoxScoreLine(gameId, date, Season.of(LocalDate.parse(date)), playerId, "Player " + playerId, teamId, null, stats);
    }
}

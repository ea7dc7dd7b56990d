package courtside.stats.average;

import courtside.model.BoxScoreFile;
import courtside.stats.ExpectedOpponents;
import courtside.stats.ExpectedSeason;
import courtside.stats.ConcurrentChecks;
import courtside.stats.ExpectedSplit;
import courtside.stats.ExpectedTeams;
import courtside.stats.RealLines;
import courtside.stats.SampleSeason;
import courtside.model.BoxScoreLine;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The whole real 2021-22 regular season posted through {@code POST /log} in batches; then, for every player
 * and every team, the SQL averages equal the averages this test computes itself from the CSV: a team's wins, losses
 * and opponents' figures and a traded player's per-team rows too, over the season and over splits.
 */
@StatsServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeasonReplayTests {

    private static final String SEASON = "2021-22";
    private static final int BATCH = 1_000;
    private static final double EXACT = 1e-9;

    private static final List<String> COUNTING = List.of("points", "rebounds", "assists", "steals", "blocks", "turnovers", "fouls");
    private static final List<String> SHOOTING = List.of("fgm", "fga", "fg3m", "fg3a", "ftm", "fta", "oreb", "dreb");

    private static final long PHOENIX = 1610612756L;
    private static final long MEMPHIS = 1610612763L;
    private static final long BROOKLYN = 1610612751L;
    private static final long PHILADELPHIA = 1610612755L;
    private static final long HOUSTON = 1610612745L;
    private static final long HARDEN = 201935L;

    @Autowired
    RestTestClient http;

    private final List<BoxScoreLine> season = BoxScoreFile.sampleSeason();

    @BeforeAll
    void postTheWholeSeasonInBatches() {
        for (int from = 0; from < season.size(); from += BATCH) {
            List<Map<String, Object>> batch = season.subList(from, Math.min(from + BATCH, season.size())).stream()
                    .map(BoxScoreLine::toWire).toList();
            http.post().uri("/log").contentType(MediaType.APPLICATION_JSON).body(SampleSeason.json(batch))
                    .exchange().expectStatus().isCreated();
        }
    }

    @Test
    void everyPlayerAndTeamOfTheSeasonIsListed() {
        Set<Long> players = new HashSet<>();
        Set<Long> teams = new HashSet<>();
        season.forEach(line -> {
            players.add(line.playerId());
            teams.add(line.teamId());
        });

        List<Long> playerIds = ids("/player/ids?season=" + SEASON);
        List<Long> teamIds = ids("/team/ids?season=" + SEASON);

        assertThat(playerIds).hasSize(605).containsExactlyElementsOf(players.stream().sorted().toList());
        assertThat(teamIds).hasSize(30).containsExactlyElementsOf(teams.stream().sorted().toList());
    }

    @Test
    void everyPlayerAverageEqualsTheAverageComputedFromTheCsv() {
        Map<Long, Expected> byPlayer = new TreeMap<>();
        season.forEach(line -> byPlayer.computeIfAbsent(line.playerId(), id -> new Expected()).add(line.gameId(), line));
        assertThat(byPlayer).hasSize(605);

        ConcurrentChecks.each(byPlayer.entrySet(), entry -> {
            long playerId = entry.getKey();
            var expected = entry.getValue();
            JsonNode average = get("/average/player/" + playerId + "?season=" + SEASON);
            String who = "player " + playerId;
            assertThat(average.get("player_id").asLong()).as(who).isEqualTo(playerId);
            assertThat(average.get("season").asString()).as(who).isEqualTo(SEASON);
            assertThat(average.get("season_type").asString()).as(who).isEqualTo("regular");
            assertThat(average.get("games_played").asLong()).as(who).isEqualTo(expected.lines);
            assertPerGame(who, average.get("averages"), expected, expected.lines);
            assertTotals(who, average.get("totals"), expected);
            assertShooting(who, average.get("shooting"), expected, expected.lines);
        });
    }

    @Test
    void everyTeamAverageEqualsTheAverageComputedFromTheCsvInBothViews() {
        Map<Long, Expected> byTeam = new TreeMap<>();
        season.forEach(line -> byTeam.computeIfAbsent(line.teamId(), id -> new Expected()).add(line.gameId(), line));
        assertThat(byTeam).hasSize(30);

        ConcurrentChecks.each(byTeam.entrySet(), entry -> {
            long teamId = entry.getKey();
            var expected = entry.getValue();
            JsonNode average = get("/average/team/" + teamId + "?season=" + SEASON);
            String who = "team " + teamId;
            long games = expected.games.size();
            assertThat(games).as(who).isEqualTo(82);
            assertThat(average.get("team_id").asLong()).as(who).isEqualTo(teamId);
            assertThat(average.get("games_played").asLong()).as(who).isEqualTo(games);
            assertThat(average.get("player_lines").asLong()).as(who).isEqualTo(expected.lines);
            assertPerGame(who + " per_game", average.get("per_game"), expected, games);
            assertPerGame(who + " per_player_game", average.get("per_player_game"), expected, expected.lines);
            assertTotals(who, average.get("totals"), expected);
            assertShooting(who, average.get("shooting"), expected, games);
        });
    }

    @Test
    void everyPlayerFigureInEveryModeEqualsTheOneComputedFromTheCsv() {
        Map<Long, ExpectedSeason> byPlayer = ExpectedSeason.byPlayer(season);
        assertThat(byPlayer).hasSize(605);
        ConcurrentChecks.each(byPlayer.entrySet(), entry -> {
            long playerId = entry.getKey();
            var expected = entry.getValue();
            ExpectedTeams teams = ExpectedTeams.of(linesOfPlayer(playerId));
            for (String mode : ExpectedSeason.MODES) {
                JsonNode answer = get(averageUri("player", playerId, mode));
                expected.assertPlayer("player " + playerId + " " + mode, answer, mode);
                teams.assertAnswer("player " + playerId + " " + mode, answer, mode);
            }
            assertThat(getText(averageUri("player", playerId, "per_game") + "&per_mode=per_game"))
                    .as("player %d asked per_game", playerId).isEqualTo(getText(averageUri("player", playerId, "per_game")));
        });
    }

    @Test
    void everyTeamFigureInEveryModeEqualsTheOneComputedFromTheCsv() {
        Map<Long, ExpectedSeason> byTeam = ExpectedSeason.byTeam(season);
        assertThat(byTeam).hasSize(30);
        Map<Long, ExpectedOpponents> opponents = ExpectedOpponents.byTeam(season);
        ConcurrentChecks.each(byTeam.entrySet(), entry -> {
            long teamId = entry.getKey();
            var expected = entry.getValue();
            for (String mode : ExpectedSeason.MODES) {
                JsonNode answer = get(averageUri("team", teamId, mode));
                expected.assertTeam("team " + teamId + " " + mode, answer, mode);
                opponents.get(teamId).assertTeam("team " + teamId + " " + mode, answer, mode);
            }
        });
    }

    /**
     * Every real game is complete (each team's lines add up to 239.997 minutes or more) and has a winner, so every game
     * counts once as a win and once as a loss, and every team's opponents have a line in each of its 82 games.
     */
    @Test
    void everyGameOfTheSeasonIsOneWinAndOneLossAndEveryTeamHasItsOpponentsInAll82Games() {
        Map<Long, ExpectedOpponents> expected = ExpectedOpponents.byTeam(season);
        long wins = 0;
        long losses = 0;
        for (Map.Entry<Long, ExpectedOpponents> team : expected.entrySet()) {
            JsonNode answer = get("/average/team/" + team.getKey() + "?season=" + SEASON);
            String who = "team " + team.getKey();
            assertThat(team.getValue().wins() + team.getValue().losses()).as(who + " decided games, from the CSV").isEqualTo(82);
            assertThat(answer.get("wins").asLong() + answer.get("losses").asLong()).as(who + " decided games").isEqualTo(82);
            assertThat(answer.at("/opponent/games").asLong()).as(who + " opponent games").isEqualTo(82);
            wins += answer.get("wins").asLong();
            losses += answer.get("losses").asLong();
        }
        assertThat(wins).as("wins of all teams").isEqualTo(1230);
        assertThat(losses).as("losses of all teams").isEqualTo(1230);
    }

    /**
     * A few figures as published for 2021-22 (the final standings; the reference sites' per-team rows for James
     * Harden), each first confirmed from the CSV by {@link ExpectedOpponents} and {@link ExpectedTeams} in this test,
     * then asked of the service: a reference check that the counting is the published tables'.
     */
    @Test
    void publishedRecordsAndATradedPlayersPerTeamRowsAsTheReferenceTablesShowThem() {
        Map<Long, ExpectedOpponents> expected = ExpectedOpponents.byTeam(season);
        Map<Long, List<Long>> published = Map.of(PHOENIX, List.of(64L, 18L), MEMPHIS, List.of(56L, 26L),
                BROOKLYN, List.of(44L, 38L), PHILADELPHIA, List.of(51L, 31L), HOUSTON, List.of(20L, 62L));
        published.forEach((team, record) -> {
            assertThat(List.of(expected.get(team).wins(), expected.get(team).losses())).as("team %d from the CSV", team)
                    .isEqualTo(record);
            JsonNode answer = get("/average/team/" + team + "?season=" + SEASON);
            assertThat(List.of(answer.get("wins").asLong(), answer.get("losses").asLong())).as("team %d", team)
                    .isEqualTo(record);
        });

        // James Harden: 44 games for Brooklyn (22.5 points a game), then 21 for Philadelphia (21.0 as published,
        // rounded; 442 points, 21.047...).
        ExpectedTeams harden = ExpectedTeams.of(linesOfPlayer(HARDEN));
        assertThat(harden.order()).containsExactly(BROOKLYN, PHILADELPHIA);
        assertThat(harden.of(BROOKLYN).lines()).isEqualTo(44);
        assertThat(harden.of(BROOKLYN).sumOf("points")).isEqualTo(990);
        assertThat(harden.of(PHILADELPHIA).lines()).isEqualTo(21);
        assertThat(harden.of(PHILADELPHIA).sumOf("points")).isEqualTo(442);
        JsonNode answer = get("/average/player/" + HARDEN + "?season=" + SEASON);
        assertThat(answer.get("games_played").asLong()).isEqualTo(65);
        assertThat(answer.at("/teams/0/team_id").asLong()).isEqualTo(BROOKLYN);
        assertThat(answer.at("/teams/0/games_played").asLong()).isEqualTo(44);
        assertThat(answer.at("/teams/0/averages/points").asDouble()).isCloseTo(22.5, within(EXACT));
        assertThat(answer.at("/teams/1/team_id").asLong()).isEqualTo(PHILADELPHIA);
        assertThat(answer.at("/teams/1/games_played").asLong()).isEqualTo(21);
        assertThat(answer.at("/teams/1/averages/points").asDouble()).isCloseTo(442 / 21.0, within(EXACT));
        assertThat(Math.round(answer.at("/teams/1/averages/points").asDouble() * 10) / 10.0).isEqualTo(21.0);
        assertThat(answer.get("teams")).hasSize(2);
    }

    /** Every player who played for two teams or more: 97 of them, up to four teams. */
    @Test
    void theSeasonHas97TradedPlayers() {
        Map<Long, Set<Long>> teamsOfPlayer = new TreeMap<>();
        season.forEach(line -> teamsOfPlayer.computeIfAbsent(line.playerId(), id -> new HashSet<>()).add(line.teamId()));
        List<Long> traded = teamsOfPlayer.entrySet().stream().filter(player -> player.getValue().size() > 1)
                .map(Map.Entry::getKey).toList();
        assertThat(traded).hasSize(97);
        assertThat(teamsOfPlayer.values().stream().mapToInt(Set::size).max().orElseThrow()).isEqualTo(4);
        traded.forEach(player -> assertThat(get("/average/player/" + player + "?season=" + SEASON).get("teams"))
                .as("player %d", player).hasSize(teamsOfPlayer.get(player).size()));
    }

    /**
     * Splits restrict the opponents, the results and the per-team rows to the split's games: for every team its last
     * 10 games, January, and the games against the first team it played; for every traded player the games up to the
     * trade deadline (2022-02-10), from January on, and his last 10.
     */
    @Test
    void everySplitsOpponentsResultsAndPerTeamRowsEqualTheOnesComputedFromTheCsv() {
        Map<Long, ExpectedSeason> byTeam = ExpectedSeason.byTeam(season);
        ConcurrentChecks.each(byTeam.keySet(), team -> {
            long firstOpponent = season.stream().filter(line -> line.teamId() == team).findFirst()
                    .flatMap(first -> season.stream().filter(line -> line.gameId().equals(first.gameId()) && line.teamId() != team)
                            .findFirst()).orElseThrow().teamId();
            for (ExpectedSplit split : List.of(ExpectedSplit.last(10),
                    ExpectedSplit.between(LocalDate.parse("2022-01-01"), LocalDate.parse("2022-01-31")),
                    ExpectedSplit.against(firstOpponent))) {
                List<BoxScoreLine> lines = split.ofTeam(season, team);
                for (String mode : List.of("per_game", "totals")) {
                    String who = "team " + team + split.query() + " " + mode;
                    JsonNode answer = get(averageUri("team", team, mode) + split.query());
                    ExpectedSeason.of(lines).assertTeam(who, answer, mode);
                    ExpectedOpponents.of(season, lines, team).assertTeam(who, answer, mode);
                }
            }
        });
        Map<Long, Set<Long>> teamsOfPlayer = new TreeMap<>();
        season.forEach(line -> teamsOfPlayer.computeIfAbsent(line.playerId(), id -> new HashSet<>()).add(line.teamId()));
        ConcurrentChecks.each(teamsOfPlayer.entrySet(), entry -> {
            long player = entry.getKey();
            if (entry.getValue().size() < 2) {
                return;
            }
            for (ExpectedSplit split : List.of(new ExpectedSplit(null, null, LocalDate.parse("2022-02-10"), null),
                    new ExpectedSplit(null, LocalDate.parse("2022-01-01"), null, null), ExpectedSplit.last(10))) {
                List<BoxScoreLine> lines = split.ofPlayer(season, player);
                if (lines.isEmpty()) {
                    continue;
                }
                String who = "player " + player + split.query();
                JsonNode answer = get(averageUri("player", player, "per_game") + split.query());
                ExpectedSeason.of(lines).assertPlayer(who, answer, "per_game");
                ExpectedTeams.of(lines).assertAnswer(who, answer, "per_game");
            }
        });
    }

    @Test
    void seasonDefaultsToTheLatestWithData() {
        BoxScoreLine jokic = season.stream().filter(line -> line.playerName().equals("Nikola Jokic")).findFirst().orElseThrow();
        // One of his lines again, two seasons earlier (2019-20 is the tests' own season, not the replayed one).
        http.post().uri("/log").contentType(MediaType.APPLICATION_JSON).body(SampleSeason.json(RealLines.with(jokic.toWire(),
                "game_id", "EARLIER-" + jokic.gameId(), "game_date", RealLines.TEST_DATE, "season", "2019-20")))
                .exchange().expectStatus().isCreated();

        JsonNode latest = get("/average/player/" + jokic.playerId());
        JsonNode earlier = get("/average/player/" + jokic.playerId() + "?season=2019-20");

        assertThat(latest.get("season").asString()).isEqualTo(SEASON);
        assertThat(latest.get("games_played").asLong())
                .isEqualTo(season.stream().filter(line -> line.playerId() == jokic.playerId()).count());
        assertThat(earlier.get("games_played").asLong()).isEqualTo(1);
    }

    private void assertPerGame(String who, JsonNode averages, Expected expected, long divisor) {
        for (int i = 0; i < COUNTING.size(); i++) {
            assertThat(averages.get(COUNTING.get(i)).asDouble()).as(who + " " + COUNTING.get(i))
                    .isCloseTo(expected.counting[i] / (double) divisor, within(EXACT));
        }
        assertThat(averages.get("minutes_played").asDouble()).as(who + " minutes")
                .isCloseTo(expected.minutes.doubleValue() / divisor, within(EXACT));
    }

    private void assertTotals(String who, JsonNode totals, Expected expected) {
        for (int i = 0; i < COUNTING.size(); i++) {
            assertThat(totals.get(COUNTING.get(i)).asLong()).as(who + " total " + COUNTING.get(i)).isEqualTo(expected.counting[i]);
        }
        assertThat(totals.get("minutes_played").decimalValue()).as(who + " total minutes").isEqualByComparingTo(expected.minutes);
    }

    private void assertShooting(String who, JsonNode shooting, Expected expected, long games) {
        assertThat(shooting.get("games").asLong()).as(who + " shooting games").isEqualTo(games);
        for (int i = 0; i < SHOOTING.size(); i++) {
            assertThat(shooting.get(SHOOTING.get(i)).asDouble()).as(who + " " + SHOOTING.get(i))
                    .isCloseTo(expected.shooting[i] / (double) games, within(EXACT));
        }
        assertPercentage(who + " fg_pct", shooting.get("fg_pct"), expected.shooting[0], expected.shooting[1]);
        assertPercentage(who + " fg3_pct", shooting.get("fg3_pct"), expected.shooting[2], expected.shooting[3]);
        assertPercentage(who + " ft_pct", shooting.get("ft_pct"), expected.shooting[4], expected.shooting[5]);
    }

    private static void assertPercentage(String what, JsonNode value, long made, long attempted) {
        if (attempted == 0) {
            assertThat(value.isNull()).as(what + " without attempts").isTrue();
        } else {
            assertThat(value.asDouble()).as(what).isCloseTo(made / (double) attempted, within(EXACT));
        }
    }


    private List<BoxScoreLine> linesOfPlayer(long playerId) {
        return season.stream().filter(line -> line.playerId() == playerId).toList();
    }

    private JsonNode get(String uri) {
        return http.get().uri(uri).exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static String averageUri(String side, long id, String mode) {
        return "/average/%s/%d?season=%s".formatted(side, id, SEASON) + (mode.equals("per_game") ? "" : "&per_mode=" + mode);
    }

    private String getText(String uri) {
        return http.get().uri(uri).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    private List<Long> ids(String uri) {
        List<Long> ids = new ArrayList<>();
        get(uri).forEach(id -> ids.add(id.asLong()));
        return ids;
    }

    /** Sums of one player's or one team's lines, straight from the CSV. */
    private static final class Expected {
        final Set<String> games = new HashSet<>();
        final long[] counting = new long[COUNTING.size()];
        final long[] shooting = new long[SHOOTING.size()];
        BigDecimal minutes = BigDecimal.ZERO;
        long lines;

        void add(String gameId, BoxScoreLine line) {
            games.add(gameId);
            lines++;
            List<ToLongFunction<BoxScoreLine>> countingStats = List.of(s -> s.stats().points(), s -> s.stats().rebounds(), s -> s.stats().assists(),
                    s -> s.stats().steals(), s -> s.stats().blocks(), s -> s.stats().turnovers(), s -> s.stats().fouls());
            List<ToLongFunction<BoxScoreLine>> shootingStats = List.of(s -> s.stats().fgm(), s -> s.stats().fga(), s -> s.stats().fg3m(), s -> s.stats().fg3a(),
                    s -> s.stats().ftm(), s -> s.stats().fta(), s -> s.stats().oreb(), s -> s.stats().dreb());
            for (int i = 0; i < counting.length; i++) {
                counting[i] += countingStats.get(i).applyAsLong(line);
            }
            for (int i = 0; i < shooting.length; i++) {
                shooting[i] += shootingStats.get(i).applyAsLong(line);
            }
            minutes = minutes.add(line.stats().minutesPlayed());
        }
    }
}

package courtside.aggregation;

import courtside.model.BoxScore;
import courtside.model.BoxScoreLine;
import courtside.model.BoxScoreStat;
import courtside.model.GameResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A team's opponents, wins and losses, and a traded player's rows per team, in the cache: each equal to what the
 * posted lines make of them (computed here), after corrections of either team, a removal, a team move, a game in
 * progress and a cache emptied and loaded again; and equal to stats-service's SQL answer throughout. On seasons of
 * their own, 1960-61, 1961-62 and 1965-66.
 */
@AggregationServiceTest
class OpponentCacheTests {

    private static final SyntheticSeason SEASON = SyntheticSeason.starting(1960);
    private static final SyntheticSeason TRADE_SEASON = SyntheticSeason.starting(1961);
    private static final SyntheticSeason LIVE_SEASON = SyntheticSeason.starting(1965);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    RestTestClient client;
    @Autowired
    Pipeline pipeline;
    @Autowired
    StringRedisTemplate redis;

    @Test
    void aCorrectionOfOneTeamsLineMovesTheOtherTeamsOpponentsAndCanFlipTheResult() {
        List<BoxScoreLine> lines = new ArrayList<>(SEASON.boxScoreLinesOfFirstGames(30));
        pipeline.post(lines.stream().map(BoxScoreLine::toWire).toList(), 100);
        pipeline.awaitQuiet();
        Set<Long> teams = lines.stream().map(BoxScoreLine::teamId).collect(Collectors.toSet());
        teams.forEach(team -> assertOpponents(lines, team, ""));
        // Real games, complete: every game is decided, once for each side.
        long wins = teams.stream().mapToLong(team -> answer(team, "").get("wins").asLong()).sum();
        long losses = teams.stream().mapToLong(team -> answer(team, "").get("losses").asLong()).sum();
        assertThat(wins).isEqualTo(30).isEqualTo(losses);

        // The first game's loser scores enough free throws to win it: both teams' records and opponents move.
        String game = lines.getFirst().gameId();
        Map<Long, Long> points = pointsOf(lines, game);
        long loser = points.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
        long winner = points.keySet().stream().filter(team -> team != loser).findFirst().orElseThrow();
        long margin = points.get(winner) - points.get(loser);
        BoxScoreLine shooter = lines.stream().filter(line -> line.gameId().equals(game) && line.teamId() == loser)
                .max(Comparator.comparing(line -> line.stats().minutesPlayed()))
                .orElseThrow();
        long winsBefore = answer(loser, "").get("wins").asLong();
        BoxScoreLine corrected = freeThrows(shooter, margin + 1);
        replace(lines, shooter, corrected);
        assertThat(answer(loser, "").get("wins").asLong()).isEqualTo(winsBefore + 1);
        assertOpponents(lines, winner, "");
        assertOpponents(lines, loser, "");

        // A removal of the winner's line: its points leave the loser's opponent figures (and may hand the game back).
        BoxScoreLine removed = lines.stream().filter(line -> line.gameId().equals(game) && line.teamId() == winner).findFirst().orElseThrow();
        pipeline.remove(removed.gameId(), removed.playerId());
        pipeline.awaitQuiet();
        lines.remove(removed);
        assertOpponents(lines, winner, "");
        assertOpponents(lines, loser, "");

        // A line logged under the wrong team, moved: removed, then posted again for the other team of the game.
        BoxScoreLine moved = lines.stream().filter(line -> line.gameId().equals(game) && line.teamId() == loser).findFirst().orElseThrow();
        BoxScoreLine other = lines.stream().filter(line -> line.gameId().equals(game) && line.teamId() == winner).findFirst().orElseThrow();
        pipeline.remove(moved.gameId(), moved.playerId());
        BoxScoreLine underWinner = new BoxScoreLine(moved.gameId(), moved.gameDate(), moved.season(), moved.playerId(),
                moved.playerName(), winner, other.teamAbbreviation(), moved.stats());
        pipeline.postBatch(List.of(underWinner.toWire()));
        pipeline.awaitQuiet();
        lines.set(lines.indexOf(moved), underWinner);
        assertOpponents(lines, winner, "");
        assertOpponents(lines, loser, "");

        // Splits: the latest two games, and the games against one opponent.
        assertOpponents(lines, winner, "&last=2");
        assertOpponents(lines, winner, "&vs=" + loser);
        pipeline.assertCacheEqualsSql(SEASON.label());

        // Emptied, the cache loads the team and its opponents again from PostgreSQL: the same figures.
        redis.execute((RedisCallback<Void>) connection -> {
            connection.serverCommands().flushAll();
            return null;
        });
        assertOpponents(lines, loser, "");
        pipeline.assertCacheEqualsSql(SEASON.label());
    }

    @Test
    void aGameInProgressCountsInNeitherRecordButItsOpponentFiguresCount() {
        List<BoxScoreLine> lines = LIVE_SEASON.boxScoreLinesOfFirstGames(2);
        String game = lines.getLast().gameId();
        List<BoxScoreLine> ofGame = lines.stream().filter(line -> line.gameId().equals(game)).toList();
        // Half of each team's players so far: fewer than 240 minutes a side.
        List<BoxScoreLine> soFar = ofGame.stream().collect(Collectors.groupingBy(BoxScoreLine::teamId)).values().stream()
                .flatMap(team -> team.subList(0, team.size() / 2).stream()).toList();
        pipeline.post(soFar.stream().map(BoxScoreLine::toWire).toList(), 100);
        pipeline.awaitQuiet();
        for (long team : soFar.stream().map(BoxScoreLine::teamId).collect(Collectors.toSet())) {
            JsonNode answer = answer(LIVE_SEASON, team, "");
            assertThat(answer.get("wins").asLong() + answer.get("losses").asLong()).as("a game in progress").isZero();
            assertThat(answer.at("/opponent/games").asLong()).isEqualTo(1);
            assertOpponents(LIVE_SEASON, soFar, team, "");
        }

        // The rest of the box: the game is decided.
        pipeline.post(ofGame.stream().filter(line -> !soFar.contains(line)).map(BoxScoreLine::toWire).toList(), 100);
        pipeline.awaitQuiet();
        for (long team : soFar.stream().map(BoxScoreLine::teamId).collect(Collectors.toSet())) {
            JsonNode answer = answer(LIVE_SEASON, team, "");
            assertThat(answer.get("wins").asLong() + answer.get("losses").asLong()).as("a final game").isEqualTo(1);
            assertOpponents(LIVE_SEASON, ofGame, team, "");
        }
        pipeline.assertCacheEqualsSql(LIVE_SEASON.label());
    }

    @Test
    void aTradedPlayersSeasonHasARowPerTeamCountedByTheTeamOnTheLine() {
        List<BoxScoreLine> lines = new ArrayList<>(TRADE_SEASON.boxScoreLinesOfFirstGames(20));
        // A player of the first game, who then turns out for a team of a later game he was not in.
        BoxScoreLine first = lines.getFirst();
        BoxScoreLine traded = SyntheticSeason.tradedLine(lines);
        assertThat(traded.gameDate()).isGreaterThan(first.gameDate());
        lines.add(traded);
        pipeline.post(lines.stream().map(BoxScoreLine::toWire).toList(), 100);
        pipeline.awaitQuiet();

        JsonNode player = cached("/average/player/%d?season=%s".formatted(first.playerId(), TRADE_SEASON.label()));
        List<BoxScoreLine> his = lines.stream().filter(line -> line.playerId() == first.playerId()).toList();
        assertThat(player.get("games_played").asLong()).isEqualTo(his.size());
        JsonNode rows = player.get("teams");
        assertThat(rows.size()).isEqualTo(2);
        assertThat(rows.get(0).get("team_id").asLong()).as("the team he played for first").isEqualTo(first.teamId());
        assertThat(rows.get(1).get("team_id").asLong()).isEqualTo(traded.teamId());
        for (JsonNode row : rows) {
            List<BoxScoreLine> forTeam = his.stream().filter(line -> line.teamId() == row.get("team_id").asLong()).toList();
            assertThat(row.get("games_played").asLong()).isEqualTo(forTeam.size());
            assertThat(row.at("/averages/points").asDouble())
                    .isCloseTo(sum(forTeam, BoxScoreStat.POINTS) / forTeam.size(), within(1e-9));
            assertThat(row.at("/totals/rebounds").asLong()).isEqualTo((long) sum(forTeam, BoxScoreStat.REBOUNDS));
        }
        // A player of one team has no rows: his season is his team's.
        long stayed = lines.stream().filter(line -> line.playerId() != first.playerId()).findFirst().orElseThrow().playerId();
        assertThat(cached("/average/player/%d?season=%s".formatted(stayed, TRADE_SEASON.label())).has("teams")).isFalse();
        // In a split of his last game only, one team: no rows either.
        assertThat(cached("/average/player/%d?season=%s&last=1".formatted(first.playerId(), TRADE_SEASON.label())).has("teams")).isFalse();
        pipeline.assertCacheEqualsSql(TRADE_SEASON.label());

        // The later line taken back: one team again, no rows.
        pipeline.remove(traded.gameId(), traded.playerId());
        pipeline.awaitQuiet();
        assertThat(cached("/average/player/%d?season=%s".formatted(first.playerId(), TRADE_SEASON.label())).has("teams")).isFalse();
        pipeline.assertCacheEqualsSql(TRADE_SEASON.label());
    }

    /**
     * The team's answer (with the split given as a query suffix, restricted to the latest games here) against its
     * opponents and results computed from the lines: each game's other team's lines, and the decided games.
     */
    private void assertOpponents(List<BoxScoreLine> lines, long team, String split) {
        assertOpponents(SEASON, lines, team, split);
    }

    private void assertOpponents(SyntheticSeason season, List<BoxScoreLine> lines, long team, String split) {
        JsonNode answer = answer(season, team, split);
        Map<String, List<BoxScoreLine>> games = lines.stream().filter(line -> line.teamId() == team)
                .collect(Collectors.groupingBy(BoxScoreLine::gameId, LinkedHashMap::new, Collectors.toList()));
        Predicate<String> inSplit = splitGames(lines, team, split);
        long wins = 0;
        long losses = 0;
        long opponentGames = 0;
        List<BoxScoreLine> opponents = new ArrayList<>();
        for (String game : games.keySet()) {
            if (!inSplit.test(game)) {
                continue;
            }
            List<BoxScoreLine> theirs = lines.stream().filter(line -> line.gameId().equals(game) && line.teamId() != team).toList();
            if (theirs.isEmpty()) {
                continue;
            }
            opponentGames++;
            opponents.addAll(theirs);
            List<BoxScoreLine> ours = games.get(game);
            switch (GameResult.of((long) sum(ours, BoxScoreStat.POINTS), thousandths(ours), (long) sum(theirs, BoxScoreStat.POINTS), thousandths(theirs))) {
                case WIN -> wins++;
                case LOSS -> losses++;
                case UNDECIDED -> { }
            }
        }
        String who = "team " + team + split;
        assertThat(answer.get("wins").asLong()).as("wins of %s", who).isEqualTo(wins);
        assertThat(answer.get("losses").asLong()).as("losses of %s", who).isEqualTo(losses);
        assertThat(answer.at("/opponent/games").asLong()).as("opponent games of %s", who).isEqualTo(opponentGames);
        for (BoxScoreStat stat : BoxScoreStat.counting()) {
            assertThat(answer.at("/opponent/totals/" + stat.wireName()).asDouble()).as("opponent %s of %s", stat.wireName(), who)
                    .isCloseTo(sum(opponents, stat), within(1e-9));
            assertThat(answer.at("/opponent/per_game/" + stat.wireName()).asDouble()).as("opponent %s per game of %s", stat.wireName(), who)
                    .isCloseTo(sum(opponents, stat) / opponentGames, within(1e-9));
        }
    }

    /** The games of the team a split suffix keeps: {@code &last=N}, {@code &vs=ID} or none. */
    private static Predicate<String> splitGames(List<BoxScoreLine> lines, long team, String split) {
        if (split.startsWith("&last=")) {
            int last = Integer.parseInt(split.substring("&last=".length()));
            Set<String> latest = lines.stream().filter(line -> line.teamId() == team)
                    .sorted(Comparator.comparing(BoxScoreLine::gameDate).thenComparing(BoxScoreLine::gameId).reversed())
                    .map(BoxScoreLine::gameId).distinct().limit(last).collect(Collectors.toSet());
            return latest::contains;
        }
        if (split.startsWith("&vs=")) {
            long vs = Long.parseLong(split.substring("&vs=".length()));
            return game -> lines.stream().anyMatch(line -> line.gameId().equals(game) && line.teamId() == vs);
        }
        return game -> true;
    }

    private void replace(List<BoxScoreLine> lines, BoxScoreLine old, BoxScoreLine now) {
        pipeline.postBatch(List.of(now.toWire()));
        pipeline.awaitQuiet();
        lines.set(lines.indexOf(old), now);
    }

    /** The line with {@code more} free throws made (and attempted), and the points they bring. */
    private static BoxScoreLine freeThrows(BoxScoreLine line, long more) {
        BoxScore s = line.stats();
        int plus = Math.toIntExact(more);
        BoxScore changed = new BoxScore(s.points() + plus, s.rebounds(), s.assists(), s.steals(), s.blocks(), s.turnovers(),
                s.fouls(), s.minutesPlayed(), s.overtimePeriods(), s.fgm(), s.fga(), s.fg3m(), s.fg3a(), s.ftm() + plus,
                s.fta() + plus, s.oreb(), s.dreb(), s.plusMinus());
        return new BoxScoreLine(line.gameId(), line.gameDate(), line.season(), line.playerId(), line.playerName(), line.teamId(),
                line.teamAbbreviation(), changed);
    }

    private static Map<Long, Long> pointsOf(List<BoxScoreLine> lines, String game) {
        return lines.stream().filter(line -> line.gameId().equals(game)).collect(Collectors.groupingBy(BoxScoreLine::teamId,
                Collectors.summingLong(line -> line.stats().value(BoxScoreStat.POINTS).longValue())));
    }

    private static double sum(List<BoxScoreLine> lines, BoxScoreStat stat) {
        return lines.stream().map(line -> line.stats().value(stat)).filter(value -> value != null)
                .map(value -> new BigDecimal(value.toString())).reduce(BigDecimal.ZERO, BigDecimal::add).doubleValue();
    }

    private static long thousandths(List<BoxScoreLine> lines) {
        return lines.stream().map(line -> new BigDecimal(line.stats().value(BoxScoreStat.MINUTES_PLAYED).toString()))
                .reduce(BigDecimal.ZERO, BigDecimal::add).movePointRight(3).longValueExact();
    }

    private JsonNode answer(long team, String split) {
        return answer(SEASON, team, split);
    }

    private JsonNode answer(SyntheticSeason season, long team, String split) {
        return cached("/average/team/%d?season=%s%s".formatted(team, season.label(), split));
    }

    private JsonNode cached(String uri) {
        return JSON.readTree(client.get().uri(uri).exchange().expectStatus().isOk().returnResult(String.class).getResponseBody());
    }
}

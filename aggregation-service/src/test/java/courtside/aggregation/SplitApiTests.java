package courtside.aggregation;

import courtside.model.BoxScore;
import courtside.model.BoxScoreLine;
import courtside.stats.ExpectedSeason;
import courtside.stats.ExpectedSplit;
import courtside.stats.RealLines;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Splits of a season (last N games, dates, one opponent) in the cache: answered from the ledger's line states, the
 * same bytes as stats-service's SQL, moved at once by a correction inside the split, and bad split parameters refused
 * with the same problem by both services. On seasons of their own, 1962-63 and 1964-65.
 */
@AggregationServiceTest
class SplitApiTests {

    private static final SyntheticSeason SEASON = SyntheticSeason.starting(1962);
    private static final SyntheticSeason OTHER_SEASON = SyntheticSeason.starting(1964);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    RestTestClient client;
    @Autowired
    Pipeline pipeline;

    @Test
    void aCorrectionInsideTheSplitMovesItAtOnceAndOneOutsideDoesNot() {
        List<BoxScoreLine> lines = new ArrayList<>(SEASON.boxScoreLinesOfFirstGames(60));
        pipeline.post(lines.stream().map(BoxScoreLine::toWire).toList(), 100);
        pipeline.awaitQuiet();

        // The player with the most games of those, all of them carrying the shooting block.
        Map<Long, List<BoxScoreLine>> byPlayer = lines.stream().collect(Collectors.groupingBy(BoxScoreLine::playerId));
        long player = byPlayer.entrySet().stream()
                .filter(entry -> entry.getValue().stream().allMatch(line -> line.toWire().get("ftm") != null))
                .max(Comparator.comparingInt((Map.Entry<Long, List<BoxScoreLine>> entry) -> entry.getValue().size())
                        .thenComparing(Map.Entry::getKey)).orElseThrow().getKey();
        List<BoxScoreLine> his = byPlayer.get(player).stream()
                .sorted(Comparator.comparing(BoxScoreLine::gameDate).thenComparing(BoxScoreLine::gameId)).toList();
        assertThat(his.size()).isGreaterThanOrEqualTo(3);
        long team = his.getLast().teamId();
        ExpectedSplit lastTwo = ExpectedSplit.last(2);
        assertSplit(lines, "player", player, lastTwo);
        assertSplit(lines, "team", team, lastTwo);
        LocalDate firstDay = LocalDate.parse(his.getFirst().gameDate());
        assertSplit(lines, "player", player, ExpectedSplit.between(firstDay, firstDay));
        assertSplit(lines, "team", team, new ExpectedSplit(1, null, firstDay.plusDays(3), null));

        // Inside the split: his latest game, one more free throw.
        BoxScoreLine latest = his.getLast();
        Map<String, Object> corrected = oneMoreFreeThrow(latest.toWire());
        pipeline.postBatch(List.of(corrected));
        pipeline.awaitQuiet();
        lines.set(lines.indexOf(latest), lineOf(corrected, latest));
        JsonNode moved = assertSplit(lines, "player", player, lastTwo);
        assertThat(moved.at("/totals/points").asLong()).isEqualTo(lastTwo.ofPlayer(lines, player).stream()
                .mapToLong(line -> line.toWire().get("points") instanceof Number n ? n.longValue() : 0).sum());
        assertSplit(lines, "team", team, lastTwo);

        // Outside it: his first game. The season moves, the split of his last two games does not.
        String before = cached("/average/player/%d?season=%s%s".formatted(player, SEASON.label(), lastTwo.query()));
        BoxScoreLine first = his.getFirst();
        Map<String, Object> outside = oneMoreFreeThrow(first.toWire());
        pipeline.postBatch(List.of(outside));
        pipeline.awaitQuiet();
        lines.set(lines.indexOf(first), lineOf(outside, first));
        assertThat(cached("/average/player/%d?season=%s%s".formatted(player, SEASON.label(), lastTwo.query()))).isEqualTo(before);
        assertSplit(lines, "player", player, new ExpectedSplit(null, null, null, null));
        pipeline.assertCacheEqualsSql(SEASON.label());
    }

    @Test
    void aGameLeavesTheOpponentSplitOnceTheOpponentHasNoLineInItLeft() {
        List<BoxScoreLine> lines = new ArrayList<>(OTHER_SEASON.boxScoreLinesOfFirstGames(40));
        pipeline.post(lines.stream().map(BoxScoreLine::toWire).toList(), 100);
        pipeline.awaitQuiet();

        // A game of two teams, and a player of the first who played in it.
        BoxScoreLine some = lines.getFirst();
        String game = some.gameId();
        long opponent = lines.stream().filter(line -> line.gameId().equals(game) && line.teamId() != some.teamId())
                .findFirst().orElseThrow().teamId();
        ExpectedSplit against = new ExpectedSplit(null, null, null, opponent);
        assertSplitOrNone(OTHER_SEASON, lines, "player", some.playerId(), against);
        assertSplitOrNone(OTHER_SEASON, lines, "team", some.teamId(), against);

        // Every line of the opponent in that game taken back: the game is no longer against it, in both services.
        List<BoxScoreLine> theirs = lines.stream().filter(line -> line.gameId().equals(game) && line.teamId() == opponent).toList();
        theirs.forEach(line -> pipeline.remove(line.gameId(), line.playerId()));
        pipeline.awaitQuiet();
        lines.removeAll(theirs);
        assertSplitOrNone(OTHER_SEASON, lines, "player", some.playerId(), against);
        assertSplitOrNone(OTHER_SEASON, lines, "team", some.teamId(), against);
    }

    /** Both services answer the split as these lines make it, or both find no game in it. */
    private void assertSplitOrNone(SyntheticSeason season, List<BoxScoreLine> lines, String side, long id, ExpectedSplit split) {
        boolean none = side.equals("player") ? split.ofPlayer(lines, id).isEmpty() : split.ofTeam(lines, id).isEmpty();
        if (!none) {
            assertSplit(season, lines, side, id, split);
            return;
        }
        String uri = "/average/%s/%d?season=%s%s".formatted(side, id, season.label(), split.query());
        client.get().uri(uri).exchange().expectStatus().isNotFound();
        RunningStatsService.shared().client().get().uri(uri).exchange().expectStatus().isNotFound();
    }

    @Test
    void badSplitParametersAreRefusedWithTheSameProblemByBothServices() {
        Map<String, String> bad = Map.of(
                "last=0", "last must be an integer from 1 to 82",
                "last=83", "last must be an integer from 1 to 82",
                "last=ten", "last must be an integer from 1 to 82",
                "from=1962-13-01", "from must be a date as yyyy-mm-dd",
                "to=yesterday", "to must be a date as yyyy-mm-dd",
                "from=1962-11-02&to=1962-11-01", "to must not be before from",
                "vs=0", "vs must be a positive integer",
                "vs=-1610612747", "vs must be a positive integer",
                "vs=LAL", "vs must be a positive integer");
        bad.forEach((query, detail) -> {
            for (String side : List.of("player/2544", "team/1610612747")) {
                String uri = "/average/%s?season=%s&%s".formatted(side, SEASON.label(), query);
                String cached = client.get().uri(uri).exchange().expectStatus().isBadRequest()
                        .returnResult(String.class).getResponseBody();
                String sql = RunningStatsService.shared().client().get().uri(uri).exchange().expectStatus().isBadRequest()
                        .returnResult(String.class).getResponseBody();
                JsonNode problem = JSON.readTree(cached);
                assertThat(problem.get("title").asString()).as(uri).isEqualTo("Invalid request parameter");
                assertThat(problem.get("detail").asString()).as(uri).isEqualTo(detail);
                assertThat(JSON.readTree(sql)).as(uri).isEqualTo(problem);
            }
        });
    }

    /** Both services' answer to the split, the same bytes, each figure what these lines say; the cached one. */
    private JsonNode assertSplit(List<BoxScoreLine> lines, String side, long id, ExpectedSplit split) {
        return assertSplit(SEASON, lines, side, id, split);
    }

    private JsonNode assertSplit(SyntheticSeason season, List<BoxScoreLine> lines, String side, long id, ExpectedSplit split) {
        String uri = "/average/%s/%d?season=%s%s".formatted(side, id, season.label(), split.query());
        String answer = cached(uri);
        String sql = RunningStatsService.shared().client().get().uri(uri).exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody();
        assertThat(answer).as(uri).isEqualTo(sql);
        JsonNode json = JSON.readTree(answer);
        if (side.equals("player")) {
            ExpectedSeason.byPlayer(split.ofPlayer(lines, id)).get(id).assertPlayer(uri, json, "per_game");
        } else {
            ExpectedSeason.byTeam(split.ofTeam(lines, id)).get(id).assertTeam(uri, json, "per_game");
        }
        assertThat(json.has("split")).as(uri + " echoes the split").isEqualTo(!split.query().isEmpty());
        return json;
    }

    private String cached(String uri) {
        return client.get().uri(uri).exchange().expectStatus().isOk().expectHeader().valueEquals("X-Cache", "HIT")
                .returnResult(String.class).getResponseBody();
    }

    private static Map<String, Object> oneMoreFreeThrow(Map<String, Object> line) {
        return RealLines.with(line, "ftm", (Integer) line.get("ftm") + 1, "fta", (Integer) line.get("fta") + 1,
                "points", (Integer) line.get("points") + 1);
    }

    /** The corrected line as a box-score line, for the expected figures. */
    private static BoxScoreLine lineOf(Map<String, Object> wire, BoxScoreLine original) {
        Function<String, Integer> stat = name -> (Integer) wire.get(name);
        var stats = original.stats();
        return new BoxScoreLine(original.gameId(), original.gameDate(), original.season(), original.playerId(),
                original.playerName(), original.teamId(), original.teamAbbreviation(),
                new BoxScore(stat.apply("points"), stats.rebounds(), stats.assists(), stats.steals(),
                        stats.blocks(), stats.turnovers(), stats.fouls(), stats.minutesPlayed(), stats.overtimePeriods(),
                        stats.fgm(), stats.fga(), stats.fg3m(), stats.fg3a(), stat.apply("ftm"), stat.apply("fta"),
                        stats.oreb(), stats.dreb(), stats.plusMinus()));
    }
}

package courtside.aggregation.games;

import courtside.aggregation.ledger.Ledger;
import courtside.aggregation.ledger.LineState;
import courtside.aggregation.directory.Directory;
import courtside.aggregation.query.SeasonQuery;
import courtside.model.BoxScoreStat;
import courtside.model.SeasonTotals;
import courtside.model.SeasonType;
import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Game-by-game lines of a season, for the dashboard's chart: a player's lines, or a team's per-game totals (the
 * sums of its players' lines in each game), each with the opponent.
 */
@RestController
final class GameLogController {

    private final LedgerLines lines;
    private final Directory directory;

    GameLogController(LedgerLines lines, Directory directory) {
        this.lines = lines;
        this.directory = directory;
    }

    /**
     * One game of a log: a player's line, or a team's per-game totals ({@code player_lines} lines added up).
     *
     * @param stats every stat by its wire name, minutes as exact decimals, the shooting block {@code null} when the
     *              line (or game) has none: written after the other fields, as if they were fields of their own
     */
    record GameLine(String gameId, String gameDate, long teamId, String teamAbbreviation, Long opponentId,
                    String opponentAbbreviation, @JsonInclude(JsonInclude.Include.NON_NULL) Integer playerLines,
                    @JsonAnyGetter Map<String, Object> stats) {
    }

    /** A player's games of one season, oldest first. */
    record PlayerGameLog(long playerId, String playerName, String season, SeasonType seasonType, List<GameLine> games) {
    }

    /** A team's games of one season, oldest first. */
    record TeamGameLog(long teamId, String teamAbbreviation, String season, SeasonType seasonType, List<GameLine> games) {
    }

    @Operation(summary = "A player's games of a season, oldest first, as the latest version of each line says")
    @GetMapping("/games/player/{player_id}")
    PlayerGameLog player(
            @PathVariable("player_id") @Positive(message = "must be a positive integer") long playerId,
            @ParameterObject @Valid SeasonQuery query) {
        LedgerLines.SeasonLines found = lines.season(Ledger.player(playerId), query.season(), query.seasonType());
        Map<String, Map<Long, String>> teams = directory.teamsOf(found.lines().stream().map(LineState::gameId).toList());
        List<GameLine> games = new ArrayList<>();
        for (LineState line : found.lines()) {
            games.add(game(line.gameId(), line, line.teamId(), teams.get(line.gameId()), null, stats(line.shooting(), line::stat)));
        }
        return new PlayerGameLog(playerId, directory.playerNames(List.of(playerId)).get(playerId), found.season(),
                found.seasonType(), games);
    }

    @Operation(summary = "A team's per-game totals of a season, oldest game first")
    @GetMapping("/games/team/{team_id}")
    TeamGameLog team(
            @PathVariable("team_id") @Positive(message = "must be a positive integer") long teamId,
            @ParameterObject @Valid SeasonQuery query) {
        LedgerLines.SeasonLines found = lines.season(Ledger.team(teamId), query.season(), query.seasonType());
        Map<String, List<LineState>> byGame = new LinkedHashMap<>();
        found.lines().forEach(line -> byGame.computeIfAbsent(line.gameId(), id -> new ArrayList<>()).add(line));
        Map<String, Map<Long, String>> teams = directory.teamsOf(List.copyOf(byGame.keySet()));
        List<GameLine> games = new ArrayList<>();
        byGame.forEach((gameId, gameLines) -> {
            boolean shooting = gameLines.stream().anyMatch(LineState::shooting);
            games.add(game(gameId, gameLines.getFirst(), teamId, teams.get(gameId), gameLines.size(),
                    stats(shooting, stat -> gameLines.stream().mapToLong(line -> line.stat(stat)).sum())));
        });
        return new TeamGameLog(teamId, directory.teamAbbreviations(List.of(teamId)).get(teamId), found.season(),
                found.seasonType(), games);
    }

    private static GameLine game(String gameId, LineState line, long teamId, Map<Long, String> teamsOfGame,
                                 Integer playerLines, Map<String, Object> stats) {
        Map<Long, String> teams = teamsOfGame == null ? Map.of() : teamsOfGame;
        Optional<Map.Entry<Long, String>> opponent = teams.entrySet().stream().filter(e -> e.getKey() != teamId).findFirst();
        return new GameLine(gameId, line.gameDate().toString(), teamId, blankToNull(teams.get(teamId)),
                opponent.map(Map.Entry::getKey).orElse(null), opponent.map(e -> blankToNull(e.getValue())).orElse(null),
                playerLines, stats);
    }

    /** Every stat, minutes as exact decimals, the shooting block {@code null} when the line (or game) has none. */
    private static Map<String, Object> stats(boolean shooting, ToLongFunction<BoxScoreStat> value) {
        Map<String, Object> stats = new LinkedHashMap<>();
        for (BoxScoreStat stat : BoxScoreStat.values()) {
            if (stat.isShooting() && !shooting) {
                stats.put(stat.wireName(), null);
            } else if (stat == BoxScoreStat.MINUTES_PLAYED) {
                stats.put(stat.wireName(), BigDecimal.valueOf(value.applyAsLong(stat), SeasonTotals.MINUTES_SCALE).stripTrailingZeros());
            } else {
                stats.put(stat.wireName(), value.applyAsLong(stat));
            }
        }
        return stats;
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}

package courtside.aggregation.games;

import courtside.aggregation.ledger.Ledger;
import courtside.aggregation.ledger.LineState;
import courtside.aggregation.directory.Directory;
import courtside.model.BoxScoreStat;
import courtside.model.SeasonLabel;
import courtside.model.SeasonTotals;
import courtside.model.SeasonType;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Positive;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    @Operation(summary = "A player's games of a season, oldest first, as the latest version of each line says")
    @GetMapping("/games/player/{player_id}")
    Map<String, Object> player(
            @PathVariable("player_id") @Positive(message = "must be a positive integer") long playerId,
            @RequestParam(required = false) @SeasonLabel String season,
            @RequestParam(name = "season_type", defaultValue = "regular") SeasonType seasonType) {
        LedgerLines.SeasonLines found = lines.season(Ledger.player(playerId), season, seasonType);
        Map<String, Map<Long, String>> teams = directory.teamsOf(found.lines().stream().map(LineState::gameId).toList());
        List<Map<String, Object>> games = new ArrayList<>();
        for (LineState line : found.lines()) {
            Map<String, Object> game = game(line.gameId(), line, line.teamId(), teams.get(line.gameId()));
            putStats(game, line.shooting(), stat -> line.stat(stat));
            games.add(game);
        }
        return answer("player_id", playerId, "player_name", directory.playerNames(List.of(playerId)).get(playerId), found, games);
    }

    @Operation(summary = "A team's per-game totals of a season, oldest game first")
    @GetMapping("/games/team/{team_id}")
    Map<String, Object> team(
            @PathVariable("team_id") @Positive(message = "must be a positive integer") long teamId,
            @RequestParam(required = false) @SeasonLabel String season,
            @RequestParam(name = "season_type", defaultValue = "regular") SeasonType seasonType) {
        LedgerLines.SeasonLines found = lines.season(Ledger.team(teamId), season, seasonType);
        Map<String, List<LineState>> byGame = new LinkedHashMap<>();
        found.lines().forEach(line -> byGame.computeIfAbsent(line.gameId(), id -> new ArrayList<>()).add(line));
        Map<String, Map<Long, String>> teams = directory.teamsOf(List.copyOf(byGame.keySet()));
        List<Map<String, Object>> games = new ArrayList<>();
        byGame.forEach((gameId, gameLines) -> {
            Map<String, Object> game = game(gameId, gameLines.getFirst(), teamId, teams.get(gameId));
            game.put("player_lines", gameLines.size());
            boolean shooting = gameLines.stream().anyMatch(LineState::shooting);
            putStats(game, shooting, stat -> gameLines.stream().mapToLong(line -> line.stat(stat)).sum());
            games.add(game);
        });
        return answer("team_id", teamId, "team_abbreviation", directory.teamAbbreviations(List.of(teamId)).get(teamId), found, games);
    }

    /** A game log: who (id and name under the keys given), the season, and the games. */
    private static Map<String, Object> answer(String idKey, long id, String nameKey, String name,
                                              LedgerLines.SeasonLines found, List<Map<String, Object>> games) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(idKey, id);
        answer.put(nameKey, name);
        answer.put("season", found.season());
        answer.put("season_type", found.seasonType().wireName());
        answer.put("games", games);
        return answer;
    }

    private static Map<String, Object> game(String gameId, LineState line, long teamId, Map<Long, String> teamsOfGame) {
        Map<Long, String> teams = teamsOfGame == null ? Map.of() : teamsOfGame;
        Map<String, Object> game = new LinkedHashMap<>();
        game.put("game_id", gameId);
        game.put("game_date", line.gameDate().toString());
        game.put("team_id", teamId);
        game.put("team_abbreviation", blankToNull(teams.get(teamId)));
        Optional<Map.Entry<Long, String>> opponent = teams.entrySet().stream().filter(e -> e.getKey() != teamId).findFirst();
        game.put("opponent_id", opponent.map(Map.Entry::getKey).orElse(null));
        game.put("opponent_abbreviation", opponent.map(e -> blankToNull(e.getValue())).orElse(null));
        return game;
    }

    /** Every stat, minutes as exact decimals, the shooting block {@code null} when the line (or game) has none. */
    private static void putStats(Map<String, Object> game, boolean shooting, java.util.function.ToLongFunction<BoxScoreStat> value) {
        for (BoxScoreStat stat : BoxScoreStat.values()) {
            if (stat.isShooting() && !shooting) {
                game.put(stat.wireName(), null);
            } else if (stat == BoxScoreStat.MINUTES_PLAYED) {
                game.put(stat.wireName(), BigDecimal.valueOf(value.applyAsLong(stat), SeasonTotals.MINUTES_SCALE).stripTrailingZeros());
            } else {
                game.put(stat.wireName(), value.applyAsLong(stat));
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}

package courtside.aggregation.leaders;

import courtside.aggregation.cache.CacheSource;
import courtside.aggregation.ledger.Ledger;
import courtside.aggregation.problem.InvalidParameterException;
import courtside.model.SeasonLabel;
import courtside.model.SeasonType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Leader tables of players and teams, and the seasons they exist for. */
@RestController
final class LeadersController {

    private static final String STAT_DOC = "points, rebounds, assists, steals, blocks, turnovers, fouls, minutes_played, "
            + "fgm, fga, fg3m, fg3a, ftm, fta, oreb, dreb (per game) or fg_pct, fg3_pct, ft_pct (made ÷ attempted)";

    private final LeaderBoard board;
    private final LeaderSettings settings;

    LeadersController(LeaderBoard board, LeaderSettings settings) {
        this.board = board;
        this.settings = settings;
    }

    @Operation(summary = "Players ranked by a stat per game (or a shooting percentage), with games played and team")
    @GetMapping("/leaders")
    ResponseEntity<LeaderBoard.Table> players(
            @RequestParam(required = false) @SeasonLabel String season,
            @RequestParam(name = "season_type", defaultValue = "regular") SeasonType seasonType,
            @Parameter(description = STAT_DOC) @RequestParam(defaultValue = "points") String stat,
            @RequestParam(defaultValue = "10") @Min(value = 1, message = "must be between 1 and 1000")
            @Max(value = 1000, message = "must be between 1 and 1000") int limit,
            @RequestParam(name = "min_games", defaultValue = "0") @Min(value = 0, message = "must not be negative") long minGames,
            @Parameter(description = "for a percentage: the least attempts that qualify; defaults per stat in courtside.leaders")
            @RequestParam(name = "min_attempts", required = false) @Min(value = 0, message = "must not be negative") Long minAttempts) {
        return table(Ledger.Side.PLAYER, season, seasonType, stat, limit, minGames, minAttempts);
    }

    @Operation(summary = "Teams ranked by a stat per team game (or a shooting percentage)")
    @GetMapping("/leaders/teams")
    ResponseEntity<LeaderBoard.Table> teams(
            @RequestParam(required = false) @SeasonLabel String season,
            @RequestParam(name = "season_type", defaultValue = "regular") SeasonType seasonType,
            @Parameter(description = STAT_DOC) @RequestParam(defaultValue = "points") String stat,
            @RequestParam(defaultValue = "10") @Min(value = 1, message = "must be between 1 and 1000")
            @Max(value = 1000, message = "must be between 1 and 1000") int limit,
            @RequestParam(name = "min_games", defaultValue = "0") @Min(value = 0, message = "must not be negative") long minGames,
            @RequestParam(name = "min_attempts", required = false) @Min(value = 0, message = "must not be negative") Long minAttempts) {
        return table(Ledger.Side.TEAM, season, seasonType, stat, limit, minGames, minAttempts);
    }

    /** The seasons with lines, newest first, for the dashboard's pickers. */
    record Seasons(List<LeaderBoard.Season> seasons) {
    }

    @Operation(summary = "Every season (and season type) with lines, newest first")
    @GetMapping("/seasons")
    Seasons seasons() {
        return new Seasons(board.seasons(Ledger.Side.PLAYER));
    }

    private ResponseEntity<LeaderBoard.Table> table(Ledger.Side side, String season, SeasonType seasonType, String statName,
                                                    int limit, long minGames, Long minAttempts) {
        LeaderStat stat = LeaderStat.of(statName, false).orElseThrow(() -> new InvalidParameterException("stat",
                "must be one of " + String.join(", ", LeaderStat.names())));
        long attempts = minAttempts != null ? minAttempts : stat.percentage()
                ? settings.minAttempts().getOrDefault(stat.wireName(), 0L) : 0;
        LeaderBoard.Table table = board.table(new LeaderBoard.Query(side, season, seasonType, stat, limit, minGames, attempts));
        return ResponseEntity.ok().header(CacheSource.HEADER, table.source().name()).body(table);
    }
}

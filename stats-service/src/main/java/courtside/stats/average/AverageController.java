package courtside.stats.average;

import courtside.model.PerMode;
import courtside.model.PlayerSeasonAverage;
import courtside.model.SeasonType;
import courtside.model.Split;
import courtside.model.TeamSeasonAverage;
import courtside.stats.line.SeasonQuery;
import courtside.support.problem.NotFoundException;
import courtside.support.problem.PerModeParameter;
import courtside.support.problem.SplitNotFound;
import courtside.support.problem.SplitParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.function.Supplier;

/** Season averages computed by SQL from the stored lines: always fresh, the reference for every cache. */
@RestController
final class AverageController {

    private final SeasonAverageQueries queries;

    AverageController(SeasonAverageQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "A player's season averages; season defaults to the latest with data")
    @GetMapping("/average/player/{player_id}")
    PlayerSeasonAverage player(
            @PathVariable("player_id") @Positive(message = "must be a positive integer") long playerId,
            @ParameterObject @Valid SeasonQuery filter,
            @Parameter(name = "per_mode", schema = @Schema(allowableValues = {"per_game", "totals", "per_36"}))
            @RequestParam(name = "per_mode", defaultValue = "per_game") String perMode,
            @Parameter(description = "only the latest N games of the season, 1 to 82") @RequestParam(required = false) String last,
            @Parameter(description = "only the games on or after this date, yyyy-mm-dd") @RequestParam(required = false) String from,
            @Parameter(description = "only the games on or before this date, yyyy-mm-dd") @RequestParam(required = false) String to,
            @Parameter(description = "only the games against this team id") @RequestParam(required = false) String vs) {
        PerMode mode = PerModeParameter.of(perMode);
        Split split = SplitParameters.of(last, from, to, vs);
        // Averages are of one season type: the regular season unless the playoffs are asked for.
        SeasonType seasonType = filter.seasonTypeOr(SeasonType.REGULAR);
        String chosen = filter.season() != null ? filter.season() : queries.latestPlayerSeason(playerId, seasonType)
                .orElseThrow(() -> new NotFoundException("Player not found",
                        "No %s-season lines of player %d".formatted(seasonType.wireName(), playerId)));
        Supplier<NotFoundException> noSeason = () -> new NotFoundException("Season not found",
                "No lines of player %d in the %s %s season".formatted(playerId, chosen, seasonType.wireName()));
        if (split == null) {
            return queries.player(playerId, chosen, seasonType, mode).orElseThrow(noSeason);
        }
        // Only an empty split asks again, to tell a season without lines from a split without games.
        return queries.player(playerId, chosen, seasonType, mode, split).orElseThrow(() ->
                queries.player(playerId, chosen, seasonType, mode).isEmpty() ? noSeason.get()
                        : SplitNotFound.of("player", playerId, chosen, seasonType));
    }

    @Operation(summary = "A team's season averages per game and per player line; season defaults to the latest with data")
    @GetMapping("/average/team/{team_id}")
    TeamSeasonAverage team(
            @PathVariable("team_id") @Positive(message = "must be a positive integer") long teamId,
            @ParameterObject @Valid SeasonQuery filter,
            @Parameter(name = "per_mode", schema = @Schema(allowableValues = {"per_game", "totals", "per_36"}))
            @RequestParam(name = "per_mode", defaultValue = "per_game") String perMode,
            @Parameter(description = "only the latest N games of the season, 1 to 82") @RequestParam(required = false) String last,
            @Parameter(description = "only the games on or after this date, yyyy-mm-dd") @RequestParam(required = false) String from,
            @Parameter(description = "only the games on or before this date, yyyy-mm-dd") @RequestParam(required = false) String to,
            @Parameter(description = "only the games against this team id") @RequestParam(required = false) String vs) {
        PerMode mode = PerModeParameter.of(perMode);
        Split split = SplitParameters.of(last, from, to, vs);
        // Averages are of one season type: the regular season unless the playoffs are asked for.
        SeasonType seasonType = filter.seasonTypeOr(SeasonType.REGULAR);
        String chosen = filter.season() != null ? filter.season() : queries.latestTeamSeason(teamId, seasonType)
                .orElseThrow(() -> new NotFoundException("Team not found",
                        "No %s-season lines of team %d".formatted(seasonType.wireName(), teamId)));
        Supplier<NotFoundException> noSeason = () -> new NotFoundException("Season not found",
                "No lines of team %d in the %s %s season".formatted(teamId, chosen, seasonType.wireName()));
        if (split == null) {
            return queries.team(teamId, chosen, seasonType, mode).orElseThrow(noSeason);
        }
        // Only an empty split asks again, to tell a season without lines from a split without games.
        return queries.team(teamId, chosen, seasonType, mode, split).orElseThrow(() ->
                queries.team(teamId, chosen, seasonType, mode).isEmpty() ? noSeason.get()
                        : SplitNotFound.of("team", teamId, chosen, seasonType));
    }
}

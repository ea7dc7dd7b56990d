package courtside.stats.average;

import courtside.model.PerMode;
import courtside.model.PlayerSeasonAverage;
import courtside.model.SeasonType;
import courtside.model.TeamSeasonAverage;
import courtside.stats.line.SeasonQuery;
import courtside.support.problem.NotFoundException;
import courtside.support.problem.PerModeParameter;
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
            @RequestParam(name = "per_mode", defaultValue = "per_game") String perMode) {
        PerMode mode = PerModeParameter.of(perMode);
        // Averages are of one season type: the regular season unless the playoffs are asked for.
        SeasonType seasonType = filter.seasonTypeOr(SeasonType.REGULAR);
        String chosen = filter.season() != null ? filter.season() : queries.latestPlayerSeason(playerId, seasonType)
                .orElseThrow(() -> new NotFoundException("Player not found",
                        "No %s-season lines of player %d".formatted(seasonType.wireName(), playerId)));
        return queries.player(playerId, chosen, seasonType, mode)
                .orElseThrow(() -> new NotFoundException("Season not found",
                        "No lines of player %d in the %s %s season".formatted(playerId, chosen, seasonType.wireName())));
    }

    @Operation(summary = "A team's season averages per game and per player line; season defaults to the latest with data")
    @GetMapping("/average/team/{team_id}")
    TeamSeasonAverage team(
            @PathVariable("team_id") @Positive(message = "must be a positive integer") long teamId,
            @ParameterObject @Valid SeasonQuery filter,
            @Parameter(name = "per_mode", schema = @Schema(allowableValues = {"per_game", "totals", "per_36"}))
            @RequestParam(name = "per_mode", defaultValue = "per_game") String perMode) {
        PerMode mode = PerModeParameter.of(perMode);
        // Averages are of one season type: the regular season unless the playoffs are asked for.
        SeasonType seasonType = filter.seasonTypeOr(SeasonType.REGULAR);
        String chosen = filter.season() != null ? filter.season() : queries.latestTeamSeason(teamId, seasonType)
                .orElseThrow(() -> new NotFoundException("Team not found",
                        "No %s-season lines of team %d".formatted(seasonType.wireName(), teamId)));
        return queries.team(teamId, chosen, seasonType, mode)
                .orElseThrow(() -> new NotFoundException("Season not found",
                        "No lines of team %d in the %s %s season".formatted(teamId, chosen, seasonType.wireName())));
    }
}

package courtside.stats.line;

import courtside.support.problem.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.data.domain.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The stored lines and the ids that have them, straight from PostgreSQL. */
@RestController
final class LineQueryController {

    private final StatLineRepository lines;

    LineQueryController(StatLineRepository lines) {
        this.lines = lines;
    }

    @Operation(summary = "A player's lines, newest game first; last=N gives the N most recent")
    @GetMapping("/player/{player_id}/stats")
    LinePage playerLines(
            @PathVariable("player_id") @Positive(message = "must be a positive integer") long playerId,
            @ParameterObject @Valid SeasonQuery filter, @ParameterObject @Valid LinePaging paging) {
        Page<StatLine> found = lines.findPlayerLines(playerId, filter.season(), filter.seasonType(), paging.pageRequest());
        if (found.getTotalElements() == 0) {
            throw new NotFoundException("Player not found", "No lines of player %d%s".formatted(playerId, filter.described()));
        }
        return LinePage.of(playerId, null, filter.season(), filter.seasonType(), found);
    }

    @Operation(summary = "The lines of a team's players, newest game first; last=N gives the N most recent")
    @GetMapping("/team/{team_id}/stats")
    LinePage teamLines(
            @PathVariable("team_id") @Positive(message = "must be a positive integer") long teamId,
            @ParameterObject @Valid SeasonQuery filter, @ParameterObject @Valid LinePaging paging) {
        Page<StatLine> found = lines.findTeamLines(teamId, filter.season(), filter.seasonType(), paging.pageRequest());
        if (found.getTotalElements() == 0) {
            throw new NotFoundException("Team not found", "No lines of team %d%s".formatted(teamId, filter.described()));
        }
        return LinePage.of(null, teamId, filter.season(), filter.seasonType(), found);
    }

    @Operation(summary = "Ids of the players with lines, ascending")
    @GetMapping("/player/ids")
    List<Long> playerIds(@ParameterObject @Valid SeasonQuery filter) {
        return lines.findPlayerIds(filter.season(), filter.seasonType());
    }

    @Operation(summary = "Ids of the teams with lines, ascending")
    @GetMapping("/team/ids")
    List<Long> teamIds(@ParameterObject @Valid SeasonQuery filter) {
        return lines.findTeamIds(filter.season(), filter.seasonType());
    }
}

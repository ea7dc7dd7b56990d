package courtside.stats.line;

import courtside.model.SeasonType;
import courtside.support.problem.NotFoundException;
import courtside.model.SeasonLabel;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The stored lines and the ids that have them, straight from PostgreSQL. */
@RestController
final class LineQueryController {

    /**
     * The last page a client may ask for: page × size must stay within the int offset Hibernate passes to
     * PostgreSQL (2,147,483,647 would overflow it into a negative offset and a 500). A million pages of 500 is
     * 500 M lines, beyond any player's or team's.
     */
    static final int MAX_PAGE = 1_000_000;

    private final StatLineRepository lines;

    LineQueryController(StatLineRepository lines) {
        this.lines = lines;
    }

    @Operation(summary = "A player's lines, newest game first; last=N gives the N most recent")
    @GetMapping("/player/{player_id}/stats")
    LinePage playerLines(
            @PathVariable("player_id") @Positive(message = "must be a positive integer") long playerId,
            @RequestParam(required = false) @SeasonLabel String season,
            @RequestParam(name = "season_type", required = false) SeasonType seasonType,
            @RequestParam(defaultValue = "0") @Min(value = 0, message = "must be between 0 and " + MAX_PAGE) @Max(value = MAX_PAGE, message = "must be between 0 and " + MAX_PAGE) int page,
            @RequestParam(defaultValue = "50") @Min(value = 1, message = "must be between 1 and 500") @Max(value = 500, message = "must be between 1 and 500") int size,
            @RequestParam(required = false) @Min(value = 1, message = "must be between 1 and 500") @Max(value = 500, message = "must be between 1 and 500") Integer last) {
        Page<StatLine> found = lines.findPlayerLines(playerId, season, seasonType, pageOf(page, size, last));
        if (found.getTotalElements() == 0) {
            throw new NotFoundException("Player not found", "No lines of player %d%s".formatted(playerId, filters(season, seasonType)));
        }
        return LinePage.of(playerId, null, season, seasonType, found);
    }

    @Operation(summary = "The lines of a team's players, newest game first; last=N gives the N most recent")
    @GetMapping("/team/{team_id}/stats")
    LinePage teamLines(
            @PathVariable("team_id") @Positive(message = "must be a positive integer") long teamId,
            @RequestParam(required = false) @SeasonLabel String season,
            @RequestParam(name = "season_type", required = false) SeasonType seasonType,
            @RequestParam(defaultValue = "0") @Min(value = 0, message = "must be between 0 and " + MAX_PAGE) @Max(value = MAX_PAGE, message = "must be between 0 and " + MAX_PAGE) int page,
            @RequestParam(defaultValue = "50") @Min(value = 1, message = "must be between 1 and 500") @Max(value = 500, message = "must be between 1 and 500") int size,
            @RequestParam(required = false) @Min(value = 1, message = "must be between 1 and 500") @Max(value = 500, message = "must be between 1 and 500") Integer last) {
        Page<StatLine> found = lines.findTeamLines(teamId, season, seasonType, pageOf(page, size, last));
        if (found.getTotalElements() == 0) {
            throw new NotFoundException("Team not found", "No lines of team %d%s".formatted(teamId, filters(season, seasonType)));
        }
        return LinePage.of(null, teamId, season, seasonType, found);
    }

    @Operation(summary = "Ids of the players with lines, ascending")
    @GetMapping("/player/ids")
    List<Long> playerIds(
            @RequestParam(required = false) @SeasonLabel String season,
            @RequestParam(name = "season_type", required = false) SeasonType seasonType) {
        return lines.findPlayerIds(season, seasonType);
    }

    @Operation(summary = "Ids of the teams with lines, ascending")
    @GetMapping("/team/ids")
    List<Long> teamIds(
            @RequestParam(required = false) @SeasonLabel String season,
            @RequestParam(name = "season_type", required = false) SeasonType seasonType) {
        return lines.findTeamIds(season, seasonType);
    }

    /** {@code last=N} is the first page of N lines; otherwise the page asked for. */
    private static PageRequest pageOf(int page, int size, Integer last) {
        return last != null ? PageRequest.of(0, last) : PageRequest.of(page, size);
    }

    private static String filters(String season, SeasonType seasonType) {
        return (season == null ? "" : " in season " + season) + (seasonType == null ? "" : " (" + seasonType.wireName() + ")");
    }
}

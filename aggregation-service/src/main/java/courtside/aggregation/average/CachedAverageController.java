package courtside.aggregation.average;

import courtside.aggregation.cache.CacheSource;
import courtside.aggregation.ledger.Ledger;
import courtside.model.PerMode;
import courtside.model.SeasonLabel;
import courtside.model.PlayerSeasonAverage;
import courtside.model.SeasonType;
import courtside.model.Split;
import courtside.model.TeamSeasonAverage;
import courtside.support.problem.PerModeParameter;
import courtside.support.problem.SplitParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Positive;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Season averages from the cached sums, in constant time: the same JSON as stats-service's SQL averages, with
 * {@code X-Cache: HIT|MISS|BYPASS} saying where the answer came from.
 *
 * <p>The handlers return the average itself and set the header on the servlet response, rather than return a
 * {@code ResponseEntity}: Spring MVC flushes a {@code ResponseEntity} as soon as it is written, which commits the
 * response with chunked encoding and makes Tomcat write it twice (the body, then the last chunk). A returned body
 * stays in Tomcat's buffer and goes out in one write with a {@code Content-Length}, which took about a tenth off the
 * CPU time of a cached GET. For the same reason the season comes as two plain parameters, not as the
 * {@code SeasonQuery} record the other read models take: binding a record by its constructor redoes reflection on
 * every request, which cost more than the lookup itself (docs/performance/2026-12-07-bench-report.md); {@code per_mode}
 * is a plain parameter too, read by a switch on its wire name, and so are the split parameters ({@code last},
 * {@code from}, {@code to}, {@code vs}): without them the GET takes the constant-time path unchanged; with them the
 * answer is summed from the ledger's line states, O(lines of that player or team) ({@link SeasonLookup#split}).
 */
@RestController
final class CachedAverageController {

    private final SeasonLookup lookup;

    CachedAverageController(SeasonLookup lookup) {
        this.lookup = lookup;
    }

    @Operation(summary = "A player's season averages from the cache; season defaults to the latest with data")
    @GetMapping(path = "/average/player/{player_id}", produces = MediaType.APPLICATION_JSON_VALUE)
    PlayerSeasonAverage player(
            @PathVariable("player_id") @Positive(message = "must be a positive integer") long playerId,
            @RequestParam(required = false) @SeasonLabel String season,
            @RequestParam(name = "season_type", defaultValue = "regular") SeasonType seasonType,
            @Parameter(name = "per_mode", schema = @Schema(allowableValues = {"per_game", "totals", "per_36"}))
            @RequestParam(name = "per_mode", defaultValue = "per_game") String perMode,
            @Parameter(description = "only the latest N games of the season, 1 to 82") @RequestParam(required = false) String last,
            @Parameter(description = "only the games on or after this date, yyyy-mm-dd") @RequestParam(required = false) String from,
            @Parameter(description = "only the games on or before this date, yyyy-mm-dd") @RequestParam(required = false) String to,
            @Parameter(description = "only the games against this team id") @RequestParam(required = false) String vs,
            HttpServletResponse response) {
        PerMode mode = PerModeParameter.of(perMode);
        Split split = SplitParameters.of(last, from, to, vs);
        SeasonLookup.Found found = split == null ? lookup.find(Ledger.player(playerId), season, seasonType)
                : lookup.split(Ledger.player(playerId), season, seasonType, split);
        response.setHeader(CacheSource.HEADER, found.source().name());
        return PlayerSeasonAverage.of(playerId, found.season(), seasonType, mode, found.totals(), split, found.stints());
    }

    @Operation(summary = "A team's season averages per game and per player line, from the cache; season defaults to the latest with data")
    @GetMapping(path = "/average/team/{team_id}", produces = MediaType.APPLICATION_JSON_VALUE)
    TeamSeasonAverage team(
            @PathVariable("team_id") @Positive(message = "must be a positive integer") long teamId,
            @RequestParam(required = false) @SeasonLabel String season,
            @RequestParam(name = "season_type", defaultValue = "regular") SeasonType seasonType,
            @Parameter(name = "per_mode", schema = @Schema(allowableValues = {"per_game", "totals", "per_36"}))
            @RequestParam(name = "per_mode", defaultValue = "per_game") String perMode,
            @Parameter(description = "only the latest N games of the season, 1 to 82") @RequestParam(required = false) String last,
            @Parameter(description = "only the games on or after this date, yyyy-mm-dd") @RequestParam(required = false) String from,
            @Parameter(description = "only the games on or before this date, yyyy-mm-dd") @RequestParam(required = false) String to,
            @Parameter(description = "only the games against this team id") @RequestParam(required = false) String vs,
            HttpServletResponse response) {
        PerMode mode = PerModeParameter.of(perMode);
        Split split = SplitParameters.of(last, from, to, vs);
        SeasonLookup.Found found = split == null ? lookup.find(Ledger.team(teamId), season, seasonType)
                : lookup.split(Ledger.team(teamId), season, seasonType, split);
        response.setHeader(CacheSource.HEADER, found.source().name());
        return TeamSeasonAverage.of(teamId, found.season(), seasonType, mode, found.totals(), split, found.opponents());
    }
}

package courtside.aggregation.average;

import courtside.aggregation.cache.Ledger;
import courtside.model.PlayerSeasonAverage;
import courtside.model.SeasonLabel;
import courtside.model.SeasonType;
import courtside.model.TeamSeasonAverage;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Positive;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Season averages from the cached sums, in constant time: the same JSON as stats-service's SQL averages, with
 * {@code X-Cache: HIT|MISS|BYPASS} saying where the answer came from.
 */
@RestController
final class CachedAverageController {

    private static final String CACHE_HEADER = SeasonNotFoundException.CACHE_HEADER;

    private final SeasonLookup lookup;

    CachedAverageController(SeasonLookup lookup) {
        this.lookup = lookup;
    }

    @Operation(summary = "A player's season averages from the cache; season defaults to the latest with data")
    @GetMapping("/average/player/{player_id}")
    ResponseEntity<PlayerSeasonAverage> player(
            @PathVariable("player_id") @Positive(message = "must be a positive integer") long playerId,
            @RequestParam(required = false) @SeasonLabel String season,
            @RequestParam(name = "season_type", defaultValue = "regular") SeasonType seasonType) {
        SeasonLookup.Found found = lookup.find(Ledger.player(playerId), season, seasonType);
        return ResponseEntity.ok().header(CACHE_HEADER, found.source().name())
                .body(PlayerSeasonAverage.of(playerId, found.season(), seasonType, found.totals()));
    }

    @Operation(summary = "A team's season averages per game and per player line, from the cache; season defaults to the latest with data")
    @GetMapping("/average/team/{team_id}")
    ResponseEntity<TeamSeasonAverage> team(
            @PathVariable("team_id") @Positive(message = "must be a positive integer") long teamId,
            @RequestParam(required = false) @SeasonLabel String season,
            @RequestParam(name = "season_type", defaultValue = "regular") SeasonType seasonType) {
        SeasonLookup.Found found = lookup.find(Ledger.team(teamId), season, seasonType);
        return ResponseEntity.ok().header(CACHE_HEADER, found.source().name())
                .body(TeamSeasonAverage.of(teamId, found.season(), seasonType, found.totals()));
    }
}

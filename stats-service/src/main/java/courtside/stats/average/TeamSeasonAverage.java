package courtside.stats.average;

import com.fasterxml.jackson.annotation.JsonInclude;
import courtside.model.SeasonType;

import java.util.Map;

/**
 * A team's season in both views of DESIGN.md section 3: {@code per_game} averages the team's per-game totals
 * over its games ("team points per game"), {@code per_player_game} averages over all of its player lines.
 * A traded player's line counts for the team on the line.
 */
public record TeamSeasonAverage(
        long teamId, String season, SeasonType seasonType, long gamesPlayed,
        Map<String, Double> perGame, Map<String, Double> perPlayerGame, Map<String, Object> totals,
        long playerLines,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Number> shooting) {
}

package courtside.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * A team's season in both views of docs/design.md section 3: {@code per_game} averages the team's per-game totals
 * over its games ("team points per game"), {@code per_player_game} averages over all of its player lines.
 * A traded player's line counts for the team on the line. Shooting is per team game, over the games in which
 * at least one of the team's lines carries the block.
 */
public record TeamSeasonAverage(
        long teamId, String season, SeasonType seasonType, long gamesPlayed,
        Map<String, Double> perGame, Map<String, Double> perPlayerGame, Map<String, Number> totals,
        long playerLines,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Number> shooting) {

    /** The averages of docs/design.md section 3 from a team's season sums; {@code totals.games()} must be positive. */
    public static TeamSeasonAverage of(long teamId, String season, SeasonType seasonType, SeasonTotals totals) {
        return new TeamSeasonAverage(teamId, season, seasonType, totals.games(),
                SeasonAverages.perGame(totals, totals.games()), SeasonAverages.perGame(totals, totals.lines()),
                SeasonAverages.totals(totals), totals.lines(), SeasonAverages.shooting(totals));
    }
}

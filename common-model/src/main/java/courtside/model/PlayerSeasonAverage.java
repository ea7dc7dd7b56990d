package courtside.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * A player's season as both services answer it: games played (the number of lines), per-game averages and
 * totals of every counting stat, and the shooting block over the lines that carry it (absent when none does).
 */
public record PlayerSeasonAverage(
        long playerId, String season, SeasonType seasonType, long gamesPlayed,
        Map<String, Double> averages, Map<String, Number> totals,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Number> shooting) {

    /**
     * The averages of docs/design.md section 3 from a player's season sums; {@code totals.lines()} must be positive.
     */
    public static PlayerSeasonAverage of(long playerId, String season, SeasonType seasonType, SeasonTotals totals) {
        return new PlayerSeasonAverage(playerId, season, seasonType, totals.lines(),
                SeasonAverages.perGame(totals, totals.lines()), SeasonAverages.totals(totals), SeasonAverages.shooting(totals));
    }
}

package courtside.stats.average;

import com.fasterxml.jackson.annotation.JsonInclude;
import courtside.model.SeasonType;

import java.util.Map;

/**
 * A player's season: games played (the number of lines), per-game averages and totals of every stat, and
 * the shooting block over the lines that carry it (absent when none does).
 */
public record PlayerSeasonAverage(
        long playerId, String season, SeasonType seasonType, long gamesPlayed,
        Map<String, Double> averages, Map<String, Object> totals,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Number> shooting) {
}

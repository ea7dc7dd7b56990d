package courtside.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * A player's season as both services answer it: games played (the number of lines), the counting stats in the
 * asked {@link PerMode} (per game by default) and their totals, assists per turnover, and the shooting block over
 * the lines that carry it (absent when none does).
 *
 * @param perMode the mode of {@code averages} and of the shooting block's stats; left out for {@code per_game}, so
 *                that the default answer is what it was before there were modes
 * @param split   the games the average is over when not the whole season; left out without one
 * @param astTo   assists ÷ turnovers over every line, beside the averages rather than in the shooting block since it
 *                needs no shooting stat; {@code null} without a turnover
 * @param teams   a traded player's season with each of his teams (the team on the line), in the order he played
 *                for them; left out when his lines (of the split) are all for one team
 */
public record PlayerSeasonAverage(
        long playerId, String season, SeasonType seasonType,
        @JsonInclude(JsonInclude.Include.NON_NULL) PerMode perMode,
        @JsonInclude(JsonInclude.Include.NON_NULL) Split split,
        long gamesPlayed, Map<String, Number> averages, Double astTo, Map<String, Number> totals,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Number> shooting,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<PlayerTeamSeason> teams) {

    /**
     * The averages of docs/design.md section 3 from a player's season sums, in a mode; {@code totals.lines()} must be
     * positive.
     */
    public static PlayerSeasonAverage of(long playerId, String season, SeasonType seasonType, PerMode mode,
                                         SeasonTotals totals) {
        return of(playerId, season, seasonType, mode, totals, null, List.of());
    }

    /**
     * The same over the games of a split ({@code null} for the whole season), with the player's sums for each of his
     * teams in the order he played for them (one stint or none: no per-team rows).
     */
    public static PlayerSeasonAverage of(long playerId, String season, SeasonType seasonType, PerMode mode,
                                         SeasonTotals totals, Split split, List<PlayerTeamSeason.Stint> stints) {
        return new PlayerSeasonAverage(playerId, season, seasonType, mode == PerMode.PER_GAME ? null : mode, split,
                totals.lines(), SeasonAverages.counting(totals, mode, totals.lines()),
                SeasonAverages.assistsPerTurnover(totals), SeasonAverages.totals(totals),
                SeasonAverages.shooting(totals, mode),
                stints.size() < 2 ? null : stints.stream().map(stint -> PlayerTeamSeason.of(stint, mode)).toList());
    }
}

package courtside.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * A team's season in both views of docs/design.md section 3: {@code per_game} averages the team's per-game totals
 * over its games ("team points per game"), {@code per_player_game} averages over all of its player lines.
 * A traded player's line counts for the team on the line. Shooting is per team game, over the games in which
 * at least one of the team's lines carries the block. In the {@code totals} and {@code per_36} modes both views
 * hold the same figures: a sum, and a rate per minute, do not depend on the divisor.
 *
 * @param perMode the mode of both views and of the shooting block's stats; left out for {@code per_game}, so that
 *                the default answer is what it was before there were modes
 * @param split   the games the average is over when not the whole season; left out without one
 * @param astTo   assists ÷ turnovers over every line; {@code null} without a turnover
 * @param wins     the games won, by {@link GameResult}: decided games only, a game in progress counts in neither
 * @param opponent what the team's opponents did in its games, in the same mode; left out while no game of the
 *                 team (of the split) has an opponent's line
 */
public record TeamSeasonAverage(
        long teamId, String season, SeasonType seasonType,
        @JsonInclude(JsonInclude.Include.NON_NULL) PerMode perMode,
        @JsonInclude(JsonInclude.Include.NON_NULL) Split split,
        long gamesPlayed, Map<String, Number> perGame, Map<String, Number> perPlayerGame, Double astTo,
        Map<String, Number> totals, long playerLines,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Number> shooting,
        long wins, long losses, @JsonInclude(JsonInclude.Include.NON_NULL) OpponentFigures opponent) {

    /**
     * The averages of docs/design.md section 3 from a team's season sums, in a mode; {@code totals.games()} must be
     * positive.
     */
    public static TeamSeasonAverage of(long teamId, String season, SeasonType seasonType, PerMode mode,
                                       SeasonTotals totals) {
        return of(teamId, season, seasonType, mode, totals, null, new TeamOpponents(null, 0, 0));
    }

    /** The same over the games of a split ({@code null} for the whole season), with the opponents of those games. */
    public static TeamSeasonAverage of(long teamId, String season, SeasonType seasonType, PerMode mode,
                                       SeasonTotals totals, Split split, TeamOpponents opponents) {
        return new TeamSeasonAverage(teamId, season, seasonType, mode == PerMode.PER_GAME ? null : mode, split,
                totals.games(), SeasonAverages.counting(totals, mode, totals.games()),
                SeasonAverages.counting(totals, mode, totals.lines()), SeasonAverages.assistsPerTurnover(totals),
                SeasonAverages.totals(totals), totals.lines(), SeasonAverages.shooting(totals, mode),
                opponents.wins(), opponents.losses(),
                opponents.totals() == null ? null : OpponentFigures.of(opponents.totals(), mode));
    }
}

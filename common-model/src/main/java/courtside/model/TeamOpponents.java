package courtside.model;

import java.util.Collection;

/**
 * What a team's opponents did against it over a season (or a split) and how many of those games it won and lost.
 *
 * @param totals the opponents' sums over the team's games in which the opponent has a counting line ({@code games}:
 *               those games; {@code lines}: the opponents' player lines; {@code shootingGames}: those games in which
 *               one of the opponent's lines carries the shooting block); {@code null} when there is no such game
 */
public record TeamOpponents(SeasonTotals totals, long wins, long losses) {

    /**
     * One game of the team: its own points and minutes there, and the opponent's sums in it ({@code null} while
     * the opponent has no counting line in it).
     *
     * @param minutes the team's minutes in thousandths
     */
    public record Game(long points, long minutes, SeasonTotals opponent) {
    }

    /** Sums the opponents' games and counts the results, by {@link GameResult}. */
    public static TeamOpponents of(Collection<Game> games) {
        SeasonTotals sum = null;
        long wins = 0;
        long losses = 0;
        for (Game game : games) {
            SeasonTotals opponent = game.opponent();
            if (opponent == null || opponent.lines() == 0) {
                continue;
            }
            sum = sum == null ? opponent : sum.plus(opponent);
            switch (GameResult.of(game.points(), game.minutes(), opponent.sums().get(BoxScoreStat.POINTS),
                    opponent.sums().get(BoxScoreStat.MINUTES_PLAYED))) {
                case WIN -> wins++;
                case LOSS -> losses++;
                case UNDECIDED -> { }
            }
        }
        return new TeamOpponents(sum, wins, losses);
    }
}

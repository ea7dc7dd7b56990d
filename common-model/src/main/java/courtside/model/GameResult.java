package courtside.model;

/**
 * A team's result in one game, from both teams' points and minutes as their lines stand. Nothing in a line says
 * that a game is over, so a game counts as decided once both teams' lines are complete: each team's players have
 * played the whole of regulation between them (5 × 48 minutes) and the points differ. A game in progress has fewer
 * minutes, and a tied score at the end of regulation goes to overtime; either counts as neither a win nor a loss.
 * A game in overtime with one team ahead counts at once as the result it would be if it ended there (a known gap:
 * nothing in a line tells the overtime's minutes to come).
 */
public enum GameResult {
    WIN, LOSS, UNDECIDED;

    /**
     * The minutes of a team's complete game in thousandths: 5 players × 48 minutes, less 0.1 because published
     * lines round each player's seconds (a real season's team games add up to 239.997–240.003).
     */
    public static final long FULL_GAME_MINUTES = 239_900;

    /**
     * @param points  the team's points in the game
     * @param minutes the team's players' minutes in the game, in thousandths
     */
    public static GameResult of(long points, long minutes, long opponentPoints, long opponentMinutes) {
        if (minutes < FULL_GAME_MINUTES || opponentMinutes < FULL_GAME_MINUTES || points == opponentPoints) {
            return UNDECIDED;
        }
        return points > opponentPoints ? WIN : LOSS;
    }
}

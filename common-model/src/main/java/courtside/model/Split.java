package courtside.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;

/**
 * The games of a season an average is taken over, when not all of them: echoed in the answer as asked, each part
 * left out when not given. The parts combine: the games between {@code from} and {@code to} (inclusive) against
 * {@code vs}, and of those the last {@code last}, by game date and then game id as the latest game is found
 * everywhere else.
 *
 * @param last the number of latest games, or {@code null} for all
 * @param from the first game date, or {@code null} for the season's first
 * @param to   the last game date, or {@code null} for the season's last
 * @param vs   the opponent's team id (the other team of the game), or {@code null} for every opponent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Split(Integer last, LocalDate from, LocalDate to, Long vs) {

    /** The bound of {@code last}: the games of an NBA regular season. */
    public static final int MOST_GAMES = 82;

    /** Whether a game on this date is inside {@code from}..{@code to}. */
    public boolean covers(LocalDate gameDate) {
        return (from == null || !gameDate.isBefore(from)) && (to == null || !gameDate.isAfter(to));
    }
}

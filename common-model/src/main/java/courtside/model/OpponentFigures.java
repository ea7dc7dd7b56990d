package courtside.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * A team's opponents' figures ("points allowed"), in the mode of the team's answer: per game over the games in which
 * the opponent has a line, the sums, or per 36 of the opponents' minutes; the shooting block as a team's.
 *
 * @param games the team's games in which the opponent has a counting line
 */
public record OpponentFigures(long games, Map<String, Number> perGame, Map<String, Number> totals,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Number> shooting) {

    static OpponentFigures of(SeasonTotals opponents, PerMode mode) {
        return new OpponentFigures(opponents.games(), SeasonAverages.counting(opponents, mode, opponents.games()),
                SeasonAverages.totals(opponents), SeasonAverages.shooting(opponents, mode));
    }
}

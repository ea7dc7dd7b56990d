package courtside.stats;

import courtside.model.BoxScore;
import courtside.model.BoxScoreLine;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real lines of the bundled season, as wire-format maps, for tests that need a handful of lines. They carry
 * their real stats but a test's own game id and a date in 2019-20, a season of their own, so that they never
 * change the replayed 2021-22 averages.
 */
public final class RealLines {

    /** The date every line here is posted under. */
    public static final String TEST_DATE = "2019-10-22";

    private RealLines() {
    }

    /** Joe Harris, BKN vs MIL on 2021-10-19 (game 0022100001). */
    public static Map<String, Object> joeHarris(String gameId) {
        return line(gameId, TEST_DATE, 203925, "Joe Harris", 1610612751L, "BKN",
                "30.767", 9, 2, 2, 0, 0, 1, 2, 3, 9, 3, 5, 0, 0, 0, 2, 0);
    }

    /** Giannis Antetokounmpo, MIL vs BKN on 2021-10-19 (game 0022100001). */
    public static Map<String, Object> giannis(String gameId) {
        return line(gameId, TEST_DATE, 203507, "Giannis Antetokounmpo", 1610612749L, "MIL",
                "30.95", 32, 14, 7, 1, 2, 4, 4, 12, 25, 1, 4, 7, 9, 5, 9, 25);
    }

    /** LeBron James, LAL vs GSW on 2021-10-19 (game 0022100002). */
    public static Map<String, Object> lebron(String gameId) {
        return line(gameId, TEST_DATE, 2544, "LeBron James", 1610612747L, "LAL",
                "36.748", 34, 11, 5, 1, 1, 5, 4, 13, 23, 5, 11, 3, 6, 1, 10, -2);
    }

    /** A copy of {@code line} with some fields replaced (a {@code null} value removes the field). */
    public static Map<String, Object> with(Map<String, Object> line, Object... fieldsAndValues) {
        Map<String, Object> copy = new LinkedHashMap<>(line);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            String field = (String) fieldsAndValues[i];
            Object value = fieldsAndValues[i + 1];
            if (value == null) {
                copy.remove(field);
            } else {
                copy.put(field, value);
            }
        }
        return copy;
    }

    private static Map<String, Object> line(String gameId, String date, long playerId, String name, long teamId,
                                            String team, String minutes, int points, int rebounds, int assists,
                                            int steals, int blocks, int fouls, int turnovers, int fgm, int fga,
                                            int fg3m, int fg3a, int ftm, int fta, int oreb, int dreb, int plusMinus) {
        Map<String, Object> line = new BoxScoreLine(gameId, date, null, playerId, name, teamId, team,
                new BoxScore(points, rebounds, assists, steals, blocks, turnovers, fouls, new BigDecimal(minutes), 0,
                        fgm, fga, fg3m, fg3a, ftm, fta, oreb, dreb, plusMinus)).toWire();
        // Left out, so that every test also shows the defaults: the season from the date, regular, no overtime.
        line.keySet().removeAll(List.of("season", "season_type", "overtime_periods"));
        return line;
    }
}

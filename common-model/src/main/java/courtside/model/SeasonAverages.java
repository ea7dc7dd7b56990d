package courtside.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** The arithmetic both average records share: one place that divides sums, so both services agree to the bit. */
final class SeasonAverages {

    private SeasonAverages() {
    }

    static Map<String, Number> totals(SeasonTotals totals) {
        Map<String, Number> shown = new LinkedHashMap<>();
        BoxScoreStat.counting().forEach(stat -> shown.put(stat.wireName(), totals.total(stat)));
        return shown;
    }

    static Map<String, Double> perGame(SeasonTotals totals, long divisor) {
        Map<String, Double> averages = new LinkedHashMap<>();
        BoxScoreStat.counting().forEach(stat -> averages.put(stat.wireName(), totals.average(stat, divisor)));
        return averages;
    }

    /** Per-game averages of the shooting block and the percentages; {@code null} when no line carries it. */
    static Map<String, Number> shooting(SeasonTotals totals) {
        long games = totals.shootingGames();
        if (games == 0) {
            return null;
        }
        Map<String, Number> shooting = new LinkedHashMap<>();
        shooting.put("games", games);
        BoxScoreStat.shooting().forEach(stat -> shooting.put(stat.wireName(), totals.average(stat, games)));
        shooting.put("fg_pct", percentage(totals, BoxScoreStat.FGM, BoxScoreStat.FGA));
        shooting.put("fg3_pct", percentage(totals, BoxScoreStat.FG3M, BoxScoreStat.FG3A));
        shooting.put("ft_pct", percentage(totals, BoxScoreStat.FTM, BoxScoreStat.FTA));
        return shooting;
    }

    private static Double percentage(SeasonTotals totals, BoxScoreStat made, BoxScoreStat attempted) {
        long tries = totals.sums().get(attempted);
        return tries == 0 ? null : totals.sums().get(made) / (double) tries;
    }
}

package courtside.model;

import java.util.LinkedHashMap;
import java.util.Map;

import static courtside.model.BoxScoreStat.ASSISTS;
import static courtside.model.BoxScoreStat.FG3A;
import static courtside.model.BoxScoreStat.FG3M;
import static courtside.model.BoxScoreStat.FGA;
import static courtside.model.BoxScoreStat.FGM;
import static courtside.model.BoxScoreStat.FTA;
import static courtside.model.BoxScoreStat.FTM;
import static courtside.model.BoxScoreStat.MINUTES_PLAYED;
import static courtside.model.BoxScoreStat.TURNOVERS;

/** The arithmetic both average records share: one place that divides sums, so both services agree to the bit. */
final class SeasonAverages {

    /** Minutes are summed in thousandths; a per-36 rate multiplies the other stats by this to match them. */
    private static final long THOUSANDTHS = 1_000;

    private SeasonAverages() {
    }

    static Map<String, Number> totals(SeasonTotals totals) {
        Map<String, Number> shown = new LinkedHashMap<>();
        BoxScoreStat.counting().forEach(stat -> shown.put(stat.wireName(), totals.total(stat)));
        return shown;
    }

    /**
     * The counting stats in a mode: per game over {@code divisor} (a player's games, a team's games or player
     * lines), the season's sums, or per 36 minutes (which does not depend on the divisor).
     */
    static Map<String, Number> counting(SeasonTotals totals, PerMode mode, long divisor) {
        if (mode == PerMode.TOTALS) {
            return totals(totals);
        }
        Map<String, Number> figures = new LinkedHashMap<>();
        for (BoxScoreStat stat : BoxScoreStat.counting()) {
            // An if, not a conditional expression: with a Double and a double that one unboxes, and a null rate throws.
            if (mode == PerMode.PER_36) {
                figures.put(stat.wireName(), per36(totals, stat));
            } else {
                figures.put(stat.wireName(), totals.average(stat, divisor));
            }
        }
        return figures;
    }

    /**
     * The shooting block in a mode, with the percentages and efficiency figures (the same in every mode);
     * {@code null} when no line carries it.
     */
    static Map<String, Number> shooting(SeasonTotals totals, PerMode mode) {
        long games = totals.shootingGames();
        if (games == 0) {
            return null;
        }
        // The shooting sums cover only the games that carry the block, the minutes every game: per 36 minutes
        // they fit together only when every game carries it (a team's game counts when one of its lines does,
        // as for the per-game shooting averages). Otherwise the rate would be of the wrong minutes: absent.
        boolean minutesMatch = games == totals.games();
        Map<String, Number> shooting = new LinkedHashMap<>();
        shooting.put("games", games);
        for (BoxScoreStat stat : BoxScoreStat.shooting()) {
            shooting.put(stat.wireName(), switch (mode) {
                case PER_GAME -> totals.average(stat, games);
                case TOTALS -> totals.sums().get(stat);
                case PER_36 -> minutesMatch ? per36(totals, stat) : null;
            });
        }
        shooting.put("fg_pct", ratio(sum(totals, FGM), sum(totals, FGA)));
        shooting.put("fg3_pct", ratio(sum(totals, FG3M), sum(totals, FG3A)));
        shooting.put("ft_pct", ratio(sum(totals, FTM), sum(totals, FTA)));
        shooting.put("ts_pct", trueShooting(totals));
        shooting.put("efg_pct", effectiveFieldGoals(totals));
        return shooting;
    }

    /** Assists per turnover over every line of the season; {@code null} without a turnover. */
    static Double assistsPerTurnover(SeasonTotals totals) {
        return ratio(sum(totals, ASSISTS), sum(totals, TURNOVERS));
    }

    /**
     * PTS ÷ (2 × (FGA + 0.44 × FTA)). The points are the shooting block's, 2·FGM + FG3M + FTM, not the season's
     * points: the block's sums cover only the lines that carry it while the season's points cover every line, and
     * on a line that carries it the two are equal (LineRules holds every line to it). So the figure is over the
     * same lines as its attempts, whether or not some lines lack the block. Scaled by 100 (100·PTS ÷ (200·FGA +
     * 88·FTA)), numerator and denominator are exact integers: one correctly rounded division, as for an average.
     */
    private static Double trueShooting(SeasonTotals totals) {
        long points = 2 * sum(totals, FGM) + sum(totals, FG3M) + sum(totals, FTM);
        return ratio(100 * points, 200 * sum(totals, FGA) + 88 * sum(totals, FTA));
    }

    /** (FGM + 0.5 × FG3M) ÷ FGA, as (2·FGM + FG3M) ÷ (2·FGA): exact integers, one division. */
    private static Double effectiveFieldGoals(SeasonTotals totals) {
        return ratio(2 * sum(totals, FGM) + sum(totals, FG3M), 2 * sum(totals, FGA));
    }

    /**
     * A stat's sum ÷ minutes × 36, as one division of exact integers (minutes in thousandths); {@code null} when
     * the minutes are 0.
     */
    private static Double per36(SeasonTotals totals, BoxScoreStat stat) {
        long scale = stat == MINUTES_PLAYED ? 36 : 36 * THOUSANDTHS;
        return ratio(sum(totals, stat) * scale, sum(totals, MINUTES_PLAYED));
    }

    private static long sum(SeasonTotals totals, BoxScoreStat stat) {
        return totals.sums().get(stat);
    }

    private static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : numerator / (double) denominator;
    }
}

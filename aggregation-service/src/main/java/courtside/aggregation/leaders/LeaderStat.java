package courtside.aggregation.leaders;

import courtside.model.BoxScoreStat;
import courtside.model.SeasonTotals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a leader table ranks by: a stat per game (over the games played, or for the shooting block over the
 * games that carry it, as the averages of docs/design.md section 3 divide) or a season total, or a shooting
 * percentage (made ÷ attempted over the season, qualified by a minimum of attempts).
 *
 * @param wireName  the {@code stat} parameter: {@code points}, {@code fg_pct}, ...
 * @param stat      the stat summed (for a percentage: the one made)
 * @param attempted for a percentage, the stat attempted; otherwise {@code null}
 * @param total     whether the table ranks season totals rather than per-game averages
 */
public record LeaderStat(String wireName, BoxScoreStat stat, BoxScoreStat attempted, boolean total) {

    /** The made/attempted pairs of the shooting block, by percentage name. */
    private static final List<LeaderStat> PERCENTAGES = List.of(
            new LeaderStat("fg_pct", BoxScoreStat.FGM, BoxScoreStat.FGA, false),
            new LeaderStat("fg3_pct", BoxScoreStat.FG3M, BoxScoreStat.FG3A, false),
            new LeaderStat("ft_pct", BoxScoreStat.FTM, BoxScoreStat.FTA, false));

    /** The season totals the index ranks: those the live metrics name a top player by. */
    private static final List<BoxScoreStat> RANKED_TOTALS = List.of(BoxScoreStat.POINTS, BoxScoreStat.REBOUNDS, BoxScoreStat.ASSISTS);

    /**
     * Every stat ranked per game, then the three percentages, then the season totals of {@link #RANKED_TOTALS}: the
     * ranks the index keeps. Each rank costs a sorted-set write per changed season, so totals nobody asks for are
     * not kept.
     */
    public static final List<LeaderStat> ALL = all();


    /** The stat named by a request, or empty when there is none by that name. */
    public static Optional<LeaderStat> of(String wireName, boolean total) {
        return ALL.stream().filter(s -> s.wireName.equals(wireName.toLowerCase(Locale.ROOT)) && s.total == total).findFirst();
    }

    /** The names the {@code stat} parameter takes, for error messages and the API docs. */
    public static List<String> names() {
        return ALL.stream().filter(s -> !s.total).map(LeaderStat::wireName).toList();
    }

    public boolean percentage() {
        return attempted != null;
    }

    /** The index's name for this rank: {@code points}, {@code fg_pct}, {@code points:total}. */
    public String rankName() {
        return total ? wireName + ":total" : wireName;
    }

    /** The value ranked, or empty when the season has nothing to divide by (no game with the shooting block). */
    public OptionalDouble value(SeasonTotals totals) {
        if (percentage()) {
            long attempts = totals.sums().get(attempted);
            return attempts == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) totals.sums().get(stat) / attempts);
        }
        if (total) {
            return OptionalDouble.of(totals.average(stat, 1));
        }
        long games = stat.isShooting() ? totals.shootingGames() : totals.games();
        return games == 0 ? OptionalDouble.empty() : OptionalDouble.of(totals.average(stat, games));
    }

    /** Attempts of a percentage's stat in the season, 0 for any other stat. */
    public long attempts(SeasonTotals totals) {
        return percentage() ? totals.sums().get(attempted) : 0;
    }

    private static List<LeaderStat> all() {
        List<LeaderStat> all = new ArrayList<>();
        Arrays.stream(BoxScoreStat.values()).forEach(s -> all.add(new LeaderStat(s.wireName(), s, null, false)));
        all.addAll(PERCENTAGES);
        RANKED_TOTALS.forEach(s -> all.add(new LeaderStat(s.wireName(), s, null, true)));
        return List.copyOf(all);
    }
}

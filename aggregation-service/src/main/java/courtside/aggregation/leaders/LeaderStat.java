package courtside.aggregation.leaders;

import courtside.model.BoxScoreStat;
import courtside.model.SeasonTotals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a leader table ranks by: a stat per game (over the games played, or for the shooting block over the
 * games that carry it, as the averages of docs/design.md section 3 divide) or a season total, or a shooting
 * percentage (made ÷ attempted over the season, or true shooting and effective field-goal percentage, qualified by a
 * minimum of attempts or of makes).
 *
 * @param wireName   the {@code stat} parameter: {@code points}, {@code fg_pct}, ...
 * @param stat       the stat summed (for a percentage: the one made, which the league's minimum counts)
 * @param attempted  for a percentage, the stat attempted; otherwise {@code null}
 * @param total      whether the table ranks season totals rather than per-game averages
 * @param efficiency for {@code ts_pct} and {@code efg_pct}, the formula; otherwise {@code null} (made ÷ attempted)
 */
public record LeaderStat(String wireName, BoxScoreStat stat, BoxScoreStat attempted, boolean total, Efficiency efficiency) {

    /**
     * The shooting efficiency figures of the average answers, computed exactly as SeasonAverages (common-model)
     * computes them, so that a leader's value equals his average answer's to the bit: over the shooting sums only
     * (TS%'s points are the block's own, 2·FGM + FG3M + FTM, since the block's sums cover only the lines carrying
     * it), scaled to exact integers and divided once.
     */
    public enum Efficiency {
        /** PTS ÷ (2 × (FGA + 0.44 × FTA)), as 100·PTS ÷ (200·FGA + 88·FTA). */
        TRUE_SHOOTING,
        /** (FGM + 0.5 × FG3M) ÷ FGA, as (2·FGM + FG3M) ÷ (2·FGA). */
        EFFECTIVE_FIELD_GOALS;

        OptionalDouble value(SeasonTotals totals) {
            Map<BoxScoreStat, Long> sums = totals.sums();
            long fgm = sums.get(BoxScoreStat.FGM);
            long fg3m = sums.get(BoxScoreStat.FG3M);
            long fga = sums.get(BoxScoreStat.FGA);
            long numerator = this == TRUE_SHOOTING ? 100 * (2 * fgm + fg3m + sums.get(BoxScoreStat.FTM)) : 2 * fgm + fg3m;
            long denominator = this == TRUE_SHOOTING ? 200 * fga + 88 * sums.get(BoxScoreStat.FTA) : 2 * fga;
            return denominator == 0 ? OptionalDouble.empty() : OptionalDouble.of(numerator / (double) denominator);
        }
    }

    /**
     * The made/attempted pairs of the shooting block, by percentage name, then the efficiency figures: their
     * attempts are the field-goal attempts (the minimum of attempts qualifies them as it does fg_pct) and their
     * made stat the field goals made (the league's minimum of makes, that of FG%).
     */
    private static final List<LeaderStat> PERCENTAGES = List.of(
            new LeaderStat("fg_pct", BoxScoreStat.FGM, BoxScoreStat.FGA, false, null),
            new LeaderStat("fg3_pct", BoxScoreStat.FG3M, BoxScoreStat.FG3A, false, null),
            new LeaderStat("ft_pct", BoxScoreStat.FTM, BoxScoreStat.FTA, false, null),
            new LeaderStat("ts_pct", BoxScoreStat.FGM, BoxScoreStat.FGA, false, Efficiency.TRUE_SHOOTING),
            new LeaderStat("efg_pct", BoxScoreStat.FGM, BoxScoreStat.FGA, false, Efficiency.EFFECTIVE_FIELD_GOALS));

    /** The season totals the index ranks: those the live metrics name a top player by. */
    private static final List<BoxScoreStat> RANKED_TOTALS = List.of(BoxScoreStat.POINTS, BoxScoreStat.REBOUNDS, BoxScoreStat.ASSISTS);

    /**
     * Every stat ranked per game, then the five percentages, then the season totals of {@link #RANKED_TOTALS}: the
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
        if (efficiency != null) {
            return efficiency.value(totals);
        }
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

    /** Makes of a percentage's made stat in the season (what the league's minimum counts), 0 for any other stat. */
    public long made(SeasonTotals totals) {
        return percentage() ? totals.sums().get(stat) : 0;
    }

    /** Attempts of a percentage's stat in the season, 0 for any other stat. */
    public long attempts(SeasonTotals totals) {
        return percentage() ? totals.sums().get(attempted) : 0;
    }

    private static List<LeaderStat> all() {
        List<LeaderStat> all = new ArrayList<>();
        Arrays.stream(BoxScoreStat.values()).forEach(s -> all.add(new LeaderStat(s.wireName(), s, null, false, null)));
        all.addAll(PERCENTAGES);
        RANKED_TOTALS.forEach(s -> all.add(new LeaderStat(s.wireName(), s, null, true, null)));
        return List.copyOf(all);
    }
}

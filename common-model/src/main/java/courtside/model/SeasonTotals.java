package courtside.model;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The exact sums of one player's or one team's lines in a season, from which every average of docs/design.md
 * section 3 follows. Both services build their answers from this one record: stats-service from SQL sums,
 * aggregation-service from the sums it keeps in Redis (or, when Redis is down, from the same SQL).
 *
 * @param lines         the number of lines: a player's games played, a team's player lines
 * @param games         the number of games: a team's games; for a player, equal to {@code lines}
 * @param shootingGames the divisor of the shooting averages: a player's lines that carry the shooting block,
 *                      or a team's games in which at least one line carries it
 * @param sums          the sum of every {@link BoxScoreStat}; minutes in thousandths of a minute (the stored
 *                      precision), so that every sum is an exact integer
 */
public record SeasonTotals(long lines, long games, long shootingGames, Map<BoxScoreStat, Long> sums) {

    /** Minutes are kept to three decimals; sums count them in thousandths. */
    public static final int MINUTES_SCALE = 3;

    public SeasonTotals {
        Objects.requireNonNull(sums, "sums");
        EnumMap<BoxScoreStat, Long> complete = new EnumMap<>(BoxScoreStat.class);
        for (BoxScoreStat stat : BoxScoreStat.values()) {
            complete.put(stat, sums.getOrDefault(stat, 0L));
        }
        sums = complete;
    }

    /** The sum of a stat as the API shows it: an integer, or exact decimal minutes such as {@code 62.5}. */
    public Number total(BoxScoreStat stat) {
        long sum = sums.get(stat);
        return stat == BoxScoreStat.MINUTES_PLAYED ? BigDecimal.valueOf(sum, MINUTES_SCALE).stripTrailingZeros() : sum;
    }

    /** The sum divided by a count: one correctly rounded division of the exact sum. */
    public double average(BoxScoreStat stat, long divisor) {
        long sum = sums.get(stat);
        double exact = stat == BoxScoreStat.MINUTES_PLAYED ? BigDecimal.valueOf(sum, MINUTES_SCALE).doubleValue() : sum;
        return exact / divisor;
    }

    /** These sums and another's together: two games, two players' lines, two teams' seasons. */
    public SeasonTotals plus(SeasonTotals other) {
        Map<BoxScoreStat, Long> both = new EnumMap<>(BoxScoreStat.class);
        for (BoxScoreStat stat : BoxScoreStat.values()) {
            both.put(stat, sums.get(stat) + other.sums.get(stat));
        }
        return new SeasonTotals(lines + other.lines, games + other.games, shootingGames + other.shootingGames, both);
    }

    /** Stored minutes, such as {@code 33.733}, in thousandths of a minute. */
    public static long minutesInThousandths(BigDecimal minutes) {
        return minutes.movePointRight(MINUTES_SCALE).longValueExact();
    }
}

package courtside.aggregation.ledger;

import courtside.model.BoxScoreStat;
import courtside.model.SeasonTotals;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A team's sums in one game as its ledger keeps them for the team's opponents ({@link Ledger#gameSumsKey()}):
 * {@code lines|lines with the shooting block|stat 1|...|stat n}, the stats in {@link BoxScoreStat} order, shooting
 * stats over the lines that carry the block. The apply script adds and removes lines in the same form.
 */
public final class GameSums {

    private GameSums() {
    }

    /** The sums of a team's counting lines of one game, in the stored form. */
    static String encode(Collection<LineState> lines) {
        long[] sums = new long[BoxScoreStat.values().length];
        long shooting = 0;
        for (LineState line : lines) {
            if (line.shooting()) {
                shooting++;
            }
            for (BoxScoreStat stat : BoxScoreStat.values()) {
                sums[stat.ordinal()] += line.stat(stat);
            }
        }
        StringJoiner joined = new StringJoiner("|").add(Long.toString(lines.size())).add(Long.toString(shooting));
        for (long sum : sums) {
            joined.add(Long.toString(sum));
        }
        return joined.toString();
    }

    /** The stored form read back as one game's totals: {@code games} 1, {@code shootingGames} 1 when a line carries the block. */
    static SeasonTotals decode(String stored) {
        String[] fields = stored.split("\\|");
        Map<BoxScoreStat, Long> sums = new EnumMap<>(BoxScoreStat.class);
        for (BoxScoreStat stat : BoxScoreStat.values()) {
            sums.put(stat, Long.parseLong(fields[2 + stat.ordinal()]));
        }
        return new SeasonTotals(Long.parseLong(fields[0]), 1, Long.parseLong(fields[1]) > 0 ? 1 : 0, sums);
    }
}

package courtside.aggregation.leaders;

import courtside.model.BoxScoreStat;
import courtside.model.SeasonTotals;

import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One player's or team's season as a leader table needs it: the sums, and for a player the team of their latest
 * game. Kept in the leader index as one compact string, {@code lines|games|shooting_games|team|points|...|dreb}
 * (the stats in {@link BoxScoreStat} order), which the index's Lua scripts read by position.
 *
 * @param id     the player's or team's id
 * @param teamId a player's team in their latest game of the season; a team's own id
 */
public record SeasonStanding(long id, SeasonTotals totals, long teamId) {

    /** Position (1-based, as Lua counts) of the first stat in the encoded form. */
    static final int FIRST_STAT = 5;

    String encode() {
        StringJoiner joined = new StringJoiner("|");
        joined.add(Long.toString(totals.lines())).add(Long.toString(totals.games()))
                .add(Long.toString(totals.shootingGames())).add(Long.toString(teamId));
        for (BoxScoreStat stat : BoxScoreStat.values()) {
            joined.add(Long.toString(totals.sums().get(stat)));
        }
        return joined.toString();
    }

    static SeasonStanding decode(long id, String encoded) {
        String[] fields = encoded.split("\\|");
        Map<BoxScoreStat, Long> sums = new EnumMap<>(BoxScoreStat.class);
        for (BoxScoreStat stat : BoxScoreStat.values()) {
            sums.put(stat, Long.parseLong(fields[FIRST_STAT - 1 + stat.ordinal()]));
        }
        return new SeasonStanding(id, new SeasonTotals(Long.parseLong(fields[0]), Long.parseLong(fields[1]),
                Long.parseLong(fields[2]), sums), Long.parseLong(fields[3]));
    }

    /** Position (1-based) in the encoded form of a stat, for the scripts that filter by attempts. */
    static int position(BoxScoreStat stat) {
        return FIRST_STAT + stat.ordinal();
    }
}

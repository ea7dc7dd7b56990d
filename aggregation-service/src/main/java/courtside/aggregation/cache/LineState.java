package courtside.aggregation.cache;

import courtside.model.BoxScoreStat;
import courtside.model.SeasonTotals;
import courtside.model.SeasonType;
import courtside.model.StatLineChanged;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * A line as a ledger remembers it: the version last applied and the values it counts with. Stored as one
 * compact string, {@code version|deleted|season|season_type|game_id|shooting|points|...|dreb}, the stats in
 * {@link BoxScoreStat} order with minutes in thousandths; the Lua scripts read it by position.
 *
 * @param stats every {@link BoxScoreStat} in declaration order; the shooting ones are 0 without the block
 */
public record LineState(long version, boolean deleted, String season, SeasonType seasonType, String gameId,
                        boolean shooting, long[] stats) {

    /** The state an event leaves the line in. */
    public static LineState of(StatLineChanged event) {
        long[] stats = new long[BoxScoreStat.values().length];
        for (BoxScoreStat stat : BoxScoreStat.values()) {
            stats[stat.ordinal()] = switch (stat) {
                case POINTS -> event.points();
                case REBOUNDS -> event.rebounds();
                case ASSISTS -> event.assists();
                case STEALS -> event.steals();
                case BLOCKS -> event.blocks();
                case TURNOVERS -> event.turnovers();
                case FOULS -> event.fouls();
                case MINUTES_PLAYED -> SeasonTotals.minutesInThousandths(event.minutesPlayed());
                case FGM -> orZero(event.fgm());
                case FGA -> orZero(event.fga());
                case FG3M -> orZero(event.fg3m());
                case FG3A -> orZero(event.fg3a());
                case FTM -> orZero(event.ftm());
                case FTA -> orZero(event.fta());
                case OREB -> orZero(event.oreb());
                case DREB -> orZero(event.dreb());
            };
        }
        return new LineState(event.version(), event.deleted(), event.season(), event.seasonType(), event.gameId(),
                event.hasShooting(), stats);
    }

    /** The compact form the Lua scripts read. */
    public String encode() {
        StringJoiner joined = new StringJoiner("|");
        joined.add(Long.toString(version)).add(deleted ? "1" : "0").add(season).add(seasonType.wireName()).add(gameId)
                .add(shooting ? "1" : "0");
        Arrays.stream(stats).forEach(value -> joined.add(Long.toString(value)));
        return joined.toString();
    }

    private static long orZero(Integer value) {
        return value == null ? 0 : value;
    }
}

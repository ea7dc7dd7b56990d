package courtside.aggregation.ledger;

import courtside.model.BoxScoreStat;
import courtside.model.SeasonTotals;
import courtside.model.SeasonType;
import courtside.model.StatLineChanged;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.StringJoiner;

/**
 * A line as a ledger remembers it: the version last applied and the values it counts with. Stored as one
 * compact string, {@code version|deleted|season|season_type|game_id|shooting|points|...|dreb|game_date|team_id},
 * the stats in {@link BoxScoreStat} order with minutes in thousandths and the date as {@code yyyymmdd}; the Lua
 * scripts read it by position. The date and team come last so that the stats keep their positions.
 *
 * @param stats every {@link BoxScoreStat} in declaration order; the shooting ones are 0 without the block
 */
public record LineState(long version, boolean deleted, String season, SeasonType seasonType, String gameId,
                        boolean shooting, long[] stats, LocalDate gameDate, long teamId) {

    private static final int STATS_FROM = 6;

    /** The state an event leaves the line in. */
    public static LineState of(StatLineChanged event) {
        long[] stats = new long[BoxScoreStat.values().length];
        for (BoxScoreStat stat : BoxScoreStat.values()) {
            Number value = event.stats().value(stat);
            stats[stat.ordinal()] = stat == BoxScoreStat.MINUTES_PLAYED
                    ? SeasonTotals.minutesInThousandths((BigDecimal) value) : orZero((Integer) value);
        }
        return new LineState(event.version(), event.deleted(), event.season(), event.seasonType(), event.gameId(),
                event.stats().hasShooting(), stats, event.gameDate(), event.teamId());
    }

    /** The state back from its {@link #encode() compact form}. */
    public static LineState decode(String encoded) {
        String[] fields = encoded.split("\\|");
        int count = BoxScoreStat.values().length;
        long[] stats = new long[count];
        for (int i = 0; i < count; i++) {
            stats[i] = Long.parseLong(fields[STATS_FROM + i]);
        }
        return new LineState(Long.parseLong(fields[0]), fields[1].equals("1"), fields[2], SeasonType.fromWireName(fields[3]),
                fields[4], fields[5].equals("1"), stats, LocalDate.parse(fields[STATS_FROM + count], DateTimeFormatter.BASIC_ISO_DATE),
                Long.parseLong(fields[STATS_FROM + count + 1]));
    }

    /** One stat's value on this line. */
    public long stat(BoxScoreStat stat) {
        return stats[stat.ordinal()];
    }

    /** The compact form the Lua scripts read. */
    public String encode() {
        StringJoiner joined = new StringJoiner("|");
        joined.add(Long.toString(version)).add(deleted ? "1" : "0").add(season).add(seasonType.wireName()).add(gameId)
                .add(shooting ? "1" : "0");
        Arrays.stream(stats).forEach(value -> joined.add(Long.toString(value)));
        joined.add(gameDate.format(DateTimeFormatter.BASIC_ISO_DATE)).add(Long.toString(teamId));
        return joined.toString();
    }

    private static long orZero(Integer value) {
        return value == null ? 0 : value;
    }
}

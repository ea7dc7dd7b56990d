package courtside.model;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a box-score file such as the bundled 2021-22 season: one player's line in one game, with every
 * stat of the wire format. {@link #toWire()} gives it as a scorekeeping client posts it to {@code POST /log}.
 */
public record BoxScoreLine(String gameId, String gameDate, String season, long playerId, String playerName,
                           long teamId, String teamAbbreviation, BoxScore stats) {

    /** The line as {@code POST /log} takes it, in the wire format's field order. */
    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("game_id", gameId);
        wire.put("game_date", gameDate);
        wire.put("season", season);
        wire.put("season_type", SeasonType.REGULAR.wireName());
        wire.put("player_id", playerId);
        wire.put("player_name", playerName);
        wire.put("team_id", teamId);
        wire.put("team_abbreviation", teamAbbreviation);
        wire.putAll(stats.fields());
        return wire;
    }

    /**
     * The same line moved into the season starting in {@code startYear}: dates shifted by whole years and a game
     * id of that season's own ({@code S2005-0022100001}), so that synthetic seasons made from a real one never
     * touch its games.
     */
    public BoxScoreLine inSeasonStartingIn(int startYear) {
        int years = startYear - Season.startYear(season);
        return new BoxScoreLine("S" + startYear + "-" + gameId, LocalDate.parse(gameDate).plusYears(years).toString(),
                Season.startingIn(startYear), playerId, playerName, teamId, teamAbbreviation, stats);
    }
}

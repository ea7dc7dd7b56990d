package courtside.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a box-score file such as the bundled 2021-22 season: one player's line in one game, with every
 * stat of the wire format. {@link #toWire()} gives it as a scorekeeping client posts it to {@code POST /log}.
 */
public record BoxScoreLine(String gameId, String gameDate, String season, long playerId, String playerName,
                           long teamId, String teamAbbreviation, BigDecimal minutes, int points, int rebounds,
                           int assists, int steals, int blocks, int fouls, int turnovers, int fgm, int fga, int fg3m,
                           int fg3a, int ftm, int fta, int oreb, int dreb, int plusMinus, int overtimePeriods) {

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
        wire.put("points", points);
        wire.put("rebounds", rebounds);
        wire.put("assists", assists);
        wire.put("steals", steals);
        wire.put("blocks", blocks);
        wire.put("turnovers", turnovers);
        wire.put("fouls", fouls);
        wire.put("minutes_played", minutes);
        wire.put("overtime_periods", overtimePeriods);
        wire.put("fgm", fgm);
        wire.put("fga", fga);
        wire.put("fg3m", fg3m);
        wire.put("fg3a", fg3a);
        wire.put("ftm", ftm);
        wire.put("fta", fta);
        wire.put("oreb", oreb);
        wire.put("dreb", dreb);
        wire.put("plus_minus", plusMinus);
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
                Season.startingIn(startYear), playerId, playerName, teamId, teamAbbreviation, minutes, points,
                rebounds, assists, steals, blocks, fouls, turnovers, fgm, fga, fg3m, fg3a, ftm, fta, oreb, dreb,
                plusMinus, overtimePeriods);
    }
}

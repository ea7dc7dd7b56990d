package courtside.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * A traded player's season with one of his teams, as published tables show it beside the season total: his lines
 * for that team (the team on the line, never his current one), in the mode of the answer.
 */
public record PlayerTeamSeason(long teamId, long gamesPlayed, Map<String, Number> averages, Double astTo,
                               Map<String, Number> totals,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Number> shooting) {

    /** The sums of a player's lines for one team. */
    public record Stint(long teamId, SeasonTotals totals) {
    }

    static PlayerTeamSeason of(Stint stint, PerMode mode) {
        SeasonTotals totals = stint.totals();
        return new PlayerTeamSeason(stint.teamId(), totals.lines(), SeasonAverages.counting(totals, mode, totals.lines()),
                SeasonAverages.assistsPerTurnover(totals), SeasonAverages.totals(totals), SeasonAverages.shooting(totals, mode));
    }
}

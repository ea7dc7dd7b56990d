package courtside.aggregation.leaders;

import courtside.model.SeasonLabel;
import courtside.model.SeasonType;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.BindParam;

/**
 * What a leader table is asked for, {@code ?season=2021-22&season_type=regular&stat=points&limit=10&min_games=0}.
 * One record with the season rather than a season record beside it: Spring validates a lone query record as soon as
 * it is bound, so the broken constraints of a second one would go unreported.
 *
 * @param season      a season label, or {@code null} for the latest with lines
 * @param seasonType  regular (when not given) or playoffs
 * @param stat        the stat to rank by, points when not given
 * @param limit       leaders to list, 10 when not given
 * @param minGames    the least games that qualify; with neither minimum given, the league's qualification applies
 *                    (LeaderBoard), with only min_attempts given, 0
 * @param minAttempts for a percentage, the least attempts that qualify, or {@code null}: the stat's configured
 *                    attempts when min_games is given, the league's qualification when neither is
 */
record LeaderQuery(
        @SeasonLabel String season,
        @BindParam("season_type") @Parameter(name = "season_type", description = "regular (the default) or playoffs")
        SeasonType seasonType,
        @Parameter(description = STAT_DOC) String stat,
        @Min(value = 1, message = LIMIT_RANGE) @Max(value = 1000, message = LIMIT_RANGE) Integer limit,
        @BindParam("min_games")
        @Parameter(name = "min_games", description = "the least games that qualify; without min_games and min_attempts, the league's rule: 70% of the season's games so far")
        @Min(value = 0, message = NOT_NEGATIVE) Long minGames,
        @BindParam("min_attempts")
        @Parameter(name = "min_attempts", description = "for a percentage: the least attempts that qualify; with min_games only, defaults per stat in courtside.leaders")
        @Min(value = 0, message = NOT_NEGATIVE) Long minAttempts) {

    static final String STAT_DOC = "points, rebounds, assists, steals, blocks, turnovers, fouls, minutes_played, "
            + "fgm, fga, fg3m, fg3a, ftm, fta, oreb, dreb (per game) or fg_pct, fg3_pct, ft_pct (made ÷ attempted), "
            + "ts_pct (PTS ÷ (2 × (FGA + 0.44 × FTA))), efg_pct ((FGM + 0.5 × FG3M) ÷ FGA)";
    private static final String LIMIT_RANGE = "must be between 1 and 1000";
    private static final String NOT_NEGATIVE = "must not be negative";

    /** What is not given (or given empty) is the default, as a plain request parameter's default value was. */
    LeaderQuery {
        seasonType = seasonType == null ? SeasonType.REGULAR : seasonType;
        stat = stat == null || stat.isEmpty() ? "points" : stat;
        limit = limit == null ? 10 : limit;
    }
}

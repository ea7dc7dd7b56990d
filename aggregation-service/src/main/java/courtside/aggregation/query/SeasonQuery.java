package courtside.aggregation.query;

import courtside.model.SeasonLabel;
import courtside.model.SeasonType;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.web.bind.annotation.BindParam;

/**
 * The season a read model answers for, {@code ?season=2021-22&season_type=playoffs}: validated where it is bound, so
 * that every read names and checks it the same way.
 *
 * @param season     a season label, or {@code null} for the latest with lines
 * @param seasonType regular or playoffs; the regular season when not given (or given empty)
 */
public record SeasonQuery(
        @SeasonLabel String season,
        @BindParam("season_type") @Parameter(name = "season_type", description = "regular (the default) or playoffs")
        SeasonType seasonType) {

    public SeasonQuery {
        seasonType = seasonType == null ? SeasonType.REGULAR : seasonType;
    }
}

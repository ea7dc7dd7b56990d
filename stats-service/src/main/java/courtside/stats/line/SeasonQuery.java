package courtside.stats.line;

import courtside.model.SeasonLabel;
import courtside.model.SeasonType;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.web.bind.annotation.BindParam;

/**
 * The season filter of a query, {@code ?season=2021-22&season_type=playoffs}: both optional, validated where they are
 * bound, so that every read names and checks them the same way.
 *
 * @param season     a season label, or {@code null} for every season
 * @param seasonType regular or playoffs, or {@code null} for both (or the endpoint's own default)
 */
public record SeasonQuery(
        @SeasonLabel String season,
        @BindParam("season_type") @Parameter(name = "season_type") SeasonType seasonType) {

    /** The season type asked for, else {@code otherwise}. */
    public SeasonType seasonTypeOr(SeasonType otherwise) {
        return seasonType != null ? seasonType : otherwise;
    }

    /** How the filter reads in a "not found" detail: " in season 2021-22 (playoffs)", or nothing. */
    String described() {
        return (season == null ? "" : " in season " + season) + (seasonType == null ? "" : " (" + seasonType.wireName() + ")");
    }
}

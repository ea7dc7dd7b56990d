package courtside.support.problem;

import courtside.model.SeasonType;

/**
 * A season that has lines, none of them in the split asked for (404): the same title and detail in both services.
 */
public final class SplitNotFound {

    /** The problem's title. */
    public static final String TITLE = "No games in split";

    private SplitNotFound() {
    }

    /** The problem's detail, {@code side} being "player" or "team". */
    public static String detail(String side, long id, String season, SeasonType seasonType) {
        return "No lines of %s %d in the %s %s season are in the split".formatted(side, id, season, seasonType.wireName());
    }

    /** The 404 as stats-service answers it (aggregation-service adds its X-Cache header to the same problem). */
    public static NotFoundException of(String side, long id, String season, SeasonType seasonType) {
        return new NotFoundException(TITLE, detail(side, id, season, seasonType));
    }
}

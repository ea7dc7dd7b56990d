package courtside.aggregation.ledger;

import courtside.model.SeasonTotals;

/**
 * What a ledger holds for one season.
 *
 * @param revision the ledger's revision the sums were read at (0 when unloaded; {@link Ledgers#read} may leave it 0:
 *                 the averages do not need it)
 * @param teamId   a player's team in their latest game of the season (0 for a team, or when not found)
 * @param teams    the number of teams a player has lines for in the season (0 for a team, or when not found)
 */
public record CachedSeason(Status status, String season, SeasonTotals totals, long revision, long teamId, int teams) {

    public enum Status {
        /** The ledger is not loaded: a miss. */
        UNLOADED,
        /** Loaded, with no line in that season (or no season of that type at all). */
        NONE,
        FOUND
    }
}

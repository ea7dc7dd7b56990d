package courtside.aggregation.cache;

import courtside.model.SeasonTotals;
import courtside.model.SeasonType;

import java.util.Map;

/**
 * A ledger as PostgreSQL holds it at one instant: every line's state (removed lines included, so that their
 * versions keep stale events out), the season sums computed by SQL and, for a team, its lines per game.
 *
 * @param lines      line field to state
 * @param seasons    the sums of each season with at least one counting line
 * @param gameLines  team ledgers: {@code season|season_type|game_id} (and {@code ...|shooting}) to a count
 */
public record LedgerSnapshot(Ledger ledger, Map<String, LineState> lines, Map<SeasonOf, SeasonTotals> seasons,
                             Map<String, Long> gameLines) {

    /** A ledger PostgreSQL has no line for. */
    public static LedgerSnapshot empty(Ledger ledger) {
        return new LedgerSnapshot(ledger, Map.of(), Map.of(), Map.of());
    }

    /** A season of one type: the unit a ledger keeps sums for. */
    public record SeasonOf(String season, SeasonType seasonType) {
    }

    /** The per-game count field of a team's game, as the apply script keeps it. */
    public static String gameField(String season, SeasonType seasonType, String gameId, boolean shooting) {
        String field = Ledger.gameField(season, seasonType, gameId);
        return shooting ? field + "|shooting" : field;
    }
}

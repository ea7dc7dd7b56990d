package courtside.aggregation.ledger;

import courtside.model.SeasonTotals;
import courtside.model.SeasonType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A ledger as PostgreSQL holds it at one instant: every line's state (removed lines included, so that their
 * versions keep stale events out), the season sums computed by SQL and, for a team, its lines per game.
 *
 * @param lines         line field to state
 * @param seasons       the sums of each season with at least one counting line
 * @param gameLines     team ledgers: {@code season|season_type|game_id} (and {@code ...|shooting}) to a count
 * @param retiredBefore the first season the ledger takes events of ({@link Ledger#retiredKey()}), {@code null}
 *                      for every season
 */
public record LedgerSnapshot(Ledger ledger, Map<String, LineState> lines, Map<SeasonOf, SeasonTotals> seasons,
                             Map<String, Long> gameLines, String retiredBefore) {

    public LedgerSnapshot(Ledger ledger, Map<String, LineState> lines, Map<SeasonOf, SeasonTotals> seasons,
                          Map<String, Long> gameLines) {
        this(ledger, lines, seasons, gameLines, null);
    }

    /** A ledger PostgreSQL has no line for. */
    public static LedgerSnapshot empty(Ledger ledger) {
        return new LedgerSnapshot(ledger, Map.of(), Map.of(), Map.of());
    }

    /**
     * The ledger as it is loaded while stats-service's retention has retired the seasons before {@code firstKept}:
     * when it holds no counting line of those seasons (their removals are all in PostgreSQL), without their
     * tombstones and refusing their events from now on; otherwise as it is, removals still to come, and the purge
     * of retired seasons finishes it once they have arrived.
     *
     * <p>Why refusing is safe: PostgreSQL takes no line of a retired season any more, so every event of one the
     * ledger can still receive is a removal of a line it holds removed, or a version older than that removal.
     *
     * @param firstKept the oldest season retention keeps, read in the same snapshot; empty while it dropped none
     */
    public LedgerSnapshot retiring(Optional<String> firstKept) {
        if (firstKept.isEmpty()) {
            return this;
        }
        String kept = firstKept.get();
        boolean tombstones = false;
        for (LineState line : lines.values()) {
            if (line.season().compareTo(kept) < 0) {
                if (!line.deleted()) {
                    return this;
                }
                tombstones = true;
            }
        }
        Map<String, LineState> keptLines = lines;
        if (tombstones) {
            keptLines = new LinkedHashMap<>(lines);
            keptLines.values().removeIf(line -> line.season().compareTo(kept) < 0);
        }
        return new LedgerSnapshot(ledger, keptLines, seasons, gameLines, kept);
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

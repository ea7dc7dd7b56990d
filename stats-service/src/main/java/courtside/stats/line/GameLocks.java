package courtside.stats.line;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.TreeSet;

/**
 * Serializes the writes to one game. A game's rules (two teams, one date, one season) span several lines, so
 * two concurrent posts could each pass the check and together break it; holding the game's row lock until
 * commit makes the check and the write one step. Games are locked in id order, so two batches that share
 * games cannot deadlock.
 */
@Component
final class GameLocks {

    private static final String CREATE_MISSING = """
            INSERT INTO game (game_id) SELECT unnest(?::varchar[]) ORDER BY 1 ON CONFLICT (game_id) DO NOTHING""";
    private static final String LOCK = """
            SELECT game_id FROM game WHERE game_id = ANY(?::varchar[]) ORDER BY game_id FOR UPDATE""";

    private final JdbcTemplate jdbc;

    GameLocks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the games until the surrounding transaction ends, creating the rows of new games. */
    void lock(Collection<String> gameIds) {
        String[] sorted = new TreeSet<>(gameIds).toArray(String[]::new);
        jdbc.update(CREATE_MISSING, ps -> ps.setArray(1, ps.getConnection().createArrayOf("varchar", sorted)));
        lockRows(sorted);
    }

    /**
     * Locks a game only if it exists: a removal creates nothing, so a DELETE of an unknown line leaves no
     * trace. A game that does not exist has no line to remove.
     */
    void lockExisting(String gameId) {
        lockRows(new String[] {gameId});
    }

    /** Locks those of the games that exist, in id order, creating none. */
    void lockExisting(Collection<String> gameIds) {
        lockRows(new TreeSet<>(gameIds).toArray(String[]::new));
    }

    private void lockRows(String[] sortedGameIds) {
        jdbc.query(LOCK, ps -> ps.setArray(1, ps.getConnection().createArrayOf("varchar", sortedGameIds)), rs -> { });
    }
}

package courtside.stats.line;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;

/**
 * The seasons retention has dropped: every season before {@code first_kept}. Their lines go out in two steps,
 * removal through {@link LineRecorder#removeSeason} (events that take them out of every read model) and then
 * {@link #purge} of the tombstones, and from the moment a season is retired no line for it is accepted again.
 *
 * <p>Why retiring comes first and is checked after the game locks: a write reads {@link #firstKept()} only
 * once it holds its games' locks, and retention commits a new {@code first_kept} before it locks any game. So
 * a write that still saw the old value holds its games from before that commit, and retention's removal of
 * those games waits for it and then removes what it stored. Only a write into a game retention has not listed
 * yet can slip past a run; its lines are live, so the next run removes and purges them like any other.
 */
@Component
public class RetiredSeasons {

    private static final String FIRST_KEPT = "SELECT first_kept FROM retired_season";
    // Lexical order of YYYY-YY labels is season order, so "season < ?" reads as "an older season than".
    private static final String RETIRE_BEFORE = """
            INSERT INTO retired_season (first_kept) VALUES (?)
            ON CONFLICT (only_row) DO UPDATE SET first_kept = excluded.first_kept, updated_at = now()
            WHERE retired_season.first_kept < excluded.first_kept""";
    private static final String SEASONS_WITH_LINES = """
            SELECT DISTINCT season FROM stat_line WHERE NOT deleted ORDER BY season DESC""";
    private static final String SEASONS_WITH_TOMBSTONES_BEFORE = """
            SELECT DISTINCT season FROM stat_line WHERE deleted AND season < ? ORDER BY season""";
    private static final String GAMES_WITH_LINES = """
            SELECT DISTINCT game_id FROM stat_line WHERE NOT deleted AND season = ? ORDER BY game_id LIMIT ?""";
    private static final String GAMES_WITH_TOMBSTONES = """
            SELECT DISTINCT game_id FROM stat_line WHERE deleted AND season = ? ORDER BY game_id LIMIT ?""";
    private static final String PURGE_TOMBSTONES = """
            DELETE FROM stat_line WHERE game_id = ANY(?::varchar[]) AND deleted AND season = ?""";
    private static final String PURGE_EMPTY_GAMES = """
            DELETE FROM game g WHERE g.game_id = ANY(?::varchar[])
              AND NOT EXISTS (SELECT 1 FROM stat_line l WHERE l.game_id = g.game_id)""";

    private final JdbcTemplate jdbc;
    private final GameLocks games;

    RetiredSeasons(JdbcTemplate jdbc, GameLocks games) {
        this.jdbc = jdbc;
        this.games = games;
    }

    /** The oldest season that still takes lines; empty while retention has never dropped a season. */
    public Optional<String> firstKept() {
        return jdbc.queryForList(FIRST_KEPT, String.class).stream().findFirst();
    }

    /** Retires every season before {@code firstKept}; never moves back to an earlier season. */
    public void retireBefore(String firstKept) {
        jdbc.update(RETIRE_BEFORE, firstKept);
    }

    /** The seasons that have lines (removed ones do not count), newest first. */
    public List<String> seasonsWithLines() {
        return jdbc.queryForList(SEASONS_WITH_LINES, String.class);
    }

    /** The seasons before {@code firstKept} that hold tombstones, oldest first. */
    public List<String> seasonsWithTombstonesBefore(String firstKept) {
        return jdbc.queryForList(SEASONS_WITH_TOMBSTONES_BEFORE, String.class, firstKept);
    }

    /** Up to {@code limit} games of the season, in id order, that still have lines. */
    public List<String> gamesWithLines(String season, int limit) {
        return jdbc.queryForList(GAMES_WITH_LINES, String.class, season, limit);
    }

    /** Up to {@code limit} games, in id order, that hold tombstones of the season. */
    public List<String> gamesWithTombstones(String season, int limit) {
        return jdbc.queryForList(GAMES_WITH_TOMBSTONES, String.class, season, limit);
    }

    /**
     * Deletes the season's tombstones in these games for good, and the games left without any line. Call it
     * only for a retired season and once the removal events are published: a tombstone is the line's last
     * version in PostgreSQL, and once it is gone the topic must already carry the removal after every earlier
     * version, so that any consumer, replaying or rebuilding, ends with the line removed. Under the game
     * locks, so that a write that read a tombstone never finds it gone when it updates it.
     *
     * @return the lines deleted
     */
    @Transactional
    public int purge(String season, List<String> gameIds) {
        games.lockExisting(gameIds);
        String[] ids = gameIds.toArray(String[]::new);
        int purged = jdbc.update(PURGE_TOMBSTONES, ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("varchar", ids));
            ps.setString(2, season);
        });
        jdbc.update(PURGE_EMPTY_GAMES, ps -> ps.setArray(1, ps.getConnection().createArrayOf("varchar", ids)));
        return purged;
    }
}

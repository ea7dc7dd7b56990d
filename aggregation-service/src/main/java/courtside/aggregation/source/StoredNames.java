package courtside.aggregation.source;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Who is who as PostgreSQL's lines say it, for the directory: the latest name of each player and team, the team of
 * each player's latest line, the teams of each game, and a plain search for while Redis is down.
 */
@Component
public final class StoredNames {

    private final JdbcTemplate jdbc;

    public StoredNames(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A player as the search without Redis finds them, with the team of their latest line. */
    public record StoredPlayer(long playerId, String playerName, String teamAbbreviation) {
    }

    /** A team as the search without Redis finds it. */
    public record StoredTeam(long teamId, String teamAbbreviation) {
    }

    /** The latest name stored of each of these players. */
    public Map<Long, String> playerNames(List<Long> ids) {
        Map<Long, String> names = new HashMap<>();
        latestNames("player_id", "player_name", "player_id = ANY(?)", bigints(ids), names::put);
        return names;
    }

    /** The latest abbreviation stored of each of these teams. */
    public Map<Long, String> teamAbbreviations(List<Long> ids) {
        Map<Long, String> names = new HashMap<>();
        latestNames("team_id", "team_abbreviation", "team_id = ANY(?)", bigints(ids), names::put);
        return names;
    }

    /** Every player's latest name. */
    public void everyPlayerName(BiConsumer<Long, String> named) {
        latestNames("player_id", "player_name", "true", ps -> { }, named);
    }

    /** Every team's latest abbreviation. */
    public void everyTeamAbbreviation(BiConsumer<Long, String> named) {
        latestNames("team_id", "team_abbreviation", "true", ps -> { }, named);
    }

    /** The team abbreviation on each player's latest counting line. */
    public void everyPlayerTeam(BiConsumer<Long, String> found) {
        jdbc.query("""
                SELECT DISTINCT ON (player_id) player_id, team_abbreviation FROM stat_line
                WHERE NOT deleted AND team_abbreviation IS NOT NULL ORDER BY player_id, game_date DESC""",
                (RowCallbackHandler) rs -> found.accept(rs.getLong(1), rs.getString(2)));
    }

    /** A team of a game, with its abbreviation ('' when none was given). */
    @FunctionalInterface
    public interface GameTeam {
        void accept(String gameId, long teamId, String abbreviation);
    }

    /** The teams of these games, from the lines that count. */
    public void teamsOf(List<String> gameIds, GameTeam found) {
        gameTeams("game_id = ANY(?)", ps -> ps.setArray(1, ps.getConnection().createArrayOf("varchar", gameIds.toArray())), found);
    }

    /** The teams of every game, from the lines that count. */
    public void everyGameTeam(GameTeam found) {
        gameTeams("true", ps -> { }, found);
    }

    /** The players with a line that counts. */
    public Set<Long> playersWithLines() {
        return new HashSet<>(jdbc.queryForList("SELECT DISTINCT player_id FROM stat_line WHERE NOT deleted", Long.class));
    }

    /** The teams with a line that counts. */
    public Set<Long> teamsWithLines() {
        return new HashSet<>(jdbc.queryForList("SELECT DISTINCT team_id FROM stat_line WHERE NOT deleted", Long.class));
    }

    /** Players whose name holds the text (lower case), ignoring case, by name. */
    public List<StoredPlayer> searchPlayers(String wanted, int limit) {
        return jdbc.query("""
                SELECT * FROM (SELECT DISTINCT ON (player_id) player_id, player_name, team_abbreviation FROM stat_line
                               WHERE player_name ILIKE ? ORDER BY player_id, game_date DESC) found
                ORDER BY player_name LIMIT ?""",
                (rs, row) -> new StoredPlayer(rs.getLong(1), rs.getString(2), rs.getString(3)), pattern(wanted), limit);
    }

    /** Teams whose abbreviation holds the text, ignoring case, by abbreviation. */
    public List<StoredTeam> searchTeams(String wanted, int limit) {
        return jdbc.query("""
                SELECT DISTINCT team_id, team_abbreviation FROM stat_line WHERE team_abbreviation ILIKE ?
                ORDER BY team_abbreviation LIMIT ?""", (rs, row) -> new StoredTeam(rs.getLong(1), rs.getString(2)),
                pattern(wanted), limit);
    }

    private static String pattern(String wanted) {
        return "%" + wanted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static PreparedStatementSetter bigints(List<Long> ids) {
        return ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids.toArray()));
    }

    /** The latest name stored for each id that matches {@code filter}: what the directory holds, from PostgreSQL. */
    private void latestNames(String idColumn, String nameColumn, String filter, PreparedStatementSetter args,
                             BiConsumer<Long, String> named) {
        jdbc.query(("SELECT DISTINCT ON (%1$s) %1$s, %2$s FROM stat_line WHERE %3$s AND %2$s IS NOT NULL "
                        + "ORDER BY %1$s, updated_at DESC").formatted(idColumn, nameColumn, filter), args,
                (RowCallbackHandler) rs -> named.accept(rs.getLong(1), rs.getString(2)));
    }

    /** The teams of the games that match {@code filter}, from the lines that count. */
    private void gameTeams(String filter, PreparedStatementSetter args, GameTeam found) {
        jdbc.query("SELECT DISTINCT game_id, team_id, coalesce(team_abbreviation, '') FROM stat_line WHERE NOT deleted AND "
                + filter, args, (RowCallbackHandler) rs -> found.accept(rs.getString(1), rs.getLong(2), rs.getString(3)));
    }
}

package courtside.stats.average;

import courtside.model.BoxScoreStat;
import courtside.model.PerMode;
import courtside.model.PlayerSeasonAverage;
import courtside.model.SeasonTotals;
import courtside.model.SeasonType;
import courtside.model.Split;
import courtside.model.TeamOpponents;
import courtside.model.TeamSeasonAverage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Season averages from the stored lines, as docs/design.md section 3 defines them. PostgreSQL counts and sums
 * (exact integers, exact decimal minutes) into {@link SeasonTotals}; common-model divides them, the same way
 * aggregation-service does from its cached sums. The queries are built
 * once from the list of stats in common-model; the constants below are the SQL to EXPLAIN.
 * Not final: {@code @Repository} beans get an exception-translation proxy.
 */
@Repository
class SeasonAverageQueries {

    private static final String COUNTING_SUMS = BoxScoreStat.counting().stream()
            .map(s -> "sum(%1$s) AS %1$s".formatted(s.wireName())).collect(Collectors.joining(",\n       "));
    private static final String SHOOTING_SUMS = BoxScoreStat.shooting().stream()
            .map(s -> "sum(%1$s) AS %1$s".formatted(s.wireName())).collect(Collectors.joining(",\n       "));

    /** A player's lines of one season: GP is the number of lines; shooting over the lines that carry it. */
    static final String PLAYER_SEASON = """
            SELECT count(*) AS games_played,
                   %s,
                   count(fgm) AS shooting_games,
                   %s
            FROM stat_line
            WHERE player_id = ? AND season = ? AND season_type = ? AND NOT deleted""".formatted(COUNTING_SUMS, SHOOTING_SUMS);

    /**
     * A team's season: first its per-game totals (the sum of its players' lines in each game), then their
     * average over the team's games ({@code per_game}) and over all player lines ({@code per_player_game}).
     */
    static final String TEAM_SEASON = """
            WITH team_game AS (
                SELECT game_id,
                       count(*) AS player_lines,
                       %s,
                       count(fgm) AS shooting_lines,
                       %s
                FROM stat_line
                WHERE team_id = ? AND season = ? AND season_type = ? AND NOT deleted
                GROUP BY game_id)
            SELECT count(*) AS games_played,
                   sum(player_lines) AS player_lines,
                   %s,
                   count(*) FILTER (WHERE shooting_lines > 0) AS shooting_games,
                   %s
            FROM team_game""".formatted(COUNTING_SUMS, SHOOTING_SUMS, COUNTING_SUMS, SHOOTING_SUMS);

    /**
     * A player's split (docs/api.md): the season's lines inside {@code from}..{@code to} against {@code vs} (another
     * team with a line in the game), the latest {@code last} of them by date and then game id in byte order (as the
     * latest game is found everywhere); each filter off when its parameter is null, {@code LIMIT NULL} being all.
     * It reads the player's lines of the season by the player index, and one primary-key probe per line for
     * {@code vs}.
     */
    static final String PLAYER_SPLIT = """
            WITH split_line AS (
                SELECT l.*
                FROM stat_line l
                WHERE l.player_id = ? AND l.season = ? AND l.season_type = ? AND NOT l.deleted
                  AND (?::date IS NULL OR l.game_date >= ?::date)
                  AND (?::date IS NULL OR l.game_date <= ?::date)
                  AND (?::bigint IS NULL OR EXISTS (
                      SELECT 1 FROM stat_line o
                      WHERE o.game_id = l.game_id AND o.team_id = ?::bigint AND o.team_id <> l.team_id AND NOT o.deleted))
                ORDER BY l.game_date DESC, l.game_id COLLATE "C" DESC
                LIMIT ?::integer)
            SELECT count(*) AS games_played,
                   %s,
                   count(fgm) AS shooting_games,
                   %s
            FROM split_line""".formatted(COUNTING_SUMS, SHOOTING_SUMS);

    /**
     * A team's split: its per-game totals as in {@link #TEAM_SEASON}, of the games inside {@code from}..{@code to}
     * against {@code vs}, the latest {@code last} of them; then averaged the same way. It reads the team's lines of
     * the season by the team index, and one primary-key probe per line for {@code vs}.
     */
    static final String TEAM_SPLIT = """
            WITH team_game AS (
                SELECT l.game_id,
                       max(l.game_date) AS played_on,
                       count(*) AS player_lines,
                       %s,
                       count(fgm) AS shooting_lines,
                       %s
                FROM stat_line l
                WHERE l.team_id = ? AND l.season = ? AND l.season_type = ? AND NOT l.deleted
                  AND (?::date IS NULL OR l.game_date >= ?::date)
                  AND (?::date IS NULL OR l.game_date <= ?::date)
                  AND (?::bigint IS NULL OR EXISTS (
                      SELECT 1 FROM stat_line o
                      WHERE o.game_id = l.game_id AND o.team_id = ?::bigint AND o.team_id <> l.team_id AND NOT o.deleted))
                GROUP BY l.game_id
                ORDER BY played_on DESC, l.game_id COLLATE "C" DESC
                LIMIT ?::integer)
            SELECT count(*) AS games_played,
                   sum(player_lines) AS player_lines,
                   %s,
                   count(*) FILTER (WHERE shooting_lines > 0) AS shooting_games,
                   %s
            FROM team_game""".formatted(COUNTING_SUMS, SHOOTING_SUMS, COUNTING_SUMS, SHOOTING_SUMS);

    private static final String LATEST_PLAYER_SEASON =
            "SELECT max(season) FROM stat_line WHERE player_id = ? AND season_type = ? AND NOT deleted";
    private static final String LATEST_TEAM_SEASON =
            "SELECT max(season) FROM stat_line WHERE team_id = ? AND season_type = ? AND NOT deleted";

    private final JdbcTemplate jdbc;

    SeasonAverageQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The latest season in which the player has lines of this type. */
    Optional<String> latestPlayerSeason(long playerId, SeasonType type) {
        return Optional.ofNullable(jdbc.queryForObject(LATEST_PLAYER_SEASON, String.class, playerId, type.wireName()));
    }

    Optional<String> latestTeamSeason(long teamId, SeasonType type) {
        return Optional.ofNullable(jdbc.queryForObject(LATEST_TEAM_SEASON, String.class, teamId, type.wireName()));
    }

    /** Empty when the player has no line in that season. */
    Optional<PlayerSeasonAverage> player(long playerId, String season, SeasonType type, PerMode mode) {
        return jdbc.query(PLAYER_SEASON, rs -> {
            rs.next();
            long gamesPlayed = rs.getLong("games_played");
            return gamesPlayed == 0 ? Optional.<PlayerSeasonAverage>empty() : Optional.of(PlayerSeasonAverage.of(
                    playerId, season, type, mode, totals(rs, gamesPlayed, gamesPlayed)));
        }, playerId, season, type.wireName());
    }

    /** Empty when the team has no line in that season. */
    Optional<TeamSeasonAverage> team(long teamId, String season, SeasonType type, PerMode mode) {
        return jdbc.query(TEAM_SEASON, rs -> {
            rs.next();
            long gamesPlayed = rs.getLong("games_played");
            return gamesPlayed == 0 ? Optional.<TeamSeasonAverage>empty() : Optional.of(TeamSeasonAverage.of(
                    teamId, season, type, mode, totals(rs, rs.getLong("player_lines"), gamesPlayed)));
        }, teamId, season, type.wireName());
    }

    /** The player's average over a split; empty when no line of that season is in it. */
    Optional<PlayerSeasonAverage> player(long playerId, String season, SeasonType type, PerMode mode, Split split) {
        return jdbc.query(PLAYER_SPLIT, rs -> {
            rs.next();
            long gamesPlayed = rs.getLong("games_played");
            return gamesPlayed == 0 ? Optional.<PlayerSeasonAverage>empty() : Optional.of(PlayerSeasonAverage.of(
                    playerId, season, type, mode, totals(rs, gamesPlayed, gamesPlayed), split, List.of()));
        }, splitArguments(playerId, season, type, split));
    }

    /** The team's average over a split; empty when no game of that season is in it. */
    Optional<TeamSeasonAverage> team(long teamId, String season, SeasonType type, PerMode mode, Split split) {
        return jdbc.query(TEAM_SPLIT, rs -> {
            rs.next();
            long gamesPlayed = rs.getLong("games_played");
            return gamesPlayed == 0 ? Optional.<TeamSeasonAverage>empty() : Optional.of(TeamSeasonAverage.of(
                    teamId, season, type, mode, totals(rs, rs.getLong("player_lines"), gamesPlayed), split, new TeamOpponents(null, 0, 0)));
        }, splitArguments(teamId, season, type, split));
    }

    private static Object[] splitArguments(long id, String season, SeasonType type, Split split) {
        return new Object[]{id, season, type.wireName(), split.from(), split.from(), split.to(), split.to(),
                split.vs(), split.vs(), split.last()};
    }

    private static SeasonTotals totals(ResultSet rs, long lines, long games) throws SQLException {
        Map<BoxScoreStat, Long> sums = new EnumMap<>(BoxScoreStat.class);
        for (BoxScoreStat stat : BoxScoreStat.values()) {
            sums.put(stat, stat == BoxScoreStat.MINUTES_PLAYED
                    ? SeasonTotals.minutesInThousandths(rs.getBigDecimal(stat.wireName()))
                    : rs.getLong(stat.wireName()));
        }
        return new SeasonTotals(lines, games, rs.getLong("shooting_games"), sums);
    }
}

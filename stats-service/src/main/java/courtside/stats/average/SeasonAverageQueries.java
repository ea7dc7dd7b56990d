package courtside.stats.average;

import courtside.model.BoxScoreStat;
import courtside.model.PerMode;
import courtside.model.PlayerSeasonAverage;
import courtside.model.PlayerTeamSeason;
import courtside.model.SeasonTotals;
import courtside.model.SeasonType;
import courtside.model.Split;
import courtside.model.TeamOpponents;
import courtside.model.TeamSeasonAverage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Season averages from the stored lines, as docs/design.md section 3 defines them. PostgreSQL counts and sums
 * (exact integers, exact decimal minutes) into {@link SeasonTotals}; common-model divides them, the same way
 * aggregation-service does from its cached sums. The queries are built
 * once from the list of stats in common-model; the constants below are the SQL to EXPLAIN.
 * Not final: {@code @Repository} beans get an exception-translation proxy.
 *
 * <p>An answer takes two statements (the sums, then a team's opponents or a player's teams); they run in one
 * read-only REPEATABLE READ transaction, so that both see the same lines: read committed would give each its own
 * snapshot, and a line committed in between would show in one part of the answer and not in the other.
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
     * The lines of a player's ({@code player_id}) or a team's ({@code team_id}) season inside a split: between
     * {@code from} and {@code to}, in a game against {@code vs} (another team with a counting line in it); each filter
     * off when its parameter is null.
     */
    private static final String SPLIT_FILTER = """
            WHERE l.%s = ? AND l.season = ? AND l.season_type = ? AND NOT l.deleted
                  AND (?::date IS NULL OR l.game_date >= ?::date)
                  AND (?::date IS NULL OR l.game_date <= ?::date)
                  AND (?::bigint IS NULL OR EXISTS (
                      SELECT 1 FROM stat_line o
                      WHERE o.game_id = l.game_id AND o.team_id = ?::bigint AND o.team_id <> l.team_id AND NOT o.deleted))""";

    /**
     * The lines of a player's split (see {@link #PLAYER_SPLIT}); with every filter null, his lines of the season
     * ({@code LIMIT NULL} is all).
     */
    private static final String PLAYER_SPLIT_LINES = """
                SELECT l.*
                FROM stat_line l
                %s
                ORDER BY l.game_date DESC, l.game_id COLLATE "C" DESC
                LIMIT ?::integer
            """.formatted(SPLIT_FILTER.formatted("player_id")).stripTrailing();

    /**
     * A player's split (docs/api.md): the season's lines inside {@code from}..{@code to} against {@code vs} (another
     * team with a line in the game), the latest {@code last} of them by date and then game id in byte order (as the
     * latest game is found everywhere); each filter off when its parameter is null, {@code LIMIT NULL} being all.
     * It reads the player's lines of the season by the player index, and for {@code vs} one index probe per line
     * (on the real season PostgreSQL probes {@code stat_line_by_team} with {@code vs} and the game id, about 3 buffers
     * a probe, rather than the primary key).
     */
    static final String PLAYER_SPLIT = """
            WITH split_line AS (
            %s)
            SELECT count(*) AS games_played,
                   %s,
                   count(fgm) AS shooting_games,
                   %s
            FROM split_line""".formatted(PLAYER_SPLIT_LINES, COUNTING_SUMS, SHOOTING_SUMS);

    /**
     * A player's sums with each of his teams over the season or a split ({@link #PLAYER_SPLIT}'s lines; every filter
     * null for the whole season): one row per team on the line, in the order of his first game for it (ties, two
     * teams on one date, which no real line has, by team id). The same reads as {@link #PLAYER_SPLIT}, which the
     * answer makes first: the player's lines of the season by {@code stat_line_by_player} (at most 82; James Harden's
     * 65 lines of 2021-22 are 67 buffers, 0.1 ms in the server) and, for {@code vs}, one index probe per line (65
     * probes, 195 buffers more, about 1 ms); then one group per team (2021-22: up to 4).
     */
    static final String PLAYER_STINTS = """
            WITH split_line AS (
            %s)
            SELECT team_id,
                   min(game_date) AS first_played,
                   count(*) AS games_played,
                   %s,
                   count(fgm) AS shooting_games,
                   %s
            FROM split_line
            GROUP BY team_id
            ORDER BY first_played, team_id""".formatted(PLAYER_SPLIT_LINES, COUNTING_SUMS, SHOOTING_SUMS);

    /**
     * The lines of a team's split (see {@link #TEAM_SPLIT}) grouped by game, the latest {@code last} games kept; with
     * every filter null, all of its games of the season ({@code LIMIT NULL} is all).
     */
    private static final String TEAM_SPLIT_GAMES = """
                FROM stat_line l
                %s
                GROUP BY l.game_id
                ORDER BY played_on DESC, l.game_id COLLATE "C" DESC
                LIMIT ?::integer
            """.formatted(SPLIT_FILTER.formatted("team_id")).stripTrailing();

    /**
     * A team's split: its per-game totals as in {@link #TEAM_SEASON}, of the games inside {@code from}..{@code to}
     * against {@code vs}, the latest {@code last} of them; then averaged the same way. It reads the team's lines of
     * the season by the team index, and for {@code vs} one index probe per line, as {@link #PLAYER_SPLIT} (for a real
     * team's season, 862 probes, about 20 ms).
     */
    static final String TEAM_SPLIT = """
            WITH team_game AS (
                SELECT l.game_id,
                       max(l.game_date) AS played_on,
                       count(*) AS player_lines,
                       %s,
                       count(fgm) AS shooting_lines,
                       %s
            %s)
            SELECT count(*) AS games_played,
                   sum(player_lines) AS player_lines,
                   %s,
                   count(*) FILTER (WHERE shooting_lines > 0) AS shooting_games,
                   %s
            FROM team_game""".formatted(COUNTING_SUMS, SHOOTING_SUMS, TEAM_SPLIT_GAMES, COUNTING_SUMS, SHOOTING_SUMS);

    /**
     * A team's games of the season or of a split ({@link #TEAM_SPLIT}'s games; every filter null for the whole
     * season), one row each: the team's points and minutes there (for {@link courtside.model.GameResult}), and its
     * opponent's sums in the game: every counting line of the game that is not the team's. A game has at most two
     * teams (a third is refused, 409), so these are the other team's lines, with {@code vs} those of {@code vs}.
     * {@code opponent_lines} is 0 while the opponent has no line there. {@code shooting_games} is 1 when one of the
     * opponent's lines carries the shooting block: a team's shooting counts per game, as in {@link #TEAM_SEASON}.
     *
     * <p>Cost, on the real 2021-22 season (EXPLAIN ANALYZE, Phoenix): the team's lines of the season by
     * {@code stat_line_by_team}, as {@link #TEAM_SEASON} reads them (862 lines, 103 buffers), grouped into its 82
     * games; then per game one probe of the primary key on {@code game_id} ({@code stat_line_pkey}) that reads both
     * teams' lines of the game and keeps the opponent's (82 probes, 1,730 lines read, 869 kept, 561 buffers): 664
     * buffers, about 1.1 ms in the server, against 103 buffers and 0.45 ms for {@link #TEAM_SEASON}. {@code last} and
     * {@code from}/{@code to} probe only the split's games. {@code vs} adds what it costs {@link #TEAM_SPLIT}: one
     * index probe per line of the team (862 probes, 2,600 buffers, about 20 ms), the larger part of a {@code vs}
     * answer. A generic plan (the statement prepared once and reused) is the same.
     */
    static final String TEAM_OPPONENTS = """
            WITH team_game AS (
                SELECT l.game_id,
                       max(l.game_date) AS played_on,
                       sum(l.points) AS team_points,
                       sum(l.minutes_played) AS team_minutes
            %s)
            SELECT g.team_points, g.team_minutes, opponent.*
            FROM team_game g
            CROSS JOIN LATERAL (
                SELECT count(*) AS opponent_lines,
                       %s,
                       least(count(fgm), 1) AS shooting_games,
                       %s
                FROM stat_line o
                WHERE o.game_id = g.game_id AND o.team_id <> ? AND NOT o.deleted) opponent""".formatted(
            TEAM_SPLIT_GAMES, COUNTING_SUMS, SHOOTING_SUMS);

    private static final String LATEST_PLAYER_SEASON =
            "SELECT max(season) FROM stat_line WHERE player_id = ? AND season_type = ? AND NOT deleted";
    private static final String LATEST_TEAM_SEASON =
            "SELECT max(season) FROM stat_line WHERE team_id = ? AND season_type = ? AND NOT deleted";

    /** The filters of a split all off: the whole season, for the queries that serve both. */
    private static final Split WHOLE_SEASON = new Split(null, null, null, null);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate oneSnapshot;

    SeasonAverageQueries(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.oneSnapshot = new TransactionTemplate(transactions);
        oneSnapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        oneSnapshot.setReadOnly(true);
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
        return inOneSnapshot(() -> jdbc.query(PLAYER_SEASON, rs -> {
            rs.next();
            long gamesPlayed = rs.getLong("games_played");
            return gamesPlayed == 0 ? Optional.<SeasonTotals>empty() : Optional.of(totals(rs, gamesPlayed, gamesPlayed));
        }, playerId, season, type.wireName()).map(totals -> PlayerSeasonAverage.of(playerId, season, type, mode, totals,
                null, stints(playerId, season, type, WHOLE_SEASON))));
    }

    /** Empty when the team has no line in that season. */
    Optional<TeamSeasonAverage> team(long teamId, String season, SeasonType type, PerMode mode) {
        return inOneSnapshot(() -> jdbc.query(TEAM_SEASON, rs -> {
            rs.next();
            long gamesPlayed = rs.getLong("games_played");
            return gamesPlayed == 0 ? Optional.<SeasonTotals>empty()
                    : Optional.of(totals(rs, rs.getLong("player_lines"), gamesPlayed));
        }, teamId, season, type.wireName()).map(totals -> TeamSeasonAverage.of(teamId, season, type, mode, totals,
                null, opponents(teamId, season, type, WHOLE_SEASON))));
    }

    /** The player's average over a split; empty when no line of that season is in it. */
    Optional<PlayerSeasonAverage> player(long playerId, String season, SeasonType type, PerMode mode, Split split) {
        return inOneSnapshot(() -> jdbc.query(PLAYER_SPLIT, rs -> {
            rs.next();
            long gamesPlayed = rs.getLong("games_played");
            return gamesPlayed == 0 ? Optional.<SeasonTotals>empty() : Optional.of(totals(rs, gamesPlayed, gamesPlayed));
        }, splitArguments(playerId, season, type, split)).map(totals -> PlayerSeasonAverage.of(playerId, season, type,
                mode, totals, split, stints(playerId, season, type, split))));
    }

    /** The team's average over a split; empty when no game of that season is in it. */
    Optional<TeamSeasonAverage> team(long teamId, String season, SeasonType type, PerMode mode, Split split) {
        return inOneSnapshot(() -> jdbc.query(TEAM_SPLIT, rs -> {
            rs.next();
            long gamesPlayed = rs.getLong("games_played");
            return gamesPlayed == 0 ? Optional.<SeasonTotals>empty()
                    : Optional.of(totals(rs, rs.getLong("player_lines"), gamesPlayed));
        }, splitArguments(teamId, season, type, split)).map(totals -> TeamSeasonAverage.of(teamId, season, type, mode,
                totals, split, opponents(teamId, season, type, split))));
    }

    /** The player's sums with each team on his lines of the season (split), in the order he played for them. */
    private List<PlayerTeamSeason.Stint> stints(long playerId, String season, SeasonType type, Split split) {
        return jdbc.query(PLAYER_STINTS, (rs, row) -> new PlayerTeamSeason.Stint(rs.getLong("team_id"),
                totals(rs, rs.getLong("games_played"), rs.getLong("games_played"))),
                splitArguments(playerId, season, type, split));
    }

    /** The team's games of the season (split) with its opponents' sums there, summed and counted by common-model. */
    private TeamOpponents opponents(long teamId, String season, SeasonType type, Split split) {
        List<TeamOpponents.Game> games = new ArrayList<>();
        Object[] arguments = splitArguments(teamId, season, type, split);
        Object[] withTeam = Arrays.copyOf(arguments, arguments.length + 1);
        withTeam[arguments.length] = teamId;
        jdbc.query(TEAM_OPPONENTS, rs -> {
            long opponentLines = rs.getLong("opponent_lines");
            games.add(new TeamOpponents.Game(rs.getLong("team_points"),
                    SeasonTotals.minutesInThousandths(rs.getBigDecimal("team_minutes")),
                    opponentLines == 0 ? null : totals(rs, opponentLines, 1)));
        }, withTeam);
        return TeamOpponents.of(games);
    }

    /** Runs an answer's statements in one snapshot of the lines (see the class comment). */
    private <T> Optional<T> inOneSnapshot(Supplier<Optional<T>> answer) {
        return oneSnapshot.execute(status -> answer.get());
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

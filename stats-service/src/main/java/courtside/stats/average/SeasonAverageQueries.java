package courtside.stats.average;

import courtside.model.BoxScoreStat;
import courtside.model.SeasonType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Season averages from the stored lines, as DESIGN.md section 3 defines them. PostgreSQL counts and sums
 * (exact integers, exact decimal minutes); an average is that sum divided by its count as a double, one
 * correctly rounded division, so it matches any client that divides the same numbers. The queries are built
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
    Optional<PlayerSeasonAverage> player(long playerId, String season, SeasonType type) {
        return jdbc.query(PLAYER_SEASON, rs -> {
            rs.next();
            long gamesPlayed = rs.getLong("games_played");
            if (gamesPlayed == 0) {
                return Optional.empty();
            }
            Map<String, Object> totals = countingTotals(rs);
            return Optional.of(new PlayerSeasonAverage(playerId, season, type, gamesPlayed,
                    perGame(totals, gamesPlayed), totals, shooting(rs, rs.getLong("shooting_games"))));
        }, playerId, season, type.wireName());
    }

    /** Empty when the team has no line in that season. */
    Optional<TeamSeasonAverage> team(long teamId, String season, SeasonType type) {
        return jdbc.query(TEAM_SEASON, rs -> {
            rs.next();
            long gamesPlayed = rs.getLong("games_played");
            if (gamesPlayed == 0) {
                return Optional.empty();
            }
            long playerLines = rs.getLong("player_lines");
            Map<String, Object> totals = countingTotals(rs);
            return Optional.of(new TeamSeasonAverage(teamId, season, type, gamesPlayed, perGame(totals, gamesPlayed),
                    perGame(totals, playerLines), totals, playerLines, shooting(rs, rs.getLong("shooting_games"))));
        }, teamId, season, type.wireName());
    }

    private static Map<String, Object> countingTotals(ResultSet rs) throws SQLException {
        Map<String, Object> totals = new LinkedHashMap<>();
        for (BoxScoreStat stat : BoxScoreStat.counting()) {
            totals.put(stat.wireName(), stat == BoxScoreStat.MINUTES_PLAYED
                    ? rs.getBigDecimal(stat.wireName()).stripTrailingZeros()
                    : (Object) rs.getLong(stat.wireName()));
        }
        return totals;
    }

    private static Map<String, Double> perGame(Map<String, Object> totals, long divisor) {
        Map<String, Double> averages = new LinkedHashMap<>();
        totals.forEach((stat, total) -> averages.put(stat, average(total, divisor)));
        return averages;
    }

    /** Per-game averages of the shooting block and the percentages; {@code null} when no line carries it. */
    private static Map<String, Number> shooting(ResultSet rs, long games) throws SQLException {
        if (games == 0) {
            return null;
        }
        Map<String, Number> shooting = new LinkedHashMap<>();
        shooting.put("games", games);
        for (BoxScoreStat stat : BoxScoreStat.shooting()) {
            shooting.put(stat.wireName(), rs.getLong(stat.wireName()) / (double) games);
        }
        shooting.put("fg_pct", percentage(rs.getLong("fgm"), rs.getLong("fga")));
        shooting.put("fg3_pct", percentage(rs.getLong("fg3m"), rs.getLong("fg3a")));
        shooting.put("ft_pct", percentage(rs.getLong("ftm"), rs.getLong("fta")));
        return shooting;
    }

    private static double average(Object total, long divisor) {
        double sum = total instanceof BigDecimal decimal ? decimal.doubleValue() : ((Long) total).doubleValue();
        return sum / divisor;
    }

    private static Double percentage(long made, long attempted) {
        return attempted == 0 ? null : made / (double) attempted;
    }
}

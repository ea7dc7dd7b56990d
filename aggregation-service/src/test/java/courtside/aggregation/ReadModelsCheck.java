package courtside.aggregation;

import courtside.stats.ConcurrentChecks;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The read models beyond averages, each against what SQL over {@code stat_line} says, computed here on its own:
 * leader tables of players and teams, the live metrics' line total and top players, and distributions. Leader
 * tables are compared from the leader index ({@code X-Cache: HIT}); after a flush, the first request starts the
 * rebuild that refills it, and the check waits for that.
 */
final class ReadModelsCheck {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Stats whose per-game leader tables are compared whole: counting, decimal minutes, the shooting block. */
    private static final List<String> PLAYER_STATS = List.of("points", "rebounds", "assists", "minutes_played", "fg3m");
    private static final List<String> TEAM_STATS = List.of("points", "assists", "oreb");
    /** Seasons compared at once, as many as the ledger checkers of {@link Pipeline}. */

    private final RestTestClient aggregation;
    private final JdbcTemplate sql;

    ReadModelsCheck(RestTestClient aggregation, JdbcTemplate sql) {
        this.aggregation = aggregation;
        this.sql = sql;
    }

    /** @return how many leader tables, distributions and metrics were compared */
    int assertEqualToSql() {
        return assertEqualToSql(season -> true);
    }

    /**
     * The leader tables and distributions of the seasons in scope only (every season type they have lines in); the
     * live metrics are checked whole all the same, since they span the seasons.
     *
     * @return how many leader tables, distributions and metrics were compared
     */
    int assertEqualToSql(Predicate<String> inScope) {
        awaitIndexed();
        List<Map<String, Object>> seasons = sql.queryForList(
                "SELECT DISTINCT season, season_type FROM stat_line WHERE NOT deleted ORDER BY season DESC, season_type DESC");
        int compared = 0;
        // The seasons are compared a few at a time: each comparison is requests and SQL, mostly waiting on the service
        // and PostgreSQL, and a whole-cache check late in the JVM covers dozens of seasons. Nothing writes meanwhile.
        try (ExecutorService checkers = Executors.newFixedThreadPool(ConcurrentChecks.CHECKERS)) {
            List<Future<Integer>> checks = new ArrayList<>();
            for (Map<String, Object> row : seasons) {
                String season = (String) row.get("season");
                if (inScope.test(season)) {
                    String type = (String) row.get("season_type");
                    checks.add(checkers.submit(() -> assertSeasonEqualToSql(season, type)));
                }
            }
            for (Future<Integer> check : checks) {
                compared += ConcurrentChecks.outcome(check);
            }
        }
        assertMaterialized(seasons, "HIT");
        return compared + 1;
    }

    /** The leader tables and distributions of one season of one type; @return how many were counted as compared */
    private int assertSeasonEqualToSql(String season, String type) {
        int compared = 0;
        for (String stat : PLAYER_STATS) {
            assertLeaders("player", season, type, stat, 0, "HIT");
            compared++;
        }
        assertLeaders("player", season, type, "fg_pct", 0, "HIT");
        assertLeaders("player", season, type, "ft_pct", 20, "HIT");
        for (String stat : TEAM_STATS) {
            assertLeaders("team", season, type, stat, 0, "HIT");
            compared++;
        }
        for (Long player : sql.queryForList("""
                SELECT player_id FROM stat_line WHERE NOT deleted AND season = ? AND season_type = ?
                GROUP BY player_id ORDER BY count(*) DESC, player_id LIMIT 2""", Long.class, season, type)) {
            assertDistribution(player, season, type, "points");
            assertDistribution(player, season, type, "minutes_played");
            compared += 2;
        }
        return compared;
    }

    /** Until a leader table comes from the index; a first MISS starts the rebuild that refills it. */
    private void awaitIndexed() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                "HIT".equals(aggregation.get().uri("/leaders").exchange().returnResult(String.class)
                        .getResponseHeaders().getFirst("X-Cache")));
    }

    /** One whole leader table, row by row, against SQL; {@code source} is the {@code X-Cache} it must come from. */
    void assertLeaders(String side, String season, String type, String stat, long minAttempts, String source) {
        String uri = "/leaders%s?season=%s&season_type=%s&stat=%s&limit=1000&min_attempts=%d"
                .formatted(side.equals("team") ? "/teams" : "", season, type, stat, minAttempts);
        var result = aggregation.get().uri(uri).exchange().expectStatus().isOk().returnResult(String.class);
        assertThat(result.getResponseHeaders().getFirst("X-Cache")).as("source of %s", uri).isEqualTo(source);
        JsonNode leaders = JSON.readTree(result.getResponseBody()).get("leaders");
        List<Row> expected = sqlLeaders(side, season, type, stat, minAttempts);
        assertThat(leaders.size()).as("rows of %s", uri).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode row = leaders.get(i);
            Row want = expected.get(i);
            String where = uri + " row " + (i + 1);
            assertThat(row.get(side + "_id").longValue()).as("%s id", where).isEqualTo(want.id());
            assertThat(row.get("games_played").longValue()).as("%s games", where).isEqualTo(want.games());
            assertThat(row.get("value").doubleValue()).as("%s value", where).isCloseTo(want.value(), within(1e-9));
            assertThat(row.get("team_id").longValue()).as("%s team", where).isEqualTo(want.team());
        }
    }

    private record Row(long id, long games, double value, long team) {
    }

    /** A leader table as SQL computes it: ranked by value, ties by id. */
    private List<Row> sqlLeaders(String side, String season, String type, String stat, long minAttempts) {
        String made = stat.endsWith("_pct") ? stat.replace("_pct", "m") : stat;
        String attempts = stat.endsWith("_pct") ? stat.replace("_pct", "a") : "0";
        boolean shooting = stat.startsWith("fg") || stat.startsWith("ft") || stat.equals("oreb") || stat.equals("dreb");
        String query = side.equals("player") ? """
                SELECT player_id AS id, count(*) AS games, count(fgm) AS shooting_games,
                       sum(%1$s) AS total, sum(%2$s) AS attempts, (array_agg(team_id ORDER BY game_date DESC, game_id COLLATE "C" DESC))[1] AS team
                FROM stat_line WHERE NOT deleted AND season = ? AND season_type = ? GROUP BY player_id""" : """
                SELECT team_id AS id, count(DISTINCT game_id) AS games,
                       count(DISTINCT game_id) FILTER (WHERE fgm IS NOT NULL) AS shooting_games,
                       sum(%1$s) AS total, sum(%2$s) AS attempts, team_id AS team
                FROM stat_line WHERE NOT deleted AND season = ? AND season_type = ? GROUP BY team_id""";
        List<Row> rows = new ArrayList<>();
        sql.query(query.formatted(made, attempts), rs -> {
            BigDecimal total = rs.getBigDecimal("total");
            long attempted = rs.getLong("attempts");
            long divisor = shooting ? rs.getLong("shooting_games") : rs.getLong("games");
            if (stat.endsWith("_pct")) {
                if (attempted > 0 && attempted >= minAttempts) {
                    rows.add(new Row(rs.getLong("id"), rs.getLong("games"), total.doubleValue() / attempted, rs.getLong("team")));
                }
            } else if (divisor > 0) {
                rows.add(new Row(rs.getLong("id"), rs.getLong("games"), total.doubleValue() / divisor, rs.getLong("team")));
            }
        }, season, type);
        rows.sort(Comparator.comparingDouble(Row::value).reversed().thenComparingLong(Row::id));
        return rows;
    }

    void assertDistribution(long player, String season, String type, String stat) {
        String uri = "/distribution/player/%d?season=%s&season_type=%s&stat=%s".formatted(player, season, type, stat);
        JsonNode answer = JSON.readTree(aggregation.get().uri(uri).exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody());
        Map<Long, Long> expected = new LinkedHashMap<>();
        sql.query("SELECT floor(%s)::bigint AS value, count(*) AS games FROM stat_line WHERE NOT deleted AND player_id = ? "
                        .formatted(stat) + "AND season = ? AND season_type = ? GROUP BY 1 ORDER BY 1",
                rs -> {
                    expected.put(rs.getLong("value"), rs.getLong("games"));
                }, player, season, type);
        Map<Long, Long> actual = new LinkedHashMap<>();
        answer.get("buckets").forEach(bucket -> {
            if (bucket.get("games").longValue() > 0) {
                actual.put(bucket.get("value").longValue(), bucket.get("games").longValue());
            }
        });
        assertThat(actual).as(uri).containsExactlyEntriesOf(expected);
        assertThat(answer.get("games").longValue()).as("games of %s", uri)
                .isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum());
    }

    /** The line total and the latest regular season's top players against SQL, from the {@code X-Cache} source given. */
    void assertMaterialized(String source) {
        assertMaterialized(sql.queryForList(
                "SELECT DISTINCT season, season_type FROM stat_line WHERE NOT deleted ORDER BY season DESC, season_type DESC"), source);
    }

    private void assertMaterialized(List<Map<String, Object>> seasons, String source) {
        var result = aggregation.get().uri("/materialized").exchange().expectStatus().isOk().returnResult(String.class);
        assertThat(result.getResponseHeaders().getFirst("X-Cache")).as("source of /materialized").isEqualTo(source);
        JsonNode live = JSON.readTree(result.getResponseBody());
        assertThat(live.get("lines_total").longValue()).as("lines_total")
                .isEqualTo(sql.queryForObject("SELECT count(*) FROM stat_line WHERE NOT deleted", Long.class));
        if (!source.equals("BYPASS")) {
            assertThat(live.get("lines_per_minute").longValue()).as("lines_per_minute").isNotNegative();
        }
        String latest = seasons.stream().filter(s -> "regular".equals(s.get("season_type"))).map(s -> (String) s.get("season"))
                .findFirst().orElse(null);
        assertThat(live.get("season").asString(null)).as("latest regular season").isEqualTo(latest);
        if (latest == null) {
            return;
        }
        for (String stat : List.of("points", "rebounds", "assists")) {
            Map<String, Object> top = sql.queryForMap("""
                    SELECT player_id, sum(%s) AS total FROM stat_line WHERE NOT deleted AND season = ? AND season_type = 'regular'
                    GROUP BY player_id ORDER BY 2 DESC, 1 LIMIT 1""".formatted(stat), latest);
            JsonNode leader = live.get("top_players").get(stat);
            assertThat(leader.get("player_id").longValue()).as("top player by %s", stat)
                    .isEqualTo(((Number) top.get("player_id")).longValue());
            assertThat(leader.get("total").longValue()).as("top %s total", stat).isEqualTo(((Number) top.get("total")).longValue());
        }
    }
}
